import { sql } from 'drizzle-orm';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import type { Store } from '../../db/client.ts';
import { chunkTableSize, vectorRanking } from '../../db/repos/semantic-rank.ts';
import { rows } from '../../db/rows.ts';
import { searchPassages, vectorPlanFor } from '../../tools/intelligence/hybrid-search.ts';
import { DEMO_QUESTIONS, DEMO_TOPICS, topicMatcher } from '../search/demo-topics.ts';
import { mean, precisionAt, tieAwareRecall } from '../search/metrics.ts';
import { loadSignalsDataset } from '../signals/dataset.ts';
import { scoreDataset } from '../signals/score.ts';
import { heldoutPath, loadHeldout, scoreHeldout } from '../tone/heldout.ts';
import type { Metric } from './table.ts';

// Extraction, tone and search figures as metrics, from the same scorers their own commands print.

export function signalsMetrics(): Metric[] {
  const all = loadSignalsDataset();
  const out: Metric[] = [];
  for (const split of ['test', 'holdout'] as const) {
    const report = scoreDataset(all.filter((r) => r.split === split));
    for (const row of report.rows) {
      if (row.f1 === null) continue; // no labels of that type in the split
      // the targets are on the test split; the rest is for information
      const id = split === 'test' && ['quantities', 'prices', 'dates'].includes(row.type) ? `signals.${row.type}_f1` : `signals.${split}_${row.type.toLowerCase()}_f1`;
      out.push({ id, value: row.f1, note: `P ${row.precision?.toFixed(3) ?? 'n/a'}, R ${row.recall?.toFixed(3) ?? 'n/a'} (${split}, ${report.sentences} sentences)` });
    }
  }
  return out;
}

/** The newest held-out tone set: the first one became tuning material once its failures were read. */
export function toneMetrics(): Metric[] {
  const set = 'heldout2';
  const s = scoreHeldout(loadHeldout(heldoutPath(set)));
  return [
    { id: 'tone.heldout_formality', value: s.formality.accuracy, note: `tone-${set}: ${s.formality.correct}/${s.total} messages` },
    { id: 'tone.heldout_length', value: s.length.accuracy, note: `tone-${set}: ${s.length.correct}/${s.total} messages` },
  ];
}

/**
 * On-topic precision@5 of hybrid search (the production default, lexical embedder) on the held-out demo
 * questions, exact vector ranking as in `npm run eval:search`; and recall@10 of the plan production picks
 * for this store's size against an exact scan.
 */
export async function searchMetrics(store: Store): Promise<Metric[]> {
  const embedder = createLocalEmbedder();
  const matchers = new Map(DEMO_TOPICS.map((t) => [t.name, topicMatcher(t)]));
  const held = DEMO_QUESTIONS.filter((q) => q.heldOut);
  const p5: number[] = [];
  for (const q of held) {
    const [embedding] = await embedder.embed([q.question]);
    const hits = await searchPassages(store.db, { kind: 'all' }, { query: q.question, embedding: embedding!, model: embedder.model, limit: 10, mode: 'hybrid', plan: { kind: 'exact' } });
    p5.push(precisionAt(hits.map((h) => matchers.get(q.topic)!(h.text)), 5));
  }
  const size = await chunkTableSize(store.db);
  const plan = vectorPlanFor(size, {});
  const recalls: number[] = [];
  // at a size where production scans exactly, its recall is 1 by construction: nothing to measure
  if (plan.kind === 'exact') recalls.push(1);
  else for (const q of DEMO_QUESTIONS) {
    const [v] = await embedder.embed([q.question]);
    const o = { model: embedder.model, depth: 10 };
    const exact = await vectorRanking(store.db, { kind: 'all' }, v!, { kind: 'exact' }, o);
    const approx = await vectorRanking(store.db, { kind: 'all' }, v!, plan, o);
    recalls.push(tieAwareRecall(exact.map((e) => ({ id: e.id, distance: e.score })), approx.map((a) => ({ id: a.id, distance: a.score })), 10));
  }
  const [chunks] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from chunks where embedding_model = ${embedder.model}`);
  return [
    { id: 'search.heldout_p5', value: mean(p5), note: `${held.length} held-out questions, hybrid ${embedder.model}` },
    { id: 'search.ann_recall10', value: mean(recalls), note: `plan ${JSON.stringify(plan)} at ${chunks!.n.toLocaleString('en-US')} chunks${plan.kind === 'exact' ? ' (exact scan: recall 1 by construction)' : ''}; HNSW at scale 10: eval:search --store` },
  ];
}
