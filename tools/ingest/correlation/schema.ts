import { z } from 'zod';
import type { CorrelationOutcome } from './types.ts';

// How a tool reports one item's correlation outcome (ingest_transcript), bounded: the full record stays on
// the source item's metadata.correlation.

const field = z.enum(['value', 'expectedCloseDate', 'probability', 'quantity', 'unitPrice', 'stage']).describe('deal field');

export const correlationOutcomeOutput = z
  .object({
    result: z.enum(['merged', 'created', 'ambiguous', 'unmatched', 'hidden']).describe('merged into a deal, opened a new one, tied between several (nothing merged), about no known deal, or about a deal outside your scope'),
    matchedBy: z.array(z.string().describe('a key, e.g. tag:RFQ-1234, participants:2, account, named')).describe('what matched the deal'),
    candidates: z
      .array(z.object({ opportunityId: z.string().describe('deal id'), name: z.string().describe('deal name'), score: z.number().describe('match score (3 merges)') }).describe('a deal considered'))
      .describe('tied deals (ambiguous) or near misses, best first (at most 5)'),
    applied: z.array(field).describe('fields the item set on the deal'),
    supported: z.array(field).describe('fields whose stored value the item confirms'),
    conflicts: z
      .array(
        z
          .object({
            field,
            stored: z.unknown().describe('the value the deal held'),
            incoming: z.unknown().describe('the value the item states'),
            winner: z.enum(['stored', 'incoming']).describe('which value the deal keeps'),
            why: z.string().describe('the precedence rule that decided'),
          })
          .describe('a disagreement'),
      )
      .describe('values the item disagreed on, recorded whichever won'),
    note: z.string().nullable().describe('why nothing was merged or opened, when so'),
  })
  .describe('how the item was correlated with deals');

export type CorrelationOutcomeOutput = z.infer<typeof correlationOutcomeOutput>;

export const outcomeOutput = (o: CorrelationOutcome): CorrelationOutcomeOutput => ({
  result: o.result,
  matchedBy: o.matchedBy,
  candidates: o.candidates.map((c) => ({ opportunityId: c.opportunityId, name: c.name, score: c.score })),
  applied: o.applied.map((a) => a.field),
  supported: o.supported,
  conflicts: o.conflicts.map((c) => ({ field: c.field, stored: c.stored, incoming: c.incoming, winner: c.winner, why: c.why })),
  note: o.note,
});
