import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createLocalEmbedder } from '../../core/embeddings/index.ts';
import { vectorRanking } from '../../db/repos/semantic-rank.ts';
import { DEMO_QUESTIONS } from './demo-topics.ts';
import { openEvalStore } from './demo-store.ts';
import { mean, quantile, tieAwareRecall } from './metrics.ts';

// `npx tsx evals/search/index-params.ts --store DIR --m 16 --ef-construction 64`: rebuilds the chunks HNSW index of
// a copy of a seeded store with other build parameters and measures recall@10 against exact (tie-aware) on the
// demo questions, lexical embedder, at several ef_search. For choosing the migration's index parameters.

const { values } = parseArgs({ options: { store: { type: 'string' }, m: { type: 'string', default: '16' }, 'ef-construction': { type: 'string', default: '64' } } });
const m = Number(values.m);
const efc = Number(values['ef-construction']);
if (!values.store || !Number.isInteger(m) || !Number.isInteger(efc)) throw new Error('usage: --store DIR [--m 16] [--ef-construction 64]');
const embedder = createLocalEmbedder();
const { store, dispose } = await openEvalStore({ from: path.resolve(values.store), scale: 1, base: embedder });
try {
  const t0 = performance.now();
  await store.db.execute(sql.raw('DROP INDEX IF EXISTS chunks_embedding_hnsw_idx'));
  await store.db.execute(sql.raw(`CREATE INDEX chunks_embedding_hnsw_idx ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m=${m}, ef_construction=${efc})`));
  console.log(`m=${m} ef_construction=${efc}: index built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const vectors = await embedder.embed(DEMO_QUESTIONS.map((q) => q.question));
  const o = { model: embedder.model, depth: 10 };
  const exact = [];
  for (const v of vectors) exact.push((await vectorRanking(store.db, { kind: 'all' }, v, { kind: 'exact' }, o)).map((e) => ({ id: e.id, distance: e.score })));
  for (const ef of [40, 100, 400, 1000]) {
    const recalls: number[] = [];
    const ms: number[] = [];
    for (const [i, v] of vectors.entries()) {
      const t1 = performance.now();
      const approx = await vectorRanking(store.db, { kind: 'all' }, v, { kind: 'hnsw', efSearch: ef }, o);
      ms.push(performance.now() - t1);
      recalls.push(tieAwareRecall(exact[i]!, approx.map((a) => ({ id: a.id, distance: a.score })), 10));
    }
    console.log(`  ef_search ${ef}: recall@10 ${mean(recalls).toFixed(3)} (min ${Math.min(...recalls).toFixed(2)}), p50 ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms`);
  }
} finally {
  await dispose();
}
