import { and, asc, desc, eq, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { LeadStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { leads, scoreHistory, type ScoreParts } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { ownedBy, ownedByClause, type Scope } from './scope.ts';

// Score history and the lead's current score, as lead_score reads and writes them.

export type ScoreHistoryEntry = typeof scoreHistory.$inferSelect;

/** The latest history row strictly before `before`, and the latest row at exactly `before` (a same-instant re-run). */
export async function scoreHistoryAround(
  ex: Executor,
  scope: Scope,
  leadId: string,
  before: Date,
): Promise<{ previous: ScoreHistoryEntry | undefined; sameInstant: ScoreHistoryEntry | undefined }> {
  const query = (condition: SQL) =>
    ex
      .select({ h: scoreHistory })
      .from(scoreHistory)
      .innerJoin(leads, eq(leads.id, scoreHistory.leadId))
      .where(and(eq(scoreHistory.leadId, leadId), condition, ownedBy(scope, leads.ownerId)))
      .orderBy(desc(scoreHistory.computedAt), desc(scoreHistory.id))
      .limit(1);
  const [previous] = await query(lt(scoreHistory.computedAt, before));
  const [sameInstant] = await query(eq(scoreHistory.computedAt, before));
  return { previous: previous?.h, sameInstant: sameInstant?.h };
}

export async function insertScoreHistory(
  ex: Executor,
  row: { leadId: string; score: number; grade: string; parts: ScoreParts; reasons: Record<string, string[]>; weights: Record<string, number>; computedAt: Date },
): Promise<void> {
  await ex.insert(scoreHistory).values(row);
}

/** Stores the current score on the lead (scope-checked); returns false when the lead is not visible. */
export async function setLeadScore(ex: Executor, scope: Scope, leadId: string, value: { score: number; grade: string; engagementScore: number }): Promise<boolean> {
  const changed = await ex
    .update(leads)
    .set(value)
    .where(and(eq(leads.id, leadId), ownedBy(scope, leads.ownerId)))
    .returning({ id: leads.id });
  return changed.length === 1;
}

export interface LeadsToScoreFilter {
  lifecycleStage?: LeadStage;
  status?: (typeof leads.$inferSelect)['status'];
  ownerId?: string;
  unscoredOnly?: boolean;
}

/** Leads for a batch scoring: never-scored first, then the longest since their last score; merged leads never. */
export async function listLeadsToScore(ex: Executor, scope: Scope, filter: LeadsToScoreFilter, limit: number): Promise<{ id: string; fullName: string }[]> {
  const lastScored = sql`(select max(${scoreHistory.computedAt}) from ${scoreHistory} where ${scoreHistory.leadId} = ${leads.id})`;
  const conditions = [
    ne(leads.status, 'merged'),
    ownedBy(scope, leads.ownerId),
    filter.lifecycleStage ? eq(leads.lifecycleStage, filter.lifecycleStage) : undefined,
    filter.status ? eq(leads.status, filter.status) : undefined,
    filter.ownerId ? eq(leads.ownerId, filter.ownerId) : undefined,
    filter.unscoredOnly ? sql`${leads.score} is null` : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return ex
    .select({ id: leads.id, fullName: leads.fullName })
    .from(leads)
    .where(and(...conditions))
    .orderBy(sql`${lastScored} asc nulls first`, asc(leads.id))
    .limit(limit);
}

export interface LeadOutcome {
  leadId: string;
  converted: boolean;
  /** when the outcome became known: features must be read strictly before it */
  decidedAt: Date;
  createdAt: Date;
}

/**
 * Leads whose outcome is known as of `asOf`:
 *   converted    - converted (converted_at, else the first stage change to opportunity/customer) at or before asOf
 *   disqualified - moved to disqualified (last such stage change, else status unqualified at updated_at) at or before asOf, not converted before
 *   old          - created at least `horizonDays` before asOf and neither of the above by then: unconverted, decided at created + horizon
 * Leads still young and undecided at asOf are left out. Merged leads never count.
 */
export async function leadsWithKnownOutcome(ex: Executor, scope: Scope, asOf: Date, horizonDays: number): Promise<LeadOutcome[]> {
  const at = asOf.toISOString();
  const result = await rows<{ lead_id: string; converted: boolean; decided_at: string | Date; created_at: string | Date }>(ex, sql`
    with d as (
      select ${leads.id} as lead_id, ${leads.createdAt} as created_at,
             coalesce(${leads.convertedAt},
               (select min(h.changed_at) from lead_stage_history h where h.lead_id = ${leads.id} and h.to_stage in ('opportunity', 'customer'))) as converted_at,
             coalesce(
               (select max(h.changed_at) from lead_stage_history h where h.lead_id = ${leads.id} and h.to_stage = 'disqualified'),
               case when ${leads.lifecycleStage} = 'disqualified' or ${leads.status} = 'unqualified' then ${leads.updatedAt} end) as disqualified_at
      from ${leads}
      where ${leads.status} <> 'merged' and ${ownedByClause(scope, leads.ownerId)}
    )
    select lead_id, created_at,
           (converted_at is not null and converted_at <= ${at}::timestamptz) as converted,
           case
             when converted_at is not null and converted_at <= ${at}::timestamptz then converted_at
             when disqualified_at is not null and disqualified_at <= ${at}::timestamptz then disqualified_at
             else created_at + make_interval(days => ${horizonDays})
           end as decided_at
    from d
    where (converted_at is not null and converted_at <= ${at}::timestamptz)
       or (disqualified_at is not null and disqualified_at <= ${at}::timestamptz)
       or created_at + make_interval(days => ${horizonDays}) <= ${at}::timestamptz
    order by lead_id
  `);
  return result.map((r) => ({ leadId: r.lead_id, converted: r.converted, decidedAt: new Date(r.decided_at), createdAt: new Date(r.created_at) }));
}
