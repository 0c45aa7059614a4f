import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { opportunities } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { ownedByClause, type Scope } from './scope.ts';

// What a briefing reports as "changed since the last one": deal stage moves and the money that moved
// (won, lost, new pipeline, close dates pushed out), within the reader's scope and (since, asOf].

export interface StageMove {
  opportunityId: string;
  name: string;
  fromStage: string | null;
  toStage: string;
  valueMinor: number;
  currency: string;
  at: Date;
}

export async function stageMovesSince(ex: Executor, scope: Scope, since: Date, asOf: Date, limit: number): Promise<StageMove[]> {
  const found = await rows<Omit<StageMove, 'at'> & { at: string | Date }>(ex, sql`
    select opportunities.id as "opportunityId", opportunities.name, h.from_stage::text as "fromStage", h.to_stage::text as "toStage",
           opportunities.value_minor::float8 as "valueMinor", trim(opportunities.currency) as currency, h.changed_at as at
    from opportunity_stage_history h join ${opportunities} on opportunities.id = h.opportunity_id
    where h.changed_at > ${since.toISOString()}::timestamptz and h.changed_at <= ${asOf.toISOString()}::timestamptz
      and ${ownedByClause(scope, opportunities.ownerId)}
    order by opportunities.value_minor desc, h.changed_at desc, h.id limit ${limit}`);
  return found.map((r) => ({ ...r, at: r.at instanceof Date ? r.at : new Date(r.at) }));
}

export interface MoneyMoved {
  currency: string;
  wonMinor: number;
  wonCount: number;
  lostMinor: number;
  lostCount: number;
  createdMinor: number;
  createdCount: number;
  /** open deals whose expected close date was pushed later in the window */
  slippedCount: number;
  slippedMinor: number;
}

/** Per currency, largest moved first. */
export async function moneyMovedSince(ex: Executor, scope: Scope, since: Date, asOf: Date): Promise<MoneyMoved[]> {
  const s = since.toISOString();
  const a = asOf.toISOString();
  const found = await rows<MoneyMoved>(ex, sql`
    select trim(opportunities.currency) as currency,
      coalesce(sum(value_minor) filter (where outcome = 'won' and closed_at > ${s}::timestamptz and closed_at <= ${a}::timestamptz), 0)::float8 as "wonMinor",
      (count(*) filter (where outcome = 'won' and closed_at > ${s}::timestamptz and closed_at <= ${a}::timestamptz))::int as "wonCount",
      coalesce(sum(value_minor) filter (where outcome = 'lost' and closed_at > ${s}::timestamptz and closed_at <= ${a}::timestamptz), 0)::float8 as "lostMinor",
      (count(*) filter (where outcome = 'lost' and closed_at > ${s}::timestamptz and closed_at <= ${a}::timestamptz))::int as "lostCount",
      coalesce(sum(value_minor) filter (where created_at > ${s}::timestamptz and created_at <= ${a}::timestamptz), 0)::float8 as "createdMinor",
      (count(*) filter (where created_at > ${s}::timestamptz and created_at <= ${a}::timestamptz))::int as "createdCount",
      (count(*) filter (where slipped))::int as "slippedCount",
      coalesce(sum(value_minor) filter (where slipped), 0)::float8 as "slippedMinor"
    from (
      select opportunities.*, closed_at is null and exists (
        select 1 from opportunity_field_history f where f.opportunity_id = opportunities.id and f.field = 'expected_close_date'
          and f.changed_at > ${s}::timestamptz and f.changed_at <= ${a}::timestamptz and f.new_value > f.old_value) as slipped
      from ${opportunities} where ${ownedByClause(scope, opportunities.ownerId)}
    ) opportunities
    group by 1
    having count(*) filter (where (closed_at > ${s}::timestamptz and closed_at <= ${a}::timestamptz) or (created_at > ${s}::timestamptz and created_at <= ${a}::timestamptz) or slipped) > 0
  `);
  return found.sort((x, y) => y.wonMinor + y.lostMinor + y.createdMinor - (x.wonMinor + x.lostMinor + x.createdMinor));
}
