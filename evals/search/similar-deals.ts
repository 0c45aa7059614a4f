import { sql } from 'drizzle-orm';
import type { Embedder } from '../../core/embeddings/index.ts';
import type { Store } from '../../db/client.ts';
import { nearestDeals } from '../../db/repos/deal-embeddings.ts';
import { rows } from '../../db/rows.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';
import { mean } from './metrics.ts';
import { EVAL_NOW } from './demo-store.ts';

// similar_deals' quality on closed deals: how often the 5 nearest closed deals share the deal's product, segment
// (industry) and outcome, against chance (the same share over all pairs of closed deals).

const K = 5;

export async function similarDeals(store: Store, embedder: Embedder): Promise<string> {
  await refreshDealEmbeddings(store.db, embedder, EVAL_NOW);
  const deals = await rows<{ id: string; product: string | null; industry: string | null; outcome: string }>(
    store.db,
    sql`select o.id, o.product_id::text as product, a.industry, o.outcome::text as outcome
        from opportunities o join accounts a on a.id = o.account_id join opportunity_embeddings e on e.opportunity_id = o.id
        where o.outcome is not null and e.embedding_model = ${embedder.model} order by o.id`,
  );
  const byId = new Map(deals.map((d) => [d.id, d]));
  const [embeddings] = [await rows<{ id: string; embedding: string }>(store.db, sql`select opportunity_id as id, embedding::text from opportunity_embeddings where embedding_model = ${embedder.model}`)];
  const vectorOf = new Map(embeddings.map((e) => [e.id, JSON.parse(e.embedding) as number[]]));
  const share = { product: [] as number[], industry: [] as number[], outcome: [] as number[] };
  for (const d of deals) {
    const near = (await nearestDeals(store.db, vectorOf.get(d.id)!, { model: embedder.model, limit: K + 10, excludeId: d.id }))
      .filter((n) => n.outcome !== null)
      .slice(0, K)
      .map((n) => byId.get(n.id)!)
      .filter(Boolean);
    if (near.length === 0) continue;
    share.product.push(near.filter((n) => n.product === d.product).length / near.length);
    share.industry.push(near.filter((n) => n.industry === d.industry).length / near.length);
    share.outcome.push(near.filter((n) => n.outcome === d.outcome).length / near.length);
  }
  // chance: the probability that two different closed deals agree, from the value counts
  const chance = (key: 'product' | 'industry' | 'outcome') => {
    const counts = new Map<string | null, number>();
    for (const d of deals) counts.set(d[key], (counts.get(d[key]) ?? 0) + 1);
    const n = deals.length;
    return [...counts.values()].reduce((s, c) => s + c * (c - 1), 0) / (n * (n - 1));
  };
  const f = (k: 'product' | 'industry' | 'outcome') => `${k} ${mean(share[k]).toFixed(2)} (chance ${chance(k).toFixed(2)})`;
  return `  ${embedder.model}: ${deals.length} closed deals, share of the ${K} nearest closed deals with the same ${f('product')}, ${f('industry')}, ${f('outcome')}`;
}
