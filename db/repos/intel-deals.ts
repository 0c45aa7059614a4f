import { sql } from 'drizzle-orm';
import type { OpportunityStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { toDate } from './interactions.ts';
import { dealInScope } from './opportunity-columns.ts';
import type { Scope } from './scope.ts';

// "Deals like this one" among the deals the caller may see. nearestDeals (deal-embeddings.ts) walks the
// HNSW index and filters afterwards, which can come back nearly empty for a rep whose deals are a small
// share of the store; this search is exact over the caller's deals (a few thousand vectors at most).

export interface SimilarDeal {
  id: string;
  name: string;
  account: string;
  owner: string;
  product: string | null;
  stage: OpportunityStage;
  outcome: 'won' | 'lost' | null;
  valueMinor: number;
  currency: string;
  discountPct: number | null;
  closedAt: Date | null;
  competitors: string[];
  lostReason: string | null;
  wonReason: string | null;
  /** cosine similarity of the profile embeddings, 1 = identical profile */
  similarity: number;
}

export async function nearestDealsInScope(
  ex: Executor,
  scope: Scope,
  embedding: number[],
  options: {
    model: string;
    limit: number;
    excludeId?: string;
    /** 'closed' = closed before asOf; 'won' = won before asOf; 'all' = open ones too */
    status: 'closed' | 'won' | 'all';
    asOf: Date;
  },
): Promise<SimilarDeal[]> {
  const vector = `[${embedding.join(',')}]`;
  const asOf = options.asOf.toISOString();
  const status =
    options.status === 'all'
      ? sql`(o.closed_at is null or o.closed_at <= ${asOf}::timestamptz)`
      : sql`o.closed_at is not null and o.closed_at <= ${asOf}::timestamptz and o.outcome is not null ${options.status === 'won' ? sql`and o.outcome = 'won'` : sql``}`;
  const found = await rows<Omit<SimilarDeal, 'closedAt' | 'similarity' | 'valueMinor' | 'discountPct'> & { closedAt: Date | string | null; distance: number; valueMinor: number | string; discountPct: number | null }>(
    ex,
    sql`
      select o.id, o.name, a.name as account, u.full_name as owner, p.name as product, o.stage, o.outcome,
             o.value_minor::float8 as "valueMinor", o.currency, o.discount_pct::float8 as "discountPct", o.closed_at as "closedAt",
             o.competitors, o.lost_reason as "lostReason", o.won_reason as "wonReason",
             ((e.embedding <=> ${vector}::vector) + 0)::float8 as distance
      from opportunity_embeddings e
      join opportunities o on o.id = e.opportunity_id
      join accounts a on a.id = o.account_id
      join users u on u.id = o.owner_id
      left join products p on p.id = o.product_id
      where e.embedding_model = ${options.model}
        and ${dealInScope(scope, sql`o.id`)}
        and ${status}
        ${options.excludeId ? sql`and o.id <> ${options.excludeId}::uuid` : sql``}
      order by distance, o.id
      limit ${options.limit}`,
  );
  return found.map(({ distance, closedAt, valueMinor, ...deal }) => ({
    ...deal,
    valueMinor: Number(valueMinor),
    closedAt: closedAt === null ? null : toDate(closedAt),
    similarity: Math.round((1 - Number(distance)) * 10_000) / 10_000,
  }));
}
