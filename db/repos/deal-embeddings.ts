import { and, cosineDistance, eq, inArray, isNotNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { accounts, opportunities, opportunityEmbeddings, products, teams, users } from '../schema/index.ts';
import { dealAccount, dealOwner, dealProduct, dealProfileColumns, ownerTeam, visibleDeal } from './opportunity-columns.ts';
import { ownedBy, type Scope } from './scope.ts';

export type NewDealEmbedding = typeof opportunityEmbeddings.$inferInsert;

export async function upsertDealEmbeddings(ex: Executor, rowsToWrite: NewDealEmbedding[]): Promise<void> {
  if (rowsToWrite.length === 0) return;
  await ex
    .insert(opportunityEmbeddings)
    .values(rowsToWrite)
    .onConflictDoUpdate({
      target: opportunityEmbeddings.opportunityId,
      set: {
        profileText: sql`excluded.profile_text`,
        embedding: sql`excluded.embedding`,
        embeddingModel: sql`excluded.embedding_model`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** Deals with no embedding yet, or one from another model: the ones a refresh must (re-)embed. */
export async function dealsMissingEmbeddings(ex: Executor, model: string, limit = 1000): Promise<string[]> {
  const found = await ex
    .select({ id: opportunities.id })
    .from(opportunities)
    .leftJoin(opportunityEmbeddings, eq(opportunityEmbeddings.opportunityId, opportunities.id))
    .where(sql`${opportunityEmbeddings.opportunityId} is null or ${opportunityEmbeddings.embeddingModel} <> ${model}`)
    .limit(limit);
  return found.map((r) => r.id);
}

export interface NearDeal {
  id: string;
  name: string;
  account: string;
  ownerId: string;
  outcome: 'won' | 'lost' | null;
  valueMinor: number;
  currency: string;
  discountPct: number | null;
  closedAt: Date | null;
  similarity: number;
}

/**
 * The deals nearest to `embedding` (cosine, HNSW). `closedBefore` keeps only deals already closed at that
 * instant (what a prediction made then could have known); `scope` limits to what the caller may see.
 */
export async function nearestDeals(
  ex: Executor,
  embedding: number[],
  options: { model: string; limit: number; excludeId?: string; closedBefore?: Date; scope?: Scope },
): Promise<NearDeal[]> {
  const distance = cosineDistance(opportunityEmbeddings.embedding, embedding);
  const conditions: (SQL | undefined)[] = [
    eq(opportunityEmbeddings.embeddingModel, options.model),
    options.excludeId ? ne(opportunities.id, options.excludeId) : undefined,
    options.closedBefore ? and(isNotNull(opportunities.closedAt), lt(opportunities.closedAt, options.closedBefore)) : undefined,
    options.scope ? ownedBy(options.scope, opportunities.ownerId) : undefined,
  ];
  const found = await ex
    .select({
      id: opportunities.id,
      name: opportunities.name,
      account: accounts.name,
      ownerId: opportunities.ownerId,
      outcome: opportunities.outcome,
      valueMinor: opportunities.valueMinor,
      currency: opportunities.currency,
      discountPct: opportunities.discountPct,
      closedAt: opportunities.closedAt,
      distance: sql<number>`${distance}`.mapWith(Number),
    })
    .from(opportunityEmbeddings)
    .innerJoin(opportunities, eq(opportunities.id, opportunityEmbeddings.opportunityId))
    .innerJoin(accounts, dealAccount)
    .where(and(...conditions.filter((c): c is SQL => c !== undefined)))
    .orderBy(distance)
    .limit(options.limit);
  return found.map(({ distance: d, ...deal }) => ({ ...deal, similarity: 1 - d }));
}

export interface DealProfileSource {
  id: string;
  productName: string | null;
  industry: string | null;
  employees: number | null;
  region: string | null;
  source: string | null;
  competitors: string[];
  ownerName: string;
  teamName: string | null;
}

/**
 * What a deal's profile text is built from (account, product, source, competitors, owner, team), for these
 * deals. Unscoped when `scope` is omitted: only for the start-up embedding refresh, which acts for no caller.
 */
export async function dealProfileSources(ex: Executor, ids: readonly string[], scope?: Scope): Promise<DealProfileSource[]> {
  if (ids.length === 0) return [];
  return ex
    .select(dealProfileColumns)
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .leftJoin(teams, ownerTeam)
    .leftJoin(products, dealProduct)
    .where(and(inArray(opportunities.id, [...ids]), scope ? ownedBy(scope, opportunities.ownerId) : undefined))
    .orderBy(opportunities.id);
}

/** The stored embedding of one deal the caller may see, if it was made by `model`. */
export async function storedDealEmbedding(ex: Executor, scope: Scope, id: string, model: string): Promise<number[] | undefined> {
  const [row] = await ex
    .select({ embedding: opportunityEmbeddings.embedding })
    .from(opportunityEmbeddings)
    .innerJoin(opportunities, eq(opportunities.id, opportunityEmbeddings.opportunityId))
    .where(and(visibleDeal(scope, id), eq(opportunityEmbeddings.embeddingModel, model)));
  return row?.embedding;
}
