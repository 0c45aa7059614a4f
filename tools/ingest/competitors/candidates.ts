import type { Executor } from '../../../db/client.ts';
import { dealsTouchedAt, writeCompetitorCandidates, type DealText } from '../../../db/repos/competitor-candidates.ts';
import type { CompetitorCandidate } from '../../../db/schema/opportunities.ts';
import { competitorPhrases } from './phrases.ts';

// After an import, every deal it touched has its competitor candidates read again from all the mail and
// calls on it (phrases.ts): so the answer depends on which sources the deal has, not on the order they
// came in. One candidate per name (the latest mention, with the latest price stated); names already on
// the deal's competitors are confirmed and not listed, nor is the deal's own account.

export function candidatesOf(deal: DealText): CompetitorCandidate[] {
  const confirmed = new Set(deal.competitors.map((c) => c.toLowerCase()));
  const own = deal.accountName.toLowerCase();
  const byName = new Map<string, CompetitorCandidate>();
  for (const i of deal.interactions) {
    for (const hit of competitorPhrases(i.body)) {
      const key = hit.name.toLowerCase();
      if (confirmed.has(key) || own.startsWith(key) || key.startsWith(own)) continue;
      const before = byName.get(key);
      byName.set(key, { name: hit.name, quote: hit.quote, phrase: hit.phrase, price: hit.price ?? before?.price ?? null, sourceItemId: i.sourceItemId, at: new Date(i.occurredAt).toISOString() });
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export async function refreshCompetitorCandidates(tx: Executor, at: Date): Promise<number> {
  let found = 0;
  for (const deal of await dealsTouchedAt(tx, at)) {
    const candidates = candidatesOf(deal);
    found += candidates.length;
    await writeCompetitorCandidates(tx, deal.dealId, candidates);
  }
  return found;
}
