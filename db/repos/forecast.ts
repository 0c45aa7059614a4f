import { and, asc, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { OPEN_OPPORTUNITY_STAGES } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { accounts, opportunities, products, users } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';
import { dealAccount, dealOwner, dealProduct } from './opportunity-columns.ts';

// What the forecast tools read: open deals and won deals the caller may see, the people and products a
// forecast is grouped by, and (organisation-wide, like stageOutcomeCounts) when won deals closed against
// the close date expected for them.

const where = (...conditions: (SQL | undefined)[]) => and(...conditions.filter((c): c is SQL => c !== undefined));

export interface ForecastFilters {
  ownerId?: string;
  /** the owner's team */
  teamId?: string;
  productId?: string;
}

const dealColumns = {
  id: opportunities.id,
  name: opportunities.name,
  account: accounts.name,
  ownerId: opportunities.ownerId,
  ownerName: users.fullName,
  teamId: users.teamId,
  productId: opportunities.productId,
  productName: products.name,
  valueMinor: opportunities.valueMinor,
  currency: opportunities.currency,
};

const filtersOf = (f: ForecastFilters) => [
  f.ownerId ? eq(opportunities.ownerId, f.ownerId) : undefined,
  f.teamId ? eq(users.teamId, f.teamId) : undefined,
  f.productId ? eq(opportunities.productId, f.productId) : undefined,
];

const openColumns = {
  ...dealColumns,
  stage: opportunities.stage,
  forecastCategory: opportunities.forecastCategory,
  probability: opportunities.probability,
  expectedCloseDate: opportunities.expectedCloseDate,
  createdAt: opportunities.createdAt,
};
const wonColumns = { ...dealColumns, closedAt: opportunities.closedAt, createdAt: opportunities.createdAt };

/** Who and what a forecast deal is, shared by every row shape the forecast reads. */
export interface ForecastDealIdentity {
  id: string;
  name: string;
  account: string;
  ownerId: string;
  ownerName: string;
  productId: string | null;
  productName: string | null;
}

export interface ForecastOpenDealRow extends ForecastDealIdentity {
  teamId: string | null;
  valueMinor: number;
  currency: string;
  stage: string;
  forecastCategory: string;
  probability: number | null;
  expectedCloseDate: string | null;
  createdAt: Date;
}

/** Open deals the caller may see, created before `createdBefore`, matching the filters. */
export async function forecastOpenDeals(ex: Executor, scope: Scope, f: ForecastFilters & { createdBefore: Date }): Promise<ForecastOpenDealRow[]> {
  return ex
    .select(openColumns)
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .leftJoin(products, dealProduct)
    .where(
      where(
        ownedBy(scope, opportunities.ownerId),
        inArray(opportunities.stage, [...OPEN_OPPORTUNITY_STAGES]),
        lt(opportunities.createdAt, f.createdBefore),
        ...filtersOf(f),
      ),
    )
    .orderBy(asc(opportunities.id));
}

export interface WonDealRow extends ForecastDealIdentity {
  teamId: string | null;
  valueMinor: number;
  currency: string;
  closedAt: Date;
  createdAt: Date;
}

/** Deals the caller may see that were won with closedAt in [from, to). */
export async function wonDealsBetween(ex: Executor, scope: Scope, from: Date, to: Date, f: ForecastFilters = {}): Promise<WonDealRow[]> {
  if (to.getTime() <= from.getTime()) return [];
  const found = await ex
    .select(wonColumns)
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .leftJoin(products, dealProduct)
    .where(
      where(
        ownedBy(scope, opportunities.ownerId),
        eq(opportunities.outcome, 'won'),
        isNotNull(opportunities.closedAt),
        gte(opportunities.closedAt, from),
        lt(opportunities.closedAt, to),
        ...filtersOf(f),
      ),
    )
    .orderBy(asc(opportunities.closedAt), asc(opportunities.id));
  return found.filter((r): r is WonDealRow => r.closedAt !== null);
}

export interface ForecastPerson {
  id: string;
  fullName: string;
}

/** The reps the caller may see (optionally of one team or one person): the rows of a forecast by rep. */
export async function forecastReps(ex: Executor, scope: Scope, f: { teamId?: string; userId?: string } = {}): Promise<ForecastPerson[]> {
  return ex
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(where(ownedBy(scope, users.id), eq(users.role, 'rep'), f.teamId ? eq(users.teamId, f.teamId) : undefined, f.userId ? eq(users.id, f.userId) : undefined))
    .orderBy(asc(users.fullName), asc(users.id));
}

/** Active products (the catalog is shared by everyone): the rows of a forecast by product. */
export async function forecastProducts(ex: Executor, f: { productId?: string } = {}): Promise<{ id: string; name: string }[]> {
  return ex
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(where(eq(products.active, true), f.productId ? eq(products.id, f.productId) : undefined))
    .orderBy(asc(products.name));
}

export interface CloseObservationRow {
  opportunityId: string;
  at: Date;
  expectedCloseDate: string;
  closedAt: Date;
}

/**
 * For every deal won before `before`: each moment an expected close date was on record before it closed
 * (a stage change into an open stage, or an expected_close_date edit), with that date and the real close.
 * Organisation-wide on purpose: a statistic of how dates slip, naming no one's records.
 */
export async function closeDateObservations(ex: Executor, before: Date): Promise<CloseObservationRow[]> {
  const at = before.toISOString();
  const found = await rows<{ opportunity_id: string; at: string | Date; expected: string; closed_at: string | Date }>(
    ex,
    sql`
      with won as (
        select id, closed_at from opportunities
        where outcome = 'won' and closed_at is not null and closed_at < ${at}::timestamptz
      )
      select h.opportunity_id, h.changed_at as at, h.expected_close_date::text as expected, w.closed_at
      from opportunity_stage_history h
      join won w on w.id = h.opportunity_id
      where h.to_stage not in ('closed_won', 'closed_lost') and h.expected_close_date is not null and h.changed_at < w.closed_at
      union all
      select f.opportunity_id, f.changed_at, f.new_value #>> '{}', w.closed_at
      from opportunity_field_history f
      join won w on w.id = f.opportunity_id
      where f.field = 'expected_close_date' and jsonb_typeof(f.new_value) = 'string' and f.changed_at < w.closed_at
      order by 1, 2
    `,
  );
  return found
    .map((r) => ({ opportunityId: r.opportunity_id, at: new Date(r.at), expectedCloseDate: r.expected.slice(0, 10), closedAt: new Date(r.closed_at) }))
    .filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.expectedCloseDate));
}
