import { asc, count, desc, eq, gte, ilike, inArray, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { OPEN_OPPORTUNITY_STAGES, type OpportunityStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { accounts, opportunities, opportunityFieldHistory, opportunityStageHistory, products, users } from '../schema/index.ts';
import { dealAccount, dealOwner, dealProduct, dealStateColumns, visibleDeal, type DealStateRow } from './opportunity-columns.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

export type OpportunityRow = typeof opportunities.$inferSelect;
export type NewOpportunityRow = typeof opportunities.$inferInsert;

const CLOSED_STAGES: OpportunityStage[] = ['closed_won', 'closed_lost'];

export interface OpportunityFilters {
  /** part of the deal's or the account's name */
  query?: string;
  stages?: OpportunityStage[];
  ownerId?: string;
  accountId?: string;
  productId?: string;
  valueMin?: number;
  valueMax?: number;
  /** stored probability range, 0-100 inclusive (deals never given one are left out) */
  probabilityMin?: number;
  probabilityMax?: number;
  /** expected close date range, YYYY-MM-DD, inclusive */
  closeFrom?: string;
  closeTo?: string;
  status?: 'open' | 'closed';
  /** only deals that entered their current stage at least this many days before `asOf` */
  minDaysInStage?: number;
  asOf: Date;
}

export type OpportunitySort = 'expected_close' | 'value' | 'probability' | 'days_in_stage' | 'name' | 'updated';

export interface OpportunitySummaryRow extends DealStateRow {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  ownerId: string;
  ownerName: string;
  productName: string | null;
  forecastCategory: (typeof opportunities.$inferSelect)['forecastCategory'];
  outcome: 'won' | 'lost' | null;
  closedAt: Date | null;
}

function conditions(scope: Scope, f: OpportunityFilters): SQL | undefined {
  const q = f.query?.trim();
  return where(
    ownedBy(scope, opportunities.ownerId),
    q ? or(ilike(opportunities.name, `%${q}%`), ilike(accounts.name, `%${q}%`)) : undefined,
    f.stages && f.stages.length > 0 ? inArray(opportunities.stage, f.stages) : undefined,
    f.ownerId ? eq(opportunities.ownerId, f.ownerId) : undefined,
    f.accountId ? eq(opportunities.accountId, f.accountId) : undefined,
    f.productId ? eq(opportunities.productId, f.productId) : undefined,
    f.valueMin !== undefined ? gte(opportunities.valueMinor, f.valueMin) : undefined,
    f.valueMax !== undefined ? lte(opportunities.valueMinor, f.valueMax) : undefined,
    f.probabilityMin !== undefined ? gte(opportunities.probability, f.probabilityMin) : undefined,
    f.probabilityMax !== undefined ? lte(opportunities.probability, f.probabilityMax) : undefined,
    f.closeFrom ? gte(opportunities.expectedCloseDate, f.closeFrom) : undefined,
    f.closeTo ? lte(opportunities.expectedCloseDate, f.closeTo) : undefined,
    f.status === 'open' ? notInArray(opportunities.stage, CLOSED_STAGES) : undefined,
    f.status === 'closed' ? inArray(opportunities.stage, CLOSED_STAGES) : undefined,
    f.minDaysInStage !== undefined
      ? lte(opportunities.stageEnteredAt, new Date(f.asOf.getTime() - f.minDaysInStage * 86_400_000))
      : undefined,
  );
}

function ordering(sort: OpportunitySort, direction: 'asc' | 'desc'): SQL[] {
  const dir = direction === 'asc' ? sql`asc` : sql`desc`;
  const column = {
    expected_close: opportunities.expectedCloseDate,
    value: opportunities.valueMinor,
    probability: opportunities.probability,
    // longest in stage = entered earliest, so the direction flips
    days_in_stage: opportunities.stageEnteredAt,
    name: opportunities.name,
    updated: opportunities.updatedAt,
  }[sort];
  const effective = sort === 'days_in_stage' ? (direction === 'asc' ? sql`desc` : sql`asc`) : dir;
  return [sql`${column} ${effective} nulls last`, asc(opportunities.id)];
}

export async function searchOpportunities(
  ex: Executor,
  scope: Scope,
  filters: OpportunityFilters,
  options: { limit: number; offset: number; sort: OpportunitySort; direction: 'asc' | 'desc' },
): Promise<{ rows: OpportunitySummaryRow[]; total: number }> {
  const condition = conditions(scope, filters);
  const [totalRow] = await ex
    .select({ n: count() })
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .where(condition);
  const found = await ex
    .select({
      id: opportunities.id,
      name: opportunities.name,
      accountId: opportunities.accountId,
      accountName: accounts.name,
      ownerId: opportunities.ownerId,
      ownerName: users.fullName,
      productName: products.name,
      ...dealStateColumns,
      forecastCategory: opportunities.forecastCategory,
      outcome: opportunities.outcome,
      closedAt: opportunities.closedAt,
    })
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .leftJoin(products, dealProduct)
    .where(condition)
    .orderBy(...ordering(options.sort, options.direction))
    .limit(options.limit)
    .offset(options.offset);
  return { rows: found, total: totalRow?.n ?? 0 };
}

/** The whole row of one deal the caller may see, or undefined. */
export async function getOpportunityRow(ex: Executor, scope: Scope, id: string): Promise<OpportunityRow | undefined> {
  const [row] = await ex.select().from(opportunities).where(visibleDeal(scope, id));
  return row;
}

/** Deals the caller may see with exactly this name (case-insensitive) at this account: the create-or-update key. */
export async function findOpportunitiesByName(ex: Executor, scope: Scope, name: string, accountId: string): Promise<OpportunityRow[]> {
  return ex
    .select()
    .from(opportunities)
    .where(where(sql`lower(${opportunities.name}) = lower(${name.trim()})`, eq(opportunities.accountId, accountId), ownedBy(scope, opportunities.ownerId)))
    .orderBy(desc(opportunities.createdAt))
    .limit(5);
}

export async function insertOpportunity(ex: Executor, values: NewOpportunityRow): Promise<string> {
  const [row] = await ex.insert(opportunities).values(values).returning({ id: opportunities.id });
  if (!row) throw new Error('insert into opportunities returned no row');
  return row.id;
}

/** Changes a deal the caller may change; returns false when it is outside the scope (nothing written). */
export async function updateOpportunity(ex: Executor, scope: Scope, id: string, set: Partial<NewOpportunityRow>): Promise<boolean> {
  const changed = await ex
    .update(opportunities)
    .set(set)
    .where(visibleDeal(scope, id))
    .returning({ id: opportunities.id });
  return changed.length > 0;
}

export type NewStageHistoryRow = typeof opportunityStageHistory.$inferInsert;
export type NewFieldHistoryRow = typeof opportunityFieldHistory.$inferInsert;

export async function appendStageHistory(ex: Executor, row: NewStageHistoryRow): Promise<void> {
  await ex.insert(opportunityStageHistory).values(row);
}

export async function appendFieldHistory(ex: Executor, rowsToWrite: NewFieldHistoryRow[]): Promise<void> {
  if (rowsToWrite.length > 0) await ex.insert(opportunityFieldHistory).values(rowsToWrite);
}

export const isOpenStage = (stage: OpportunityStage) => (OPEN_OPPORTUNITY_STAGES as readonly string[]).includes(stage);
