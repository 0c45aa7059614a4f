import { z } from 'zod';
import { OBJECTION_TYPES } from '../../core/domain.ts';
import { objectionFollowUps, OUTCOME_DAYS, RESPONSE_DAYS } from '../../db/repos/objection-outcomes.ts';
import { invalidInput } from '../core/errors.ts';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { draftCommon, draftCommonOf, prepareDraft, type Prepared } from './drafting/prepare.ts';
import { voiceOf } from './drafting/voice.ts';
import { emptyBook } from './facts/collect.ts';
import { FactLedger } from './facts/fact.ts';
import { approachById } from './objections/approaches.ts';
import { detectObjection } from './objections/detect.ts';
import { rankApproaches } from './objections/rank.ts';
import { leadTone } from './tone/lead-tone.ts';

const METHOD = `Each past objection of this type in the store is followed to the first message the seller sent that person within ${RESPONSE_DAYS} days (the response, classified by approach from its wording), then to the next thing heard from or logged with them within ${OUTCOME_DAYS} days; positive = positive sentiment, or an outcome of next steps agreed / meeting booked. Ranked by (positive + 1) / (tried + 2); counts cover the whole org's history and name no record.`;

export const objectionResponse = defineTool({
  name: 'objection_response',
  description:
    'Answer an objection: detects its type from the text (price, timing, authority, need, competitor, trust; also feature, contract), then ranks the ways to answer it by how often each was followed by a positive outcome in past interactions, with those counts, and words each answer (for a given lead: from their record, in their tone).',
  input: z.object({
    objection: z.string().trim().min(3, 'quote or paraphrase the objection').max(2000).describe('the objection, in the buyer\'s words or a paraphrase'),
    lead: reference('lead').optional().describe('the lead who raised it: answers then use their record and tone'),
  }),
  output: z.object({
    type: z.enum(OBJECTION_TYPES).describe('the objection type detected'),
    detectedBy: z.enum(['cue', 'keyword']).describe('cue = a pushback phrase the signal extractor knows; keyword = only the topic was recognised'),
    otherTypes: z.array(z.enum(OBJECTION_TYPES)).describe('other types the text also touches'),
    responses: z
      .array(
        z.object({
          approach: z.string().describe('approach id'),
          label: z.string().describe('what the approach does'),
          response: z.string().describe('the answer, worded for this lead when one is given'),
          tried: z.number().int().describe('past objections of this type answered this way'),
          positive: z.number().int().describe('of those, how many were followed by a positive outcome'),
          positiveRate: z.number().nullable().describe('positive / tried, percent with one decimal; null when never tried'),
          textbook: z.boolean().describe('a standard answer to this type (sales playbook), whether or not tried here'),
        }),
      )
      .describe('answers, best first'),
    sampleSize: z.number().int().describe('past objections of this type that had a response to learn from'),
    method: z.string().describe('how the counts were made'),
    draft: z.object(draftCommon).nullable().describe('when a lead is given: who, the tone and the facts the answers used'),
  }),
  annotations: { title: 'Objection response', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const detected = detectObjection(input.objection, ctx.now);
    if (!detected) {
      throw invalidInput([{ field: 'objection', message: `no objection recognised; say what the buyer pushed back on (one of: ${OBJECTION_TYPES.join(', ')})` }]);
    }
    const prepared: Prepared | null = input.lead ? await prepareDraft(ctx, { lead: input.lead }) : null;
    const book = prepared?.book ?? emptyBook();
    const voice = prepared?.voice ?? voiceOf(leadTone([]));
    const ledger = prepared?.ledger ?? new FactLedger();
    const followUps = await objectionFollowUps(ctx.db, { asOf: ctx.now, type: detected.type });
    const responses = rankApproaches(detected.type, followUps).map((r) => {
      const a = approachById(r.approach);
      return { ...r, label: a.label, response: a.compose(voice, book, ledger) };
    });
    return {
      type: detected.type,
      detectedBy: detected.how,
      otherTypes: detected.all.filter((t) => t !== detected.type),
      responses,
      sampleSize: followUps.length,
      method: METHOD,
      draft: prepared ? draftCommonOf(prepared, responses.map((r) => r.response).join('\n')) : null,
    };
  },
});
