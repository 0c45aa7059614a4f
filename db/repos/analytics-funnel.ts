import { sql, type SQL } from 'drizzle-orm';
import type { LeadSource, LeadStage, OpenOpportunityStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { leads, opportunities } from '../schema/index.ts';
import { toDate } from './interactions.ts';
import { ownedBy, type Scope } from './scope.ts';

// Funnels for the analytics tools: the lead cohort of a period followed through its lifecycle history, and
// each deal's passage through the open opportunity stages (did it move on, or was it lost?).

const clause = (condition: SQL | undefined): SQL => condition ?? sql`true`;

export interface FunnelCohortFilters {
  /** leads created in [from, toExclusive), and not after asOf */
  from: Date;
  toExclusive: Date;
  asOf: Date;
  ownerId?: string;
  teamId?: string;
}

export interface FunnelLeadRow {
  id: string;
  name: string;
  createdAt: Date;
  ownerId: string | null;
  owner: string | null;
  source: LeadSource | null;
  campaignId: string | null;
  campaign: string | null;
  stage: LeadStage;
  /** the lead's first visible opportunity (primary contact or listed contact), by creation */
  hasOpportunity: boolean;
  productId: string | null;
  product: string | null;
  /** first entry (up to asOf) into the step or any later one; null when the history never shows it */
  qualifiedAt: Date | null;
  opportunityAt: Date | null;
  customerAt: Date | null;
  /** the lead_stage_history rows behind those instants */
  qualifiedEventId: string | null;
  opportunityEventId: string | null;
  customerEventId: string | null;
}

type Raw = Omit<FunnelLeadRow, 'createdAt' | 'qualifiedAt' | 'opportunityAt' | 'customerAt'> & {
  createdAt: Date | string;
  qualifiedAt: Date | string | null;
  opportunityAt: Date | string | null;
  customerAt: Date | string | null;
};

const orNull = (v: Date | string | null) => (v === null ? null : toDate(v));

/** Leads (not merged) the caller may see that were created in the period, with when they first reached each step. */
export async function funnelCohort(ex: Executor, scope: Scope, f: FunnelCohortFilters): Promise<FunnelLeadRow[]> {
  const asOf = f.asOf.toISOString();
  const reach = (stages: SQL, column: string, idColumn: string) => sql`
    min(h.changed_at) filter (where h.to_stage in (${stages})) as ${sql.raw(`"${column}"`)},
    (array_agg(h.id order by h.changed_at, h.id) filter (where h.to_stage in (${stages})))[1] as ${sql.raw(`"${idColumn}"`)}`;
  const found = await rows<Raw>(
    ex,
    sql`
      with cohort as (
        select leads.id, leads.full_name as name, leads.created_at, leads.owner_id, u.full_name as owner, leads.source,
               leads.campaign_id, c.name as campaign, leads.lifecycle_stage as stage
        from leads
        left join users u on u.id = leads.owner_id
        left join campaigns c on c.id = leads.campaign_id
        where leads.created_at >= ${f.from.toISOString()}::timestamptz
          and leads.created_at < ${f.toExclusive.toISOString()}::timestamptz
          and leads.created_at <= ${asOf}::timestamptz
          and leads.status <> 'merged'
          and ${clause(ownedBy(scope, leads.ownerId))}
          and ${f.ownerId ? sql`leads.owner_id = ${f.ownerId}` : sql`true`}
          and ${f.teamId ? sql`u.team_id = ${f.teamId}` : sql`true`}
      ),
      reached as (
        select h.lead_id,
               ${reach(sql`'qualified', 'opportunity', 'customer'`, 'qualifiedAt', 'qualifiedEventId')},
               ${reach(sql`'opportunity', 'customer'`, 'opportunityAt', 'opportunityEventId')},
               ${reach(sql`'customer'`, 'customerAt', 'customerEventId')}
        from lead_stage_history h
        where h.lead_id in (select id from cohort) and h.changed_at <= ${asOf}::timestamptz
        group by h.lead_id
      ),
      links as (
        select primary_contact_id as lead_id, id as opportunity_id from opportunities where primary_contact_id is not null
        union
        select lead_id, opportunity_id from opportunity_contacts
      ),
      first_opportunity as (
        select distinct on (links.lead_id) links.lead_id, opportunities.product_id, p.name as product
        from links
        join opportunities on opportunities.id = links.opportunity_id
        left join products p on p.id = opportunities.product_id
        where links.lead_id in (select id from cohort)
          and opportunities.created_at <= ${asOf}::timestamptz
          and ${clause(ownedBy(scope, opportunities.ownerId))}
        order by links.lead_id, opportunities.created_at, opportunities.id
      )
      select cohort.id, cohort.name, cohort.created_at as "createdAt", cohort.owner_id as "ownerId", cohort.owner,
             cohort.source, cohort.campaign_id as "campaignId", cohort.campaign, cohort.stage,
             (fo.lead_id is not null) as "hasOpportunity", fo.product_id as "productId", fo.product,
             r."qualifiedAt", r."opportunityAt", r."customerAt",
             r."qualifiedEventId", r."opportunityEventId", r."customerEventId"
      from cohort
      left join reached r on r.lead_id = cohort.id
      left join first_opportunity fo on fo.lead_id = cohort.id
      order by cohort.created_at, cohort.id`,
  );
  return found.map((r) => ({
    ...r,
    createdAt: toDate(r.createdAt),
    qualifiedAt: orNull(r.qualifiedAt),
    opportunityAt: orNull(r.opportunityAt),
    customerAt: orNull(r.customerAt),
  }));
}

export interface DealStageFilters {
  /** stage entries in [from, asOf) */
  from: Date;
  asOf: Date;
  ownerId?: string;
  teamId?: string;
  productId?: string;
}

export interface DealStagePassage {
  opportunityId: string;
  stage: OpenOpportunityStage;
  /** first entry into the stage inside the window */
  enteredAt: Date;
  /** later (before asOf) entered a further open stage or closed_won */
  advanced: boolean;
  /** did not advance, and the deal was closed lost before asOf */
  lost: boolean;
}

/**
 * One row per (deal, open stage) for the deals the caller may see that entered the stage in [from, asOf):
 * whether the deal then moved forward, was lost, or neither yet. Stage order is the pipeline order.
 */
export async function dealStagePassages(ex: Executor, scope: Scope, f: DealStageFilters): Promise<DealStagePassage[]> {
  const asOf = f.asOf.toISOString();
  const order = sql`array['prospecting', 'qualification', 'discovery', 'proposal', 'negotiation', 'closed_won']::text[]`;
  const found = await rows<Omit<DealStagePassage, 'enteredAt'> & { enteredAt: Date | string }>(
    ex,
    sql`
      with entries as (
        select h.opportunity_id, h.to_stage as stage, min(h.changed_at) as entered_at
        from opportunity_stage_history h
        join opportunities on opportunities.id = h.opportunity_id
        join users u on u.id = opportunities.owner_id
        where h.to_stage not in ('closed_won', 'closed_lost')
          and h.changed_at >= ${f.from.toISOString()}::timestamptz
          and h.changed_at < ${asOf}::timestamptz
          and ${clause(ownedBy(scope, opportunities.ownerId))}
          and ${f.ownerId ? sql`opportunities.owner_id = ${f.ownerId}` : sql`true`}
          and ${f.teamId ? sql`u.team_id = ${f.teamId}` : sql`true`}
          and ${f.productId ? sql`opportunities.product_id = ${f.productId}` : sql`true`}
        group by h.opportunity_id, h.to_stage
      ),
      passages as (
        select e.opportunity_id, e.stage, e.entered_at,
               exists (
                 select 1 from opportunity_stage_history later
                 where later.opportunity_id = e.opportunity_id
                   and later.changed_at > e.entered_at
                   and later.changed_at < ${asOf}::timestamptz
                   and array_position(${order}, later.to_stage::text) > array_position(${order}, e.stage::text)
               ) as advanced,
               (o.outcome = 'lost' and o.closed_at < ${asOf}::timestamptz) as closed_lost
        from entries e join opportunities o on o.id = e.opportunity_id
      )
      select opportunity_id as "opportunityId", stage, entered_at as "enteredAt", advanced,
             (not advanced and coalesce(closed_lost, false)) as lost
      from passages
      order by entered_at, opportunity_id, stage`,
  );
  return found.map((r) => ({ ...r, enteredAt: toDate(r.enteredAt) }));
}
