import { z } from 'zod';
import { OBJECTION_TYPES, type ObjectionType } from '../../core/domain.ts';
import { objectionFollowUps } from '../../db/repos/objection-outcomes.ts';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { discoveryQuestions } from './drafting/discovery.ts';
import { draftCommon, draftCommonOf, prepareDraft } from './drafting/prepare.ts';
import { approachById } from './objections/approaches.ts';
import { rankApproaches } from './objections/rank.ts';
import { briefLines } from './meetings/brief-lines.ts';

export const callScript = defineTool({
  name: 'call_script',
  description:
    'A call script for a lead or a deal\'s primary contact: pre-call brief from the record, an opening in their tone, discovery questions aimed at the BANT/MEDDIC criteria still unknown for them, likely objections (theirs first, then the commonest in the store) with the answer that worked best before and its counts, and a close asking for the next step. Lists the facts used.',
  input: z.object({
    lead: reference('lead').optional(),
    opportunity: reference('opportunity').optional().describe('the deal: an id or a name; the script is for its primary contact unless `lead` is given'),
    tone: z.enum(['formal', 'casual']).optional().describe('override the tone measured from the lead\'s messages'),
  }),
  output: z.object({
    ...draftCommon,
    brief: z.array(z.string()).describe('pre-call brief: who, the deal, the last touch, open questions, objections, pains, open tasks'),
    opening: z.string().describe('the first lines to say'),
    discoveryQuestions: z
      .array(
        z.object({
          framework: z.enum(['BANT', 'MEDDIC']).describe('the framework'),
          criterion: z.string().describe('the criterion the question aims at'),
          status: z.enum(['unknown', 'unmet']).describe('where it stands'),
          why: z.string().describe('what says so: the latest assessment, or nothing in the record'),
          question: z.string().describe('the question to ask'),
        }),
      )
      .describe('questions for what is still unknown'),
    likelyObjections: z
      .array(
        z.object({
          type: z.enum(OBJECTION_TYPES).describe('objection type'),
          why: z.string().describe('raised by them before, or common in the store'),
          answer: z.string().describe('the answer with the best record'),
          approach: z.string().describe('the approach id'),
          tried: z.number().int().describe('times this answer followed such an objection in the store'),
          positive: z.number().int().describe('of those, followed by a positive outcome'),
        }),
      )
      .describe('objections to expect, with answers'),
    close: z.string().describe('how to end the call: the ask for the next step'),
  }),
  annotations: { title: 'Call script', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const p = await prepareDraft(ctx, input, input.tone);
    const { book, voice: v, ledger } = p;
    const me = book.sender ? ledger.use(book.sender.firstName) : null;
    const reason = book.lastTouch ? v.say(` I am following up on our ${ledger.use(book.lastTouch.kind)} of ${ledger.use(book.lastTouch.day)}.`, ` Following up on our ${ledger.use(book.lastTouch.kind)}.`) : '';
    const opening = v.say(
      `Hello, is this ${ledger.use(book.fullName)}? ${me ? `This is ${me}. ` : ''}Thank you for taking my call.${reason} Is now still a good time?`,
      `Hi ${ledger.use(book.firstName)}, ${me ? `${me} here` : 'hi'}!${reason} Got a few minutes?`,
    );
    const followUps = await objectionFollowUps(ctx.db, { asOf: ctx.now });
    const counts = new Map<ObjectionType, number>();
    for (const f of followUps) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
    const theirs = [...new Map(book.objections.map((o) => [o.type, o])).values()];
    const common = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t).filter((t) => !theirs.some((o) => o.type === t));
    const types: { type: ObjectionType; why: string }[] = [
      ...theirs.map((o) => ({ type: o.type, why: `raised by them: “${ledger.use(o)}”` })),
      ...common.map((t) => ({ type: t, why: `common in the store (${ledger.use({ key: 'derived.objectionCount', fact: `${counts.get(t)} past objections`, source: { kind: 'derived', id: book.leadId, field: `objections of type ${t} in the store` } })})` })),
    ].slice(0, 3);
    const likelyObjections = types.map(({ type, why }) => {
      const best = rankApproaches(type, followUps)[0];
      const a = approachById(best?.approach ?? 'follow_up_only');
      return { type, why, answer: a.compose(v, book, ledger), approach: a.id, tried: best?.tried ?? 0, positive: best?.positive ?? 0 };
    });
    const close = book.deal?.nextSteps
      ? v.say(`Before we finish: can we confirm the next step, ${ledger.use(book.deal.nextSteps)}, and put a date on it?`, `Before you go: are we good on ${ledger.use(book.deal.nextSteps)}? Let's put a date on it.`)
      : v.say('Before we finish: what would be a sensible next step, and when?', "Before you go: what's a good next step, and when?");
    const brief = briefLines(p, ledger);
    const questions = discoveryQuestions(p.context, book, v, ledger);
    const text = [...brief, opening, ...questions.map((q) => q.question), ...likelyObjections.flatMap((o) => [o.why, o.answer]), close].join('\n');
    return { ...draftCommonOf(p, text), brief, opening, discoveryQuestions: questions, likelyObjections, close };
  },
});
