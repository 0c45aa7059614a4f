import { z } from 'zod';
import { accountPeople } from '../../db/repos/comms-context.ts';
import { invalidInput, notFound } from '../core/errors.ts';
import { resolveAccount } from '../core/resolve.ts';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { discoveryQuestions } from './drafting/discovery.ts';
import { bestApproach, draftCommon, draftCommonOf, prepareDraft } from './drafting/prepare.ts';
import { dayLabel } from './facts/format.ts';
import { briefLines } from './meetings/brief-lines.ts';

const HISTORY = 6;

export const meetingBrief = defineTool({
  name: 'meeting_brief',
  description:
    'A pre-meeting brief for a lead, a deal or an account: who is involved (with their roles on the deal), the history (latest interactions), open issues (unanswered questions, objections, overdue tasks, BANT/MEDDIC gaps) and talking points (the next step, answers to their objections with the best record in the store, the questions still to ask). Lists the facts used.',
  input: z.object({
    lead: reference('lead').optional(),
    opportunity: reference('opportunity').optional().describe('the deal: an id or a name'),
    account: reference('account').optional().describe('the account: an id or a name; the brief centres on its most recently contacted person you can see'),
  }),
  output: z.object({
    ...draftCommon,
    account: z.string().nullable().describe('the account'),
    who: z.array(z.object({ leadId: z.string().describe('lead id'), name: z.string().describe('name'), title: z.string().nullable().describe('job title'), role: z.string().nullable().describe('role on the deal') })).describe('the people involved'),
    summary: z.array(z.string()).describe('the brief: who, the deal, last touch, questions, objections, pains, preferences, open tasks'),
    history: z.array(z.object({ id: z.string().describe('interaction id'), date: z.string().describe('when, in the lead\'s zone'), kind: z.string().describe('email, call, meeting...'), direction: z.string().describe('inbound or outbound'), summary: z.string().describe('what it said') })).describe('latest interactions, newest first'),
    openIssues: z.array(z.string()).describe('what is unresolved'),
    talkingPoints: z.array(z.string()).describe('what to cover'),
  }),
  annotations: { title: 'Meeting brief', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    let target: { lead?: string; opportunity?: string } = { lead: input.lead, opportunity: input.opportunity };
    let accountName: string | null = null;
    if (!input.lead && !input.opportunity) {
      if (!input.account) throw invalidInput([{ field: 'lead', message: 'name a lead, an opportunity or an account' }]);
      const account = await resolveAccount(ctx, input.account);
      const people = await accountPeople(ctx.db, ctx.scope, account.id, 10);
      const centre = people?.deals[0]?.primaryContactId ? { opportunity: people.deals[0].id } : people?.leads[0] ? { lead: people.leads[0].id } : null;
      if (!centre) throw notFound('account', input.account, 'none of its people or deals are yours to see');
      target = centre;
      accountName = people?.account.name ?? null;
    }
    const p = await prepareDraft(ctx, target);
    const { book, context, ledger, voice } = p;
    const summary = briefLines(p, ledger);
    const who = context.people.length > 0
      ? context.people.map((x) => ({ leadId: x.leadId, name: x.fullName, title: x.title, role: x.role }))
      : [{ leadId: context.person.lead.id, name: context.person.lead.fullName, title: context.person.lead.title, role: null }];
    const history = context.timeline.filter((i) => i.direction !== 'internal').slice(0, HISTORY).map((i) => ({
      id: i.id, date: dayLabel(i.occurredAt, book.zone), kind: i.type, direction: i.direction, summary: i.subject ? `${i.subject}: ${i.quote}` : i.quote,
    }));
    const openIssues: string[] = [];
    for (const q of book.openQuestions) openIssues.push(`Unanswered question: ${ledger.use(q)}`);
    for (const o of book.objections.slice(0, 2)) openIssues.push(`Objection (${o.type}): ${ledger.use(o)}`);
    for (const t of context.openTasks.filter((t) => t.dueAt && t.dueAt < ctx.now).slice(0, 3)) openIssues.push(`Overdue task: ${ledger.use({ key: 'task.title', fact: t.title, source: { kind: 'task', id: t.id, field: 'title' } })}`);
    const gaps = discoveryQuestions(context, book, voice, ledger, 4);
    if (gaps.length > 0) openIssues.push(`Still unknown: ${gaps.map((g) => g.criterion.replace('_', ' ')).join(', ')}`);
    const talkingPoints: string[] = [];
    if (book.deal?.nextSteps) talkingPoints.push(`Agree the next step: ${ledger.use(book.deal.nextSteps)}`);
    for (const o of [...new Map(book.objections.map((x) => [x.type, x])).values()].slice(0, 2)) {
      const { approach, ranking } = await bestApproach(ctx, o.type);
      const best = ranking[0];
      talkingPoints.push(`On ${o.type}: ${approach.compose(voice, book, ledger)}${best && best.tried > 0 ? ` (${ledger.use({ key: 'derived.approachRecord', fact: `followed by a positive outcome ${best.positive} of ${best.tried} times`, source: { kind: 'derived', id: o.interactionId, field: 'objection outcomes in the store' } })})` : ''}`);
    }
    for (const g of gaps.slice(0, 3)) talkingPoints.push(`Ask (${g.framework} ${g.criterion.replace('_', ' ')}): ${g.question}`);
    const text = [...summary, ...openIssues, ...talkingPoints].join('\n');
    return { ...draftCommonOf(p, text), account: accountName ?? book.company?.fact ?? null, who, summary, history, openIssues, talkingPoints };
  },
});
