import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import type { Store } from '../../db/client.ts';
import { chunkTableSize, vectorRanking } from '../../db/repos/semantic-rank.ts';
import { vectorPlanFor } from '../../tools/intelligence/hybrid-search.ts';
import { DEMO_QUESTIONS } from '../search/demo-topics.ts';
import { quantile, tieAwareRecall } from '../search/metrics.ts';
import type { Figure } from './figures.ts';

// Vector top-10 over the chunks of a seeded store: latency of an exact scan, of HNSW at a few ef_search
// values and of the plan production picks for this size, with recall@10 against the exact scan (tie-aware),
// on the labelled demo questions.

export async function benchVector(store: Store): Promise<Figure[]> {
  const embedder = createLocalEmbedder();
  const vectors = await embedder.embed(DEMO_QUESTIONS.map((q) => q.question));
  const o = { model: embedder.model, depth: 10 };
  const size = await chunkTableSize(store.db);
  const production = vectorPlanFor(size, {});
  const plans = [
    { name: 'exact scan', plan: { kind: 'exact' as const } },
    { name: 'HNSW ef_search 40', plan: { kind: 'hnsw' as const, efSearch: 40 } },
    { name: 'HNSW ef_search 100', plan: { kind: 'hnsw' as const, efSearch: 100 } },
    { name: `production plan (${production.kind})`, plan: production },
  ];
  const exact: { id: string; distance: number }[][] = [];
  for (const v of vectors) exact.push((await vectorRanking(store.db, { kind: 'all' }, v, { kind: 'exact' }, o)).map((e) => ({ id: e.id, distance: e.score })));
  const figures: Figure[] = [];
  for (const { name, plan } of plans) {
    const ms: number[] = [];
    const recalls: number[] = [];
    for (const [i, v] of vectors.entries()) {
      const t0 = performance.now();
      const found = await vectorRanking(store.db, { kind: 'all' }, v, plan, o);
      ms.push(performance.now() - t0);
      recalls.push(tieAwareRecall(exact[i]!, found.map((f) => ({ id: f.id, distance: f.score })), 10));
    }
    const note = `${size.toLocaleString('en-US')} chunks, ${vectors.length} questions`;
    figures.push(
      { area: 'vector', name, metric: 'p50', value: quantile(ms, 0.5), unit: 'ms', note },
      { area: 'vector', name, metric: 'p95', value: quantile(ms, 0.95), unit: 'ms', note },
      { area: 'vector', name, metric: 'recall@10', value: recalls.reduce((a, b) => a + b, 0) / recalls.length, unit: 'ratio', note },
    );
  }
  return figures;
}
