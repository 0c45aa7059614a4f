import { asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { LeadStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { accounts, leads, opportunities, users } from '../schema/index.ts';
import { toDate, uuidArray } from './interactions.ts';
import { dealAccount, dealOwner, dealStateColumns, type DealStateRow } from './opportunity-columns.ts';
import { ownedBy, ownedByClause, type Scope } from './scope.ts';
import { where } from './where.ts';

// The records a risk scan looks at, and the field history it reads. Every query is scoped to the caller.

export interface RiskDeal extends DealStateRow {
  id: string;
  name: string;
  accountName: string;
  ownerId: string;
  ownerName: string;
  createdAt: Date;
}

/** Open deals in scope (optionally only these ids, or only one owner's). */
export async function openDealsForRisk(ex: Executor, scope: Scope, filter: { ids?: string[]; ownerId?: string } = {}): Promise<RiskDeal[]> {
  return ex
    .select({
      id: opportunities.id,
      name: opportunities.name,
      accountName: accounts.name,
      ownerId: opportunities.ownerId,
      ownerName: users.fullName,
      ...dealStateColumns,
      createdAt: opportunities.createdAt,
    })
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .where(
      where(
        ownedBy(scope, opportunities.ownerId),
        isNull(opportunities.closedAt),
        notInArray(opportunities.stage, ['closed_won', 'closed_lost']),
        filter.ids ? inArray(opportunities.id, filter.ids.length > 0 ? filter.ids : ['00000000-0000-0000-0000-000000000000']) : undefined,
        filter.ownerId ? eq(opportunities.ownerId, filter.ownerId) : undefined,
      ),
    )
    .orderBy(asc(opportunities.id));
}

export interface RiskLead {
  id: string;
  fullName: string;
  accountName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  lifecycleStage: LeadStage;
  score: number | null;
  createdAt: Date;
  lastContactedAt: Date | null;
}

/**
 * Leads a scan watches: active ones (not merged, converted or unqualified, not disqualified) and customers.
 * A non-customer who is a contact on an open deal is watched through that deal instead (one alert, not two).
 */
export async function leadsForRisk(ex: Executor, scope: Scope, filter: { ids?: string[]; ownerId?: string } = {}): Promise<RiskLead[]> {
  return ex
    .select({
      id: leads.id,
      fullName: leads.fullName,
      accountName: accounts.name,
      ownerId: leads.ownerId,
      ownerName: users.fullName,
      lifecycleStage: leads.lifecycleStage,
      score: leads.score,
      createdAt: leads.createdAt,
      lastContactedAt: leads.lastContactedAt,
    })
    .from(leads)
    .leftJoin(accounts, eq(accounts.id, leads.accountId))
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(
      where(
        ownedBy(scope, leads.ownerId),
        sql`(${leads.lifecycleStage} = 'customer' or (${leads.lifecycleStage} <> 'disqualified' and ${leads.status} not in ('merged', 'converted', 'unqualified')))`,
        sql`${leads.status} <> 'merged'`,
        // two probes, each served by an index (primary contact, contact link); one OR'd join was a scan per lead
        sql`(${leads.lifecycleStage} = 'customer' or (
          not exists (select 1 from opportunities o
                      where o.primary_contact_id = ${leads.id} and o.closed_at is null and o.stage not in ('closed_won', 'closed_lost'))
          and not exists (select 1 from opportunity_contacts oc join opportunities o on o.id = oc.opportunity_id
                          where oc.lead_id = ${leads.id} and o.closed_at is null and o.stage not in ('closed_won', 'closed_lost'))))`,
        filter.ids ? inArray(leads.id, filter.ids.length > 0 ? filter.ids : ['00000000-0000-0000-0000-000000000000']) : undefined,
        filter.ownerId ? eq(leads.ownerId, filter.ownerId) : undefined,
      ),
    )
    .orderBy(asc(leads.id));
}

export type TrackedField = 'probability' | 'expectedCloseDate';

export interface FieldEvent {
  dealId: string;
  /** 'field' = opportunity_field_history, 'stage' = the value recorded with a stage change */
  source: 'field' | 'stage';
  id: string;
  at: Date;
  /** numbers for probability, YYYY-MM-DD for the close date; null when the source does not say */
  oldValue: number | string | null;
  newValue: number | string | null;
}

// Field history names the close date either way (imports use the column name, tools the property name).
const FIELD_NAMES: Record<TrackedField, string[]> = {
  probability: ['probability'],
  expectedCloseDate: ['expectedCloseDate', 'expected_close_date'],
};

/**
 * Changes of one deal field after `windowStart` (up to `asOf`), plus the last change at or before it, so
 * the value in force when the window opened is known. From field history and from stage-change rows.
 */
export async function dealFieldEvents(
  ex: Executor,
  scope: Scope,
  dealIds: readonly string[],
  field: TrackedField,
  window: { windowStart: Date; asOf: Date },
): Promise<FieldEvent[]> {
  if (dealIds.length === 0) return [];
  const start = window.windowStart.toISOString();
  const asOf = window.asOf.toISOString();
  const stageValue = field === 'probability' ? sql`to_jsonb(h.probability)` : sql`to_jsonb(h.expected_close_date::text)`;
  const stageHas = field === 'probability' ? sql`h.probability is not null` : sql`h.expected_close_date is not null`;
  const names = `{${FIELD_NAMES[field].join(',')}}`;
  const found = await rows<{ dealId: string; source: 'field' | 'stage'; id: string; at: Date | string; oldValue: unknown; newValue: unknown; rn: number }>(
    ex,
    sql`
      with scoped as (
        select opportunities.id from opportunities
        where opportunities.id = any(${uuidArray(dealIds)}) and ${ownedByClause(scope, opportunities.ownerId)}
      ),
      ev as (
        select f.opportunity_id as "dealId", 'field' as source, f.id, f.changed_at as at, f.old_value as "oldValue", f.new_value as "newValue"
        from opportunity_field_history f join scoped s on s.id = f.opportunity_id
        where f.field = any(${names}::text[]) and f.changed_at <= ${asOf}::timestamptz
        union all
        select h.opportunity_id, 'stage', h.id, h.changed_at, null, ${stageValue}
        from opportunity_stage_history h join scoped s on s.id = h.opportunity_id
        where ${stageHas} and h.changed_at <= ${asOf}::timestamptz
      ),
      ranked as (
        select ev.*, row_number() over (partition by "dealId", at <= ${start}::timestamptz order by at desc, source, id desc) as rn
        from ev
      )
      select * from ranked
      where at > ${start}::timestamptz or rn = 1
      order by "dealId", at, source, id`,
  );
  return found.map((r) => ({
    dealId: r.dealId,
    source: r.source,
    id: r.id,
    at: toDate(r.at),
    oldValue: fieldValue(r.oldValue),
    newValue: fieldValue(r.newValue),
  }));
}

function fieldValue(value: unknown): number | string | null {
  if (typeof value === 'number' || typeof value === 'string') return value;
  return null;
}
