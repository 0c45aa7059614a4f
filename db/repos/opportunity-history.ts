import { and, asc, eq, inArray, isNotNull, lt, ne, or, isNull, gte, sql } from 'drizzle-orm';
import type { InteractionType, OpportunityStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { accounts, interactions, opportunities, opportunityEmbeddings, opportunityStageHistory, products, teams, users } from '../schema/index.ts';
import type { DealProfileSource } from './deal-embeddings.ts';
import { dealAccount, dealOwner, dealProduct, dealProfileColumns, ownerTeam, visibleDeal } from './opportunity-columns.ts';
import type { Scope } from './scope.ts';

// The store's deal history as it stood at an instant, for fitting and replaying the win-probability
// model: only rows dated before `before` are read, so a replay never sees its own future. These are
// organisation-wide statistics (like stageDurationStats); the tool names only deals the caller may see.

export interface DealRecord extends DealProfileSource {
  createdAt: Date;
  closedAt: Date | null;
  outcome: 'won' | 'lost' | null;
  stage: OpportunityStage;
  stageEnteredAt: Date;
  name: string;
  accountName: string;
  ownerId: string;
  probability: number | null;
}

const profileColumns = {
  ...dealProfileColumns,
  createdAt: opportunities.createdAt,
  closedAt: opportunities.closedAt,
  outcome: opportunities.outcome,
  stage: opportunities.stage,
  stageEnteredAt: opportunities.stageEnteredAt,
  name: opportunities.name,
  accountName: accounts.name,
  ownerId: opportunities.ownerId,
  probability: opportunities.probability,
};

const dealsWithProfile = (ex: Executor) =>
  ex
    .select(profileColumns)
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .leftJoin(teams, ownerTeam)
    .leftJoin(products, dealProduct);

/** Deals won or lost before `before`. */
export async function closedDealsBefore(ex: Executor, before: Date): Promise<DealRecord[]> {
  return dealsWithProfile(ex)
    .where(and(isNotNull(opportunities.outcome), lt(opportunities.closedAt, before)))
    .orderBy(asc(opportunities.closedAt), asc(opportunities.id));
}

/** Deals that existed and were not yet closed at `at` (the ones a replay of that day would score). */
export async function dealsOpenAt(ex: Executor, at: Date): Promise<DealRecord[]> {
  return dealsWithProfile(ex)
    .where(and(lt(opportunities.createdAt, at), or(isNull(opportunities.closedAt), gte(opportunities.closedAt, at))))
    .orderBy(asc(opportunities.id));
}

/** One deal the caller may see, with what its profile is built from. */
export async function dealRecord(ex: Executor, scope: Scope, id: string): Promise<DealRecord | undefined> {
  const [row] = await dealsWithProfile(ex).where(visibleDeal(scope, id));
  return row;
}

export interface StageChange {
  opportunityId: string;
  toStage: OpportunityStage;
  changedAt: Date;
}

/** Stage changes dated before `before` (of these deals, or of all), per deal in time order. */
export async function stageChangesBefore(ex: Executor, before: Date, ids?: readonly string[]): Promise<StageChange[]> {
  if (ids && ids.length === 0) return [];
  return ex
    .select({ opportunityId: opportunityStageHistory.opportunityId, toStage: opportunityStageHistory.toStage, changedAt: opportunityStageHistory.changedAt })
    .from(opportunityStageHistory)
    .where(and(lt(opportunityStageHistory.changedAt, before), ids ? inArray(opportunityStageHistory.opportunityId, [...ids]) : undefined))
    .orderBy(asc(opportunityStageHistory.opportunityId), asc(opportunityStageHistory.changedAt), asc(opportunityStageHistory.id));
}

export interface Touch {
  id: string;
  opportunityId: string;
  at: Date;
  type: InteractionType;
  subject: string | null;
}

/** When each deal was touched (emails, calls, meetings, messages; not internal notes) before `before`. */
export async function touchesBefore(ex: Executor, before: Date, ids?: readonly string[]): Promise<Touch[]> {
  if (ids && ids.length === 0) return [];
  const found = await ex
    .select({ id: interactions.id, opportunityId: interactions.opportunityId, at: interactions.occurredAt, type: interactions.type, subject: interactions.subject })
    .from(interactions)
    .where(
      and(
        isNotNull(interactions.opportunityId),
        ne(interactions.type, 'note'),
        lt(interactions.occurredAt, before),
        ids ? inArray(interactions.opportunityId, [...ids]) : undefined,
      ),
    )
    .orderBy(asc(interactions.opportunityId), asc(interactions.occurredAt), asc(interactions.id));
  return found.filter((r): r is Touch => r.opportunityId !== null);
}

/** Stored profile embeddings of these deals made by `model`, with the text they were made from. */
export async function storedProfileEmbeddings(
  ex: Executor,
  ids: readonly string[],
  model: string,
): Promise<Map<string, { text: string; vector: number[] }>> {
  if (ids.length === 0) return new Map();
  const found = await ex
    .select({ id: opportunityEmbeddings.opportunityId, text: opportunityEmbeddings.profileText, vector: opportunityEmbeddings.embedding })
    .from(opportunityEmbeddings)
    .where(and(inArray(opportunityEmbeddings.opportunityId, [...ids]), eq(opportunityEmbeddings.embeddingModel, model)));
  return new Map(found.map((r) => [r.id, { text: r.text, vector: r.vector }]));
}

/**
 * A cheap fingerprint of the closed history before `before`: when it is unchanged, a model fitted on
 * that history is still the right one (a new close, edit or stage move changes the count or the stamp).
 */
export async function closedHistoryStamp(ex: Executor, before: Date): Promise<string> {
  const at = before.toISOString();
  const [row] = await rows<{ n: number; updated: string | null; moves: number; moved: string | null }>(
    ex,
    sql`
      select (select count(*)::int from opportunities where outcome is not null and closed_at < ${at}::timestamptz) as n,
             (select max(updated_at)::text from opportunities where outcome is not null and closed_at < ${at}::timestamptz) as updated,
             (select count(*)::int from opportunity_stage_history where changed_at < ${at}::timestamptz) as moves,
             (select max(changed_at)::text from opportunity_stage_history where changed_at < ${at}::timestamptz) as moved
    `,
  );
  return `${row?.n ?? 0}|${row?.updated ?? '-'}|${row?.moves ?? 0}|${row?.moved ?? '-'}`;
}
