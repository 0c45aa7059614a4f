import { z } from 'zod';
import { queueFacts } from '../../db/repos/lead-queue.ts';
import { inScope } from '../../db/repos/scope.ts';
import { forbidden } from '../core/errors.ts';
import { resolveUser } from '../core/resolve.ts';
import { evidenceList, pageOutput } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { INBOUND_WINDOW_DAYS, rankQueue } from './priority.ts';

// at most this many open leads are ranked per call
const CANDIDATE_CAP = 2000;

const component = (what: string) =>
  z.object({ value: z.number().describe('0-1'), weight: z.number().describe('its weight in the priority') }).describe(what);

export const leadPrioritize = defineTool({
  name: 'lead_prioritize',
  description:
    'Your work queue: your open leads ranked by priority 0-100 = 100 x (0.4 score + 0.25 fresh inbound engagement (reply or inbound 1.0, click 0.7, open 0.4, fading over 14 days) + 0.2 overdue follow-up task + 0.15 time since last contact (full at 30 days or never)), each with why it is there and the records behind it. Managers can look at a rep of their team.',
  input: z.object({
    owner: z.string().trim().min(1).optional().describe('whose queue (id, email or name); default yours; managers within their team'),
    limit: z.number().int().min(1).max(50).default(10).describe('how many leads to return (1-50)'),
    offset: z.number().int().min(0).default(0).describe('leads to skip, for the next page'),
  }),
  output: z.object({
    owner: z.object({ id: z.string().describe('user id'), name: z.string().describe('name') }).describe('whose queue this is'),
    queue: z
      .array(
        z
          .object({
            leadId: z.string().describe('lead id'),
            lead: z.string().describe('lead name'),
            account: z.string().nullable().describe('company'),
            score: z.number().nullable().describe('lead score 0-100'),
            grade: z.string().nullable().describe('grade A-D'),
            priority: z.number().describe('priority 0-100, one decimal'),
            components: z
              .object({
                score: component('score / 100 (0.5 when unscored)'),
                inbound: component('freshest inbound engagement in 14 days'),
                overdue: component('oldest overdue open task'),
                gap: component('days since last contact / 30, capped at 1'),
              })
              .describe('the parts of the priority'),
            why: z.array(z.string()).describe('why the lead is in the queue, in words'),
          })
          .describe('one lead in the queue'),
      )
      .describe('the queue, highest priority first'),
    page: pageOutput,
    capped: z.boolean().describe(`true when more than ${CANDIDATE_CAP} open leads exist and only the best-scored were ranked`),
    evidence: evidenceList,
  }),
  annotations: { title: 'Prioritize my leads', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const who = await resolveUser(ctx, input.owner ?? ctx.actor.userId);
    if (who.id !== ctx.actor.userId && !inScope(ctx.scope, who.id)) {
      throw forbidden(`${who.label}'s queue is outside the records you can see`, 'leave owner out for your own queue');
    }
    const owner = { id: who.id, name: who.label };
    const { rows, capped } = await queueFacts(ctx.db, ctx.scope, { ownerId: owner.id, asOf: ctx.now, windowDays: INBOUND_WINDOW_DAYS, cap: CANDIDATE_CAP });
    const ranked = rankQueue(rows, ctx.now);
    const page = ranked.slice(input.offset, input.offset + input.limit);
    return {
      owner,
      queue: page.map((p) => ({
        leadId: p.row.leadId,
        lead: p.row.fullName,
        account: p.row.accountName,
        score: p.row.score,
        grade: p.row.grade,
        priority: p.priority,
        components: p.components,
        why: p.why,
      })),
      page: { total: ranked.length, limit: input.limit, offset: input.offset, hasMore: input.offset + page.length < ranked.length },
      capped,
      evidence: page.flatMap((p) => p.evidence),
    };
  },
});
