import { z } from 'zod';
import type { ObjectionType } from '../../../core/domain.ts';
import { objectionFollowUps } from '../../../db/repos/objection-outcomes.ts';
import type { ToolContext } from '../../core/context.ts';
import { loadCommsContext, type CommsContext, type TargetInput } from '../context/load.ts';
import { collectFacts, type FactBook } from '../facts/collect.ts';
import { FactLedger, factList } from '../facts/fact.ts';
import { unsupportedClaims } from '../facts/check.ts';
import { approachById, type Approach } from '../objections/approaches.ts';
import { rankApproaches, type RankedApproach } from '../objections/rank.ts';
import type { Formality } from '../tone/detect.ts';
import { leadTone, toneOutput } from '../tone/lead-tone.ts';
import { voiceOf, type Voice } from './voice.ts';

// What every draft tool does first: load the record, turn it into facts, measure the tone; and what
// every draft returns besides its text: the facts used with their sources, the tone and the self-check.

export interface Prepared {
  context: CommsContext;
  book: FactBook;
  voice: Voice;
  ledger: FactLedger;
}

export async function prepareDraft(ctx: ToolContext, target: TargetInput, tone?: Formality): Promise<Prepared> {
  const context = await loadCommsContext(ctx, target);
  const book = collectFacts(context);
  return { context, book, voice: voiceOf(leadTone(context.ownTexts, tone)), ledger: new FactLedger() };
}

/** the best-ranked answer to an objection type, from what followed such answers in the store */
export async function bestApproach(ctx: ToolContext, type: ObjectionType): Promise<{ approach: Approach; ranking: RankedApproach[] }> {
  const ranking = rankApproaches(type, await objectionFollowUps(ctx.db, { asOf: ctx.now, type }));
  return { approach: approachById(ranking[0]?.approach ?? 'follow_up_only'), ranking };
}

export const draftCommon = {
  leadId: z.string().describe('the lead written to'),
  lead: z.string().describe('the lead\'s name'),
  opportunityId: z.string().nullable().describe('the deal the draft draws on, if any'),
  tone: toneOutput,
  facts: factList,
  unsupported: z
    .array(z.object({ kind: z.enum(['number', 'date', 'name']).describe('what kind of claim'), text: z.string().describe('the claim') }))
    .describe('claims in the draft not found in its facts (the check a model-written draft must pass; empty for an offline draft)'),
  composedBy: z.enum(['record', 'model']).describe('record = composed from the record by this tool; model = rewritten by the configured language model from the same facts (the copilot does this for draft_email, draft_message and draft_sequence and checks it: a rewrite stating a fact the record does not hold is rejected)'),
};

export function draftCommonOf(p: Prepared, text: string) {
  const facts = p.ledger.inText(text);
  return {
    leadId: p.context.person.lead.id,
    lead: p.context.person.lead.fullName,
    opportunityId: p.context.deal?.id ?? null,
    tone: p.voice.tone,
    facts,
    unsupported: unsupportedClaims(text, facts),
    composedBy: 'record' as const,
  };
}
