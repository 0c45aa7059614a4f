import { asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { OPEN_OPPORTUNITY_STAGES, type OpportunityStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { accounts, opportunities, users } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { dealAccount, dealOwner, dealStateColumns, type DealStateRow } from './opportunity-columns.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

export interface PipelineFilters {
  ownerId?: string;
  /** the owner's team */
  teamId?: string;
  productId?: string;
  /** expected close date range, YYYY-MM-DD, inclusive */
  closeFrom?: string;
  closeTo?: string;
}

export interface OpenDealRow extends DealStateRow {
  id: string;
  name: string;
  account: string;
  owner: string;
}

/** Every open deal the caller may see that matches the filters (a pipeline is small enough to sum in memory). */
export async function openDeals(ex: Executor, scope: Scope, f: PipelineFilters): Promise<OpenDealRow[]> {
  return ex
    .select({ id: opportunities.id, name: opportunities.name, account: accounts.name, owner: users.fullName, ...dealStateColumns })
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .where(
      where(
        ownedBy(scope, opportunities.ownerId),
        inArray(opportunities.stage, [...OPEN_OPPORTUNITY_STAGES]),
        f.ownerId ? eq(opportunities.ownerId, f.ownerId) : undefined,
        f.teamId ? eq(users.teamId, f.teamId) : undefined,
        f.productId ? eq(opportunities.productId, f.productId) : undefined,
        f.closeFrom ? gte(opportunities.expectedCloseDate, f.closeFrom) : undefined,
        f.closeTo ? lte(opportunities.expectedCloseDate, f.closeTo) : undefined,
      ),
    )
    .orderBy(asc(opportunities.stageEnteredAt), asc(opportunities.id));
}

export interface StageOutcomeCounts {
  stage: OpportunityStage;
  won: number;
  lost: number;
}

/**
 * Per open stage: of the deals that had entered it and were closed before `asOf`, how many were won and
 * lost. The stage's historical win rate is won / (won + lost). Organisation-wide on purpose, like
 * stageDurationStats: a statistic over everyone's history, not a listing of anyone's records.
 */
export async function stageOutcomeCounts(ex: Executor, asOf: Date): Promise<Map<OpportunityStage, StageOutcomeCounts>> {
  const at = asOf.toISOString();
  const found = await rows<{ stage: OpportunityStage; won: number; lost: number }>(
    ex,
    sql`
      with passed as (
        select distinct h.opportunity_id, h.to_stage as stage
        from opportunity_stage_history h
        where h.changed_at < ${at}::timestamptz
          and h.to_stage not in ('closed_won', 'closed_lost')
      )
      select p.stage,
             count(*) filter (where o.outcome = 'won')::int as won,
             count(*) filter (where o.outcome = 'lost')::int as lost
      from passed p
      join opportunities o on o.id = p.opportunity_id
      where o.closed_at < ${at}::timestamptz and o.outcome is not null
      group by p.stage
    `,
  );
  return new Map(found.map((r) => [r.stage, { stage: r.stage, won: r.won, lost: r.lost }]));
}
