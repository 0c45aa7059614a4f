import type { ObjectionType, OpportunityStage } from '../../core/domain.ts';
import { ratio } from '../../core/stats/descriptive.ts';
import { competitorRecord, mentionsInWonDeals } from '../../db/repos/intel-competitors.ts';
import type { SimilarDeal } from '../../db/repos/intel-deals.ts';
import type { LinkedInteraction } from '../../db/repos/interactions.ts';
import type { ToolContext } from '../core/context.ts';
import { pct } from '../core/schemas.ts';
import { OBJECTION_PLAYBOOK } from './objection-playbook.ts';
import { interactionEvidence, type Evidence } from './risk-signals.ts';
import { interquartile } from './similar-summary.ts';

// The parts of deal_strategy that are arithmetic over loaded facts: competitor records, the price range
// of similar won deals, and negotiation advice from the deal's objections.

/** What each stage is for (documented sales heuristic). */
export const STAGE_APPROACH: Record<OpportunityStage, string> = {
  prospecting: 'Earn the first meeting: lead with a relevant insight about their business, not the product.',
  qualification: 'Qualify hard: confirm the pain, the budget, who decides and the timeline before investing more.',
  discovery: 'Map the decision: agree the decision criteria and process, find the economic buyer, and quantify the value for the proposal.',
  proposal: 'Make the proposal easy to say yes to: tie it to their criteria and numbers, and agree a decision date.',
  negotiation: 'Close on value: trade concessions for commitments (term, volume, date) and keep legal and procurement moving.',
  closed_won: 'Won: hand over cleanly and plan the expansion.',
  closed_lost: 'Lost: record why, and set a date to revisit.',
};

export async function competitorPositions(ctx: ToolContext, deal: { id: string; competitors: string[] }) {
  const out = [];
  for (const competitor of deal.competitors) {
    const record = await competitorRecord(ctx.db, competitor, { asOf: ctx.now, excludeId: deal.id });
    const mentions = await mentionsInWonDeals(ctx.db, ctx.scope, competitor, { asOf: ctx.now, limit: 3 });
    const rate = ratio(record.won, record.closed);
    out.push({
      competitor,
      closedDeals: record.closed,
      won: record.won,
      lost: record.closed - record.won,
      winRate: rate === null ? null : pct(rate * 100),
      lostToThem: record.lostTo,
      topLostReasons: record.lostReasons,
      wonDealMentions: mentions.map((m) => ({ deal: m.deal, quote: m.quote })),
      evidence: mentions.map((m): Evidence => ({ sourceId: m.interactionId, kind: m.type, date: m.occurredAt.toISOString(), quote: m.quote.slice(0, 200) })),
    });
  }
  return out;
}

export const MIN_PRICE_DEALS = 3;

/** p25-p75 of value and discount over similar won deals in the deal's currency; null with a reason when fewer than 3. */
export function priceSuggestion(deal: { valueMinor: number; currency: string }, similarWon: SimilarDeal[]) {
  const same = similarWon.filter((d) => d.currency === deal.currency);
  const deals = same.map((d) => ({ id: d.id, name: d.name, valueMinor: d.valueMinor, discountPct: d.discountPct === null ? null : pct(d.discountPct), similarity: d.similarity }));
  if (same.length < MIN_PRICE_DEALS) {
    return {
      suggestion: null,
      reason: `only ${same.length} similar won deal${same.length === 1 ? '' : 's'} in ${deal.currency} (at least ${MIN_PRICE_DEALS} needed)`,
      deals,
    };
  }
  const values = interquartile(same.map((d) => d.valueMinor))!;
  const discounts = interquartile(same.flatMap((d) => (d.discountPct === null ? [] : [d.discountPct])));
  const low = Math.round(values.p25);
  const high = Math.round(values.p75);
  const position = deal.valueMinor < low ? 'below' : deal.valueMinor > high ? 'above' : 'within';
  return {
    suggestion: {
      valueLow: { amountMinor: low, currency: deal.currency },
      valueHigh: { amountMinor: high, currency: deal.currency },
      discountLowPct: discounts ? pct(discounts.p25) : null,
      discountHighPct: discounts ? pct(discounts.p75) : null,
      currentValuePosition: position as 'below' | 'within' | 'above',
    },
    reason: `p25-p75 of ${same.length} similar won deals; this deal's value is ${position} that range`,
    deals,
  };
}

/** The deal's objections by type (most frequent first), each with the latest passage and the playbook advice. */
export function negotiationAdvice(timeline: LinkedInteraction[]) {
  const byType = new Map<ObjectionType, LinkedInteraction[]>();
  for (const ix of timeline) if (ix.objectionType) byType.set(ix.objectionType, [...(byType.get(ix.objectionType) ?? []), ix]);
  return [...byType]
    .map(([type, raised]) => ({
      objectionType: type,
      count: raised.length,
      lastRaised: raised[0]!.occurredAt.toISOString(),
      advice: OBJECTION_PLAYBOOK[type].advice,
      evidence: raised.slice(0, 3).map((ix) => interactionEvidence(ix)),
    }))
    .sort((a, b) => b.count - a.count || b.lastRaised.localeCompare(a.lastRaised) || a.objectionType.localeCompare(b.objectionType));
}
