import { z } from 'zod';
import { senderOf } from '../../db/repos/comms-context.ts';
import { getLeadWithContext, leadOpportunities } from '../../db/repos/lead-detail.ts';
import { countInteractionOnLead, insertInteraction } from '../../db/repos/ingest-interactions.ts';
import { conflict, invalidInput, notFound } from '../core/errors.ts';
import { resolveLead, resolveOpportunity } from '../core/resolve.ts';
import { isoDateTime, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { extractSignals } from '../ingest/signals/index.ts';
import { zoneOr } from './facts/format.ts';
import { detectOutcome } from './meetings/outcome.ts';

const KINDS = ['call', 'email', 'meeting', 'sms', 'whatsapp'] as const;

export const interactionLog = defineTool({
  name: 'interaction_log',
  description:
    'Record a call, email, meeting, SMS or WhatsApp with a lead (optionally on one of their deals). Sentiment, any objection and its type, a question asked, the outcome (meeting booked, next steps agreed, voicemail, no answer...) and action items with due dates are read from the text. Updates the lead\'s interaction count and last-contacted time.',
  input: z.object({
    lead: reference('lead'),
    kind: z.enum(KINDS).describe('what it was: call, email, meeting, sms or whatsapp'),
    text: z.string().trim().min(3, 'say what happened').max(20_000).describe('what was said or written (notes, the message, a call summary)'),
    occurredAt: isoDateTime.optional().describe('when it happened (default now); not in the future'),
    opportunity: reference('opportunity').optional().describe('the deal it was about: one of this lead\'s deals'),
    direction: z.enum(['outbound', 'inbound']).default('outbound').describe('outbound = we reached out (default); inbound = they did'),
    subject: z.string().trim().max(300).optional().describe('subject or title'),
  }),
  output: z.object({
    interactionId: z.string().describe('the interaction recorded'),
    leadId: z.string().describe('the lead'),
    lead: z.string().describe('the lead\'s name'),
    opportunityId: z.string().nullable().describe('the deal it was logged on'),
    kind: z.enum(KINDS).describe('what it was'),
    direction: z.enum(['outbound', 'inbound']).describe('who reached out'),
    occurredAt: z.string().describe('when (ISO)'),
    sentiment: z.object({ label: z.enum(['positive', 'neutral', 'negative']).describe('mood'), score: z.number().describe('-1..1') }).describe('sentiment read from the text'),
    objection: z.object({ type: z.string().describe('objection type'), quote: z.string().describe('the sentence') }).nullable().describe('the first objection in the text'),
    question: z.string().nullable().describe('the first question asked in the text'),
    outcome: z.string().nullable().describe('outcome read from the text'),
    actionItems: z.array(z.object({ text: z.string().describe('the sentence'), owner: z.string().nullable().describe('who'), due: z.string().nullable().describe('YYYY-MM-DD') })).describe('commitments in the text'),
  }),
  annotations: { title: 'Log interaction', readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  minRole: 'rep',
  async execute(input, ctx) {
    const at = input.occurredAt ? new Date(input.occurredAt) : ctx.now;
    if (Number.isNaN(at.getTime())) throw invalidInput([{ field: 'occurredAt', message: 'not a date and time (ISO 8601, e.g. 2026-06-12T15:00:00Z)' }]);
    if (at.getTime() > ctx.now.getTime() + 60_000) throw invalidInput([{ field: 'occurredAt', message: 'is in the future: log what has happened (schedule future touches as tasks)' }]);
    const match = await resolveLead(ctx, input.lead);
    const found = await getLeadWithContext(ctx.db, ctx.scope, match.id);
    if (!found) throw notFound('lead', input.lead);
    const { lead } = found;
    if (lead.status === 'merged') throw conflict(`${lead.fullName} was merged into another lead`, 'log it on the lead it was merged into');
    let opportunityId: string | null = null;
    if (input.opportunity) {
      const deal = await resolveOpportunity(ctx, input.opportunity);
      const theirs = await leadOpportunities(ctx.db, ctx.scope, lead.id, 100);
      if (!theirs.some((d) => d.id === deal.id)) throw conflict(`${deal.label} is not one of ${lead.fullName}'s deals`, 'log it without the deal, or on the deal\'s contact');
      opportunityId = deal.id;
    }
    // "I will send..." is the lead's commitment in their message, the caller's in their own notes
    const speaker = input.direction === 'inbound' ? lead.fullName : (await senderOf(ctx.db, ctx.actor.userId))?.fullName;
    const signals = extractSignals(input.text, { now: at, timeZone: zoneOr(lead.timeZone), ...(speaker ? { speaker } : {}), participants: [lead.fullName] });
    const objection = signals.objections[0] ?? null;
    const question = signals.questions[0]?.text.trim() ?? null;
    const outcome = detectOutcome(input.kind, input.text);
    const interactionId = await insertInteraction(ctx.db, {
      type: input.kind, direction: input.direction, channel: input.kind, leadId: lead.id, accountId: lead.accountId, opportunityId, userId: ctx.actor.userId,
      subject: input.subject ?? null, body: input.text, sentiment: signals.sentiment.label, sentimentScore: signals.sentiment.score,
      objectionType: objection?.type ?? null, question, outcome, occurredAt: at, metadata: { loggedWith: 'interaction_log' }, createdAt: ctx.now,
    });
    await countInteractionOnLead(ctx.db, ctx.scope, lead.id, { at, outbound: input.direction === 'outbound', byUserId: ctx.actor.userId });
    return {
      interactionId, leadId: lead.id, lead: lead.fullName, opportunityId, kind: input.kind, direction: input.direction, occurredAt: at.toISOString(),
      sentiment: { label: signals.sentiment.label, score: Math.round(signals.sentiment.score * 100) / 100 },
      objection: objection ? { type: objection.type, quote: objection.text.trim() } : null,
      question, outcome,
      actionItems: signals.actionItems.map((a) => ({ text: a.text.trim(), owner: a.owner, due: a.due })),
    };
  },
  audit: (_input, output) => ({
    action: 'interaction.logged', recordType: 'interaction', recordId: output.interactionId,
    changes: { leadId: output.leadId, opportunityId: output.opportunityId, kind: output.kind, outcome: output.outcome, sentiment: output.sentiment.label, objection: output.objection?.type ?? null },
  }),
});
