import { and, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { opportunities } from '../schema/index.ts';
import { uuidArray } from './interactions.ts';
import { ownedBy, type Scope } from './scope.ts';
import { closedDeals, type ClosedDealFilters, type ClosedDealRow } from './win-loss.ts';

// Closed deals for the revenue numbers: win-loss.ts's closedDeals, plus when each deal was created, so
// cycle length (created -> closed) can be measured without a second copy of that query's filters.

export interface ClosedDealWithCreation extends ClosedDealRow {
  createdAt: Date;
}

/** Deals the caller may see that closed (won or lost) in [from, toExclusive), with their creation instant. */
export async function closedDealsWithCreation(ex: Executor, scope: Scope, f: ClosedDealFilters): Promise<ClosedDealWithCreation[]> {
  const deals = await closedDeals(ex, scope, f);
  if (deals.length === 0) return [];
  const created = await ex
    .select({ id: opportunities.id, createdAt: opportunities.createdAt })
    .from(opportunities)
    .where(and(sql`${opportunities.id} = any(${uuidArray(deals.map((d) => d.id))})`, ownedBy(scope, opportunities.ownerId)));
  const byId = new Map(created.map((c) => [c.id, c.createdAt]));
  return deals.flatMap((d) => {
    const createdAt = byId.get(d.id);
    return createdAt ? [{ ...d, createdAt }] : [];
  });
}
