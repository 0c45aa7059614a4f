import { and, asc, eq, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { accounts, opportunities, opportunityFieldHistory, opportunityStageHistory, products, users } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';
import type { ForecastDealIdentity } from './forecast.ts';
import { dealAccount, dealOwner, dealProduct } from './opportunity-columns.ts';

// The deals open at a past instant and every stage and field change dated before it, so a forecast can
// be replayed with only what was known that day (the forecast backtest). Nothing dated at or after the
// instant is read; a deal's current stage, probability, value and close date are not used.

// What a replay reads of each stage and field change; both replays (one deal set, whole history) use the same shape.
const stageChangeColumns = {
  opportunityId: opportunityStageHistory.opportunityId,
  toStage: opportunityStageHistory.toStage,
  probability: opportunityStageHistory.probability,
  valueMinor: opportunityStageHistory.valueMinor,
  expectedCloseDate: opportunityStageHistory.expectedCloseDate,
  changedAt: opportunityStageHistory.changedAt,
};
const fieldChangeColumns = {
  opportunityId: opportunityFieldHistory.opportunityId,
      field: opportunityFieldHistory.field,
      newValue: opportunityFieldHistory.newValue,
      changedAt: opportunityFieldHistory.changedAt,
};

export interface DealAtRow extends ForecastDealIdentity {
  currency: string;
  createdAt: Date;
}

export interface StageChangeAtRow {
  opportunityId: string;
  toStage: string;
  probability: number | null;
  valueMinor: number | null;
  expectedCloseDate: string | null;
  changedAt: Date;
}

export interface FieldChangeAtRow {
  opportunityId: string;
  field: string;
  newValue: unknown;
  changedAt: Date;
}

export interface DealHistoryAt {
  deals: DealAtRow[];
  stageChanges: StageChangeAtRow[];
  fieldChanges: FieldChangeAtRow[];
}

/** Deals the caller may see that existed and were not closed at `at`, with their history before `at`. */
export async function dealHistoryAt(ex: Executor, scope: Scope, at: Date): Promise<DealHistoryAt> {
  const deals = await ex
    .select({
      id: opportunities.id,
      name: opportunities.name,
      account: accounts.name,
      ownerId: opportunities.ownerId,
      ownerName: users.fullName,
      productId: opportunities.productId,
      productName: products.name,
      currency: opportunities.currency,
      createdAt: opportunities.createdAt,
    })
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .leftJoin(products, dealProduct)
    .where(
      and(
        ownedBy(scope, opportunities.ownerId),
        lt(opportunities.createdAt, at),
        or(isNull(opportunities.closedAt), gte(opportunities.closedAt, at)),
      ),
    )
    .orderBy(asc(opportunities.id));
  const ids = deals.map((d) => d.id);
  if (ids.length === 0) return { deals, stageChanges: [], fieldChanges: [] };
  const [stageChanges, fieldChanges] = await Promise.all([
    ex
      .select(stageChangeColumns)
      .from(opportunityStageHistory)
      .where(and(inArray(opportunityStageHistory.opportunityId, ids), lt(opportunityStageHistory.changedAt, at)))
      .orderBy(asc(opportunityStageHistory.opportunityId), asc(opportunityStageHistory.changedAt), asc(opportunityStageHistory.id)),
    ex
      .select(fieldChangeColumns)
      .from(opportunityFieldHistory)
      .where(and(inArray(opportunityFieldHistory.opportunityId, ids), lt(opportunityFieldHistory.changedAt, at)))
      .orderBy(asc(opportunityFieldHistory.opportunityId), asc(opportunityFieldHistory.changedAt), asc(opportunityFieldHistory.id)),
  ]);
  return { deals, stageChanges, fieldChanges };
}

export interface DealLifeRow {
  id: string;
  createdAt: Date;
  /** null when not closed before the cutoff */
  closedAt: Date | null;
  outcome: 'won' | 'lost' | null;
  /** the deal's value now (for a deal won before the cutoff, its won value) */
  valueMinor: number;
  currency: string;
}

export interface DealTimelines {
  deals: DealLifeRow[];
  stageChanges: StageChangeAtRow[];
  fieldChanges: FieldChangeAtRow[];
}

/**
 * Every deal created before `before`, with its close and outcome only if they happened before it, and all
 * stage and field changes dated before it. Organisation-wide on purpose (like stageOutcomeCounts): the
 * forecast learns from it how pipeline turned into revenue, and names no one's records.
 */
export async function dealTimelinesBefore(ex: Executor, before: Date): Promise<DealTimelines> {
  const [found, stageChanges, fieldChanges] = await Promise.all([
    ex
      .select({
        id: opportunities.id,
        createdAt: opportunities.createdAt,
        closedAt: opportunities.closedAt,
        outcome: opportunities.outcome,
        valueMinor: opportunities.valueMinor,
        currency: opportunities.currency,
      })
      .from(opportunities)
      .where(lt(opportunities.createdAt, before))
      .orderBy(asc(opportunities.id)),
    ex
      .select(stageChangeColumns)
      .from(opportunityStageHistory)
      .where(lt(opportunityStageHistory.changedAt, before))
      .orderBy(asc(opportunityStageHistory.opportunityId), asc(opportunityStageHistory.changedAt), asc(opportunityStageHistory.id)),
    ex
      .select(fieldChangeColumns)
      .from(opportunityFieldHistory)
      .where(lt(opportunityFieldHistory.changedAt, before))
      .orderBy(asc(opportunityFieldHistory.opportunityId), asc(opportunityFieldHistory.changedAt), asc(opportunityFieldHistory.id)),
  ]);
  const deals = found.map((d) => {
    const closed = d.closedAt !== null && d.closedAt.getTime() < before.getTime();
    return { ...d, closedAt: closed ? d.closedAt : null, outcome: closed ? d.outcome : null };
  });
  return { deals, stageChanges, fieldChanges };
}
