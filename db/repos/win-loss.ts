import { asc, eq, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import type { LeadSource } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { accounts, opportunities, products, users } from '../schema/index.ts';
import { dealAccount, dealOwner, dealProduct } from './opportunity-columns.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

export interface ClosedDealFilters {
  /** closedAt >= from */
  from: Date;
  /** closedAt < toExclusive */
  toExclusive: Date;
  ownerId?: string;
  teamId?: string;
  productId?: string;
}

export interface ClosedDealRow {
  id: string;
  name: string;
  account: string;
  ownerId: string;
  owner: string;
  productId: string | null;
  product: string | null;
  source: LeadSource | null;
  valueMinor: number;
  currency: string;
  outcome: 'won' | 'lost';
  wonReason: string | null;
  lostReason: string | null;
  lostToCompetitor: string | null;
  competitors: string[];
  closedAt: Date;
}

/** Deals the caller may see that closed (won or lost) in [from, toExclusive). */
export async function closedDeals(ex: Executor, scope: Scope, f: ClosedDealFilters): Promise<ClosedDealRow[]> {
  const found = await ex
    .select({
      id: opportunities.id,
      name: opportunities.name,
      account: accounts.name,
      ownerId: opportunities.ownerId,
      owner: users.fullName,
      productId: opportunities.productId,
      product: products.name,
      source: opportunities.source,
      valueMinor: opportunities.valueMinor,
      currency: opportunities.currency,
      outcome: opportunities.outcome,
      wonReason: opportunities.wonReason,
      lostReason: opportunities.lostReason,
      lostToCompetitor: opportunities.lostToCompetitor,
      competitors: opportunities.competitors,
      closedAt: opportunities.closedAt,
    })
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .leftJoin(products, dealProduct)
    .where(
      where(
        ownedBy(scope, opportunities.ownerId),
        isNotNull(opportunities.outcome),
        gte(opportunities.closedAt, f.from),
        lt(opportunities.closedAt, f.toExclusive),
        f.ownerId ? eq(opportunities.ownerId, f.ownerId) : undefined,
        f.teamId ? eq(users.teamId, f.teamId) : undefined,
        f.productId ? eq(opportunities.productId, f.productId) : undefined,
      ),
    )
    .orderBy(asc(opportunities.closedAt), asc(opportunities.id));
  return found.filter((r): r is ClosedDealRow => r.outcome !== null && r.closedAt !== null);
}

/** Active reps the caller may see (optionally one team's, or one person): every rep gets a row, even with no deals. */
export async function repsInScope(ex: Executor, scope: Scope, f: { teamId?: string; userId?: string }): Promise<{ id: string; name: string }[]> {
  return ex
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(
      where(
        ownedBy(scope, users.id),
        eq(users.active, true),
        f.userId ? eq(users.id, f.userId) : inArray(users.role, ['rep']),
        f.teamId ? eq(users.teamId, f.teamId) : undefined,
      ),
    )
    .orderBy(asc(users.fullName));
}
