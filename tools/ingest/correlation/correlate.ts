import { addDealKeys, type DealKeyRow } from '../../../db/repos/correlation.ts';
import type { OpportunityRow } from '../../../db/repos/opportunities.ts';
import { applyFragmentValues, type ApplyResult } from './apply.ts';
import { createDealFromFragment } from './create.ts';
import { keyRowOf, liveIo, type CorrelationIo } from './io.ts';
import { findCandidates, fragmentKeys, MERGE_THRESHOLD, tagKey, type FragmentKeys } from './match.ts';
import { pendingOf } from './pending.ts';
import type { Candidate, CorrelationContext, CorrelationOutcome, Fragment } from './types.ts';

// One fragment in, one decision out: merged into a deal, a new deal created, ambiguous (a tie at the top:
// nothing merged, the candidates recorded), unmatched, or hidden (its identifiers belong to a deal outside
// the caller's scope: neither merged nor duplicated). The decision is written on the source item
// (metadata.correlation), so correlating the same item twice returns the first answer and changes nothing.
// A fragment that names its deal (fragment.opportunityId) skips matching: merged, or hidden when that deal
// is outside the caller's scope.

/** Contacts added from a fragment's participants: we do not know their part in the deal yet. */
const CONTACT_ROLE = 'influencer';
/** Candidates kept on record: enough to review a tie or a near miss. */
const KEEP_CANDIDATES = 5;

const empty: ApplyResult = { applied: [], supported: [], conflicts: [] };

function outcomeOf(partial: Partial<CorrelationOutcome> & Pick<CorrelationOutcome, 'result'>, keys: FragmentKeys): CorrelationOutcome {
  return {
    opportunityId: null, score: null, matchedBy: [], candidates: [], tags: keys.tags, applied: [], supported: [], conflicts: [],
    repeated: false, note: null, ...partial,
  };
}

/** Attaches the fragment's identifiers, people and interactions to the deal. */
async function link(ctx: CorrelationContext, io: CorrelationIo, deal: DealKeyRow, fragment: Fragment, keys: FragmentKeys, created: boolean): Promise<void> {
  const dealKeys: Record<string, string> = { ...keys.systemIds };
  for (const tag of keys.tags) dealKeys[tagKey(tag)] = fragment.sourceItemId;
  await addDealKeys(ctx.tx, deal.id, dealKeys);
  await io.addContacts(deal.id, keys.leadIds, CONTACT_ROLE);
  await io.linkInteractions(deal.id, fragment.interactionIds ?? []);
  io.linked(deal, { keys: dealKeys, leadIds: keys.leadIds, threadKey: keys.threadKey, created });
}

async function record(ctx: CorrelationContext, fragment: Fragment, outcome: CorrelationOutcome, supported: ApplyResult['supported']): Promise<CorrelationOutcome> {
  await (ctx.io ?? liveIo(ctx.tx, ctx.scope)).record(fragment.sourceItemId, {
    ...outcome,
    repeated: undefined,
    // an item that found no single deal keeps what it said, to be correlated again when deals, contacts or
    // accounts appear (recorrelate.ts)
    pending: outcome.result === 'unmatched' || outcome.result === 'ambiguous' ? pendingOf(fragment) : undefined,
    // field + value of each confirmation: the "supports" backlinks
    supportedValues: supported,
    at: ctx.now.toISOString(),
  });
  return outcome;
}

const strip = (c: Candidate): Candidate => ({ opportunityId: c.opportunityId, name: c.name, score: c.score, matchedBy: c.matchedBy });

async function merge(ctx: CorrelationContext, io: CorrelationIo, deal: OpportunityRow, fragment: Fragment, keys: FragmentKeys, match: Pick<CorrelationOutcome, 'score' | 'matchedBy' | 'candidates'>) {
  await link(ctx, io, keyRowOf(deal), fragment, keys, false);
  const applied = await applyFragmentValues({ ...ctx, io }, deal, fragment);
  const outcome = outcomeOf({ result: 'merged', opportunityId: deal.id, ...match, applied: applied.applied, supported: applied.supported.map((s) => s.field), conflicts: applied.conflicts }, keys);
  return record(ctx, fragment, outcome, applied.supported);
}

export async function correlateFragment(ctx: CorrelationContext, fragment: Fragment): Promise<CorrelationOutcome> {
  const keys = fragmentKeys(fragment);
  const io = ctx.io ?? liveIo(ctx.tx, ctx.scope);
  const before = await io.previous(fragment.sourceItemId);
  if (before && typeof before.result === 'string') {
    const stored = before as unknown as CorrelationOutcome;
    const { result, opportunityId, score, matchedBy, candidates, tags, applied, supported, conflicts, note } = stored;
    return { ...outcomeOf({ result }, keys), opportunityId, score, matchedBy, candidates, tags, applied, supported, conflicts, note, repeated: true };
  }

  if (fragment.opportunityId) {
    const named = await io.deal(fragment.opportunityId);
    if (!named) return record(ctx, fragment, outcomeOf({ result: 'hidden', note: 'the deal the source names is outside your scope: not merged' }, keys), empty.supported);
    return merge(ctx, io, named, fragment, keys, { score: null, matchedBy: ['named'], candidates: [] });
  }

  const { candidates, hiddenExists } = await findCandidates({ ...ctx, io }, fragment.sourceItemId, keys);
  const [best, second] = candidates;
  const kept = candidates.slice(0, KEEP_CANDIDATES).map(strip);

  if (best && best.score >= MERGE_THRESHOLD && (!second || best.score > second.score)) {
    const deal = await io.deal(best.opportunityId);
    if (!deal) throw new Error(`correlation candidate ${best.opportunityId} vanished from scope`);
    return merge(ctx, io, deal, fragment, keys, { score: best.score, matchedBy: best.matchedBy, candidates: kept.slice(1) });
  }
  if (best && best.score >= MERGE_THRESHOLD) {
    const tied = kept.filter((c) => c.score === best.score);
    return record(ctx, fragment, outcomeOf({ result: 'ambiguous', candidates: kept, note: `${tied.length} deals score ${best.score}: nothing merged, review the candidates` }, keys), empty.supported);
  }
  if (hiddenExists) {
    return record(ctx, fragment, outcomeOf({ result: 'hidden', note: 'its identifiers belong to a deal outside your scope: not merged, not duplicated' }, keys), empty.supported);
  }
  const created = await createDealFromFragment(ctx, fragment, keys);
  if ('refused' in created) return record(ctx, fragment, outcomeOf({ result: 'unmatched', candidates: kept, note: created.refused }, keys), empty.supported);
  await link(ctx, io, created.deal, fragment, keys, true);
  return record(ctx, fragment, outcomeOf({ result: 'created', opportunityId: created.opportunityId, candidates: kept, applied: created.applied }, keys), empty.supported);
}
