import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useSalesConcepts } from '../../core/text/sales-concepts.ts';
import type { ConceptsFile } from '../../core/text/sales-concepts-data.ts';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLocalEmbedder, type Embedder } from '../../core/embeddings/index.ts';
import type { Store } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { sql } from 'drizzle-orm';
import type { Scope } from '../../db/repos/scope.ts';
import { chunkTableSize, vectorRanking } from '../../db/repos/semantic-rank.ts';
import { searchPassages, vectorPlanFor, type SearchMode } from '../../tools/intelligence/hybrid-search.ts';
import { sameTextKey } from '../../tools/intelligence/fusion.ts';
import { DEMO_QUESTIONS, DEMO_TOPICS, topicMatcher } from './demo-topics.ts';
import { addEmbedderCopies, openEvalStore } from './demo-store.ts';
import { mean, ndcgAt, precisionAt, quantile, reciprocalRankAt, tieAwareRecall } from './metrics.ts';
import { runPublicSet } from './public-set.ts';
import { semanticEmbedderIfBuilt } from './embedders.ts';
import { similarDeals } from './similar-deals.ts';

// `npm run eval:search -- [--store DIR] [--scale 1] [--data ../shared/data] [--skip-public] [--skip-quality]`
// Quality (on-topic precision@5, nDCG@10) of vector, full-text and hybrid search per embedder on the labelled
// demo questions (dev and held-out apart) and on the Enron/AMI set; ANN recall@10 against an exact scan;
// latency p50/p95 of the production path. --store measures a copy of a seeded PGlite data dir (e.g. a scale-10
// seed made with `DATA_DIR=.data/s10 npm run seed -- --scale 10`); without it a scale-`--scale` demo org is seeded in memory.

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { store: { type: 'string' }, scale: { type: 'string', default: '1' }, data: { type: 'string' }, 'skip-public': { type: 'boolean', default: false }, 'skip-quality': { type: 'boolean', default: false }, 'skip-ann': { type: 'boolean', default: false }, 'skip-semantic': { type: 'boolean', default: false }, quick: { type: 'boolean', default: false }, 'dev-only': { type: 'boolean', default: false }, validation: { type: 'boolean', default: false }, sweep: { type: 'boolean', default: false }, concepts: { type: 'string' }, only: { type: 'string' }, 'skip-similar': { type: 'boolean', default: false } },
});
const dataDir = path.resolve(values.data ?? path.join(here, '../../../shared/data'));
const ALL: Scope = { kind: 'all' };
/** latency is sampled on the first questions: each costs a full search on a loaded machine */
const LATENCY_QUESTIONS = 40;
/** --validation measures the dev questions from this index on in each topic (build:sales-concepts --dev-keep 3) */
const VALIDATION_FROM = 3;
const f2 = (v: number) => (Number.isNaN(v) ? ' n/a' : v.toFixed(2));

interface Config {
  label: string;
  embedder: Embedder;
  mode: SearchMode;
  /** related-word expansion of the full-text ranking (default on) */
  expand?: boolean;
  /** sales synonyms in the full-text ranking (default on) */
  synonyms?: boolean;
  /** sales-concept words in the full-text ranking (default on) */
  concepts?: boolean;
  /** the concept words' weight (default the product's) */
  conceptWeight?: number;
  /** the vector ranking's fusion weight (default the product's) */
  vectorWeight?: number;
}

/** Prints each config's line as soon as it is measured (a run on a loaded machine takes a while). */
async function quality(store: Store, configs: Config[], baseModel: string): Promise<void> {
  const texts = await rows<{ text: string }>(store.db, sql`select distinct text from chunks where embedding_model = ${baseModel}`);
  const matchers = new Map(DEMO_TOPICS.map((t) => [t.name, topicMatcher(t)]));
  const totals = new Map(DEMO_TOPICS.map((t) => [t.name, new Set(texts.filter((r) => matchers.get(t.name)!(r.text)).map((r) => sameTextKey(r.text))).size]));
  const lines = [`demo store: ${texts.length} distinct passages; on-topic distinct passages per topic: ${[...totals].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    '', 'config                      | dev P@5 | dev MRR | dev nDCG@10 | held-out P@5 | held-out MRR | held-out nDCG@10 | p50 ms | p95 ms'];
  for (const line of lines) console.log(line);
  for (const c of configs) {
    const scores = { dev: { p: [] as number[], r: [] as number[], n: [] as number[] }, held: { p: [] as number[], r: [] as number[], n: [] as number[] } };
    const ms: number[] = [];
    for (const q of DEMO_QUESTIONS) {
      if ((values['dev-only'] || values.validation) && q.heldOut) continue; // tuning runs never look at the held-out questions
      // --validation: only the dev questions the --concepts file was not learned from (build --dev-keep 3)
      if (values.validation && q.indexInTopic < VALIDATION_FROM) continue;
      const [embedding] = await c.embedder.embed([q.question]);
      const t0 = performance.now();
      const hits = await searchPassages(store.db, ALL, {
        query: q.question, embedding: embedding!, model: c.embedder.model, limit: 10, mode: c.mode, plan: { kind: 'exact' }, expand: c.expand ?? true, synonyms: c.synonyms ?? true, concepts: c.concepts ?? true, ...(c.vectorWeight === undefined ? {} : { vectorWeight: c.vectorWeight }), ...(c.conceptWeight === undefined ? {} : { conceptWeight: c.conceptWeight }),
      });
      ms.push(performance.now() - t0);
      const relevant = hits.map((h) => matchers.get(q.topic)!(h.text));
      const bucket = q.heldOut ? scores.held : scores.dev;
      bucket.p.push(precisionAt(relevant, 5));
      bucket.r.push(reciprocalRankAt(relevant, 10));
      bucket.n.push(ndcgAt(relevant, 10, totals.get(q.topic)!));
    }
    console.log(`${c.label.padEnd(27)} |    ${f2(mean(scores.dev.p))} |    ${f2(mean(scores.dev.r))} |        ${f2(mean(scores.dev.n))} |         ${f2(mean(scores.held.p))} |         ${f2(mean(scores.held.r))} |             ${f2(mean(scores.held.n))} | ${quantile(ms, 0.5).toFixed(0).padStart(6)} | ${quantile(ms, 0.95).toFixed(0).padStart(6)}`);
  }
}

async function annRecall(store: Store, embedder: Embedder): Promise<string[]> {
  const lines: string[] = [];
  const questions = DEMO_QUESTIONS.map((q) => q.question);
  const vectors = await embedder.embed(questions);
  const o = { model: embedder.model, depth: 10 };
  const exactMs: number[] = [];
  const exact: { id: string; distance: number }[][] = [];
  for (const v of vectors) {
    const t0 = performance.now();
    const found = await vectorRanking(store.db, ALL, v, { kind: 'exact' }, o);
    exactMs.push(performance.now() - t0);
    exact.push(found.map((e) => ({ id: e.id, distance: e.score })));
  }
  for (const ef of [40, 100, 400, 1000]) {
    const recalls: number[] = [];
    const ms: number[] = [];
    for (const [i, v] of vectors.entries()) {
      const t0 = performance.now();
      const approx = await vectorRanking(store.db, ALL, v, { kind: 'hnsw', efSearch: ef }, o);
      ms.push(performance.now() - t0);
      recalls.push(tieAwareRecall(exact[i]!, approx.map((a) => ({ id: a.id, distance: a.score })), 10));
    }
    lines.push(`  ${embedder.model} HNSW ef_search ${String(ef).padStart(3)} + iterative scan: recall@10 ${mean(recalls).toFixed(3)} (min ${Math.min(...recalls).toFixed(2)}), p50 ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms`);
  }
  lines.push(`  ${embedder.model} exact scan: p50 ${quantile(exactMs, 0.5).toFixed(1)} ms, p95 ${quantile(exactMs, 0.95).toFixed(1)} ms`);
  return lines;
}

/** The production path (plan chosen by size) as an admin and as a rep, hybrid, limit 8. */
async function latency(store: Store, embedder: Embedder): Promise<string[]> {
  const size = await chunkTableSize(store.db);
  const [rep] = await rows<{ id: string }>(store.db, sql`select owner_id as id from opportunities group by owner_id order by count(*) desc limit 1`);
  const lines = [`  ${size.toLocaleString('en-US')} rows in chunks -> plan ${JSON.stringify(vectorPlanFor(size, {}))}`];
  const scopes: [string, Scope][] = [['admin', ALL], ['busiest rep', { kind: 'owners', userIds: [rep!.id] }]];
  for (const [who, scope] of scopes) {
    const ms: number[] = [];
    for (const q of DEMO_QUESTIONS.slice(0, LATENCY_QUESTIONS)) {
      const [embedding] = await embedder.embed([q.question]);
      const t0 = performance.now();
      await searchPassages(store.db, scope, { query: q.question, embedding: embedding!, model: embedder.model, limit: 8 });
      ms.push(performance.now() - t0);
    }
    lines.push(`  hybrid ${embedder.model} as ${who}: p50 ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms over ${ms.length} questions`);
  }
  return lines;
}

async function main(): Promise<void> {
  if (values.concepts) useSalesConcepts(JSON.parse(readFileSync(path.resolve(values.concepts), 'utf8')) as ConceptsFile);
  const lexical = createLocalEmbedder();
  const semantic = values['skip-semantic'] ? undefined : await semanticEmbedderIfBuilt();
  const started = performance.now();
  const { store, dispose } = await openEvalStore({ ...(values.store ? { from: path.resolve(values.store) } : {}), scale: Number(values.scale), base: lexical });
  try {
    if (semantic) await addEmbedderCopies(store, lexical.model, semantic);
    console.log(`store ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const configs: Config[] = [
      { label: `vector ${lexical.model}`, embedder: lexical, mode: 'vector' },
      { label: 'full text alone', embedder: lexical, mode: 'text', expand: false, synonyms: false, concepts: false },
      { label: 'full text + related words', embedder: lexical, mode: 'text', synonyms: false, concepts: false },
      { label: 'full text + synonyms', embedder: lexical, mode: 'text', expand: false, concepts: false },
      { label: 'full text + both', embedder: lexical, mode: 'text', concepts: false },
      { label: 'full text + concepts', embedder: lexical, mode: 'text', expand: false, synonyms: false },
      { label: 'full text + all three', embedder: lexical, mode: 'text' },
      { label: `hybrid ${lexical.model} no exp.`, embedder: lexical, mode: 'hybrid', expand: false, synonyms: false, concepts: false },
      { label: `hybrid ${lexical.model} (before)`, embedder: lexical, mode: 'hybrid', concepts: false, vectorWeight: 1 },
      { label: `hybrid ${lexical.model}`, embedder: lexical, mode: 'hybrid' },
      // --sweep: the weights tried when choosing CONCEPT_WEIGHT and VECTOR_FUSION_WEIGHT (on --validation)
      ...(!values.sweep ? [] : [0.3, 0.5, 0.7, 2]).map((w) => ({ label: `full text + all three c${w}`, embedder: lexical, mode: 'text' as const, conceptWeight: w })),
      ...(!values.sweep ? [] : [0.25, 0.5, 1]).map((w) => ({ label: `hybrid ${lexical.model} v${w} c0.5`, embedder: lexical, mode: 'hybrid' as const, vectorWeight: w, conceptWeight: 0.5 })),
      ...(semantic ? [{ label: `vector ${semantic.model}`, embedder: semantic, mode: 'vector' as const }, { label: `hybrid ${semantic.model}`, embedder: semantic, mode: 'hybrid' as const }] : []),
    ];
    // --quick: one row per method (vector, full text, full text with expansions, hybrid)
    const QUICK = new Set([`vector ${lexical.model}`, 'full text alone', 'full text + both', 'full text + all three', `hybrid ${lexical.model} (before)`, `hybrid ${lexical.model}`, ...(semantic ? [`hybrid ${semantic.model}`] : [])]);
    if (values.quick) configs.splice(0, configs.length, ...configs.filter((c) => QUICK.has(c.label)));
    // --only 'label|label': just these rows (tuning runs)
    if (values.only) configs.splice(0, configs.length, ...configs.filter((c) => values.only!.split('|').includes(c.label)));
    if (!values['skip-quality']) {
      console.log(`\n=== Demo questions: ${DEMO_QUESTIONS.length} (${DEMO_QUESTIONS.filter((q) => q.heldOut).length} held out), exact vector ranking ===`);
      await quality(store, configs, lexical.model);
    }
    if (!values['skip-ann']) {
      console.log('\n=== ANN recall@10 against exact (tie-aware), the demo questions ===');
      for (const e of [lexical, ...(semantic ? [semantic] : [])]) for (const line of await annRecall(store, e)) console.log(line);
    }
    console.log('\n=== Latency of the production path ===');
    for (const e of [lexical, ...(semantic ? [semantic] : [])]) for (const line of await latency(store, e)) console.log(line);
    if (!values['skip-similar']) {
      console.log('\n=== similar_deals on closed deals ===');
      for (const e of [lexical, ...(semantic ? [semantic] : [])]) console.log(await similarDeals(store, e));
    }
  } finally {
    await dispose();
  }
  if (!values['skip-public']) {
    console.log('\n=== Enron/AMI hand-labelled questions ===');
    for (const line of await runPublicSet(dataDir, [lexical, ...(semantic ? [semantic] : [])])) console.log(line);
  }
}

main().catch((error: unknown) => {
  console.error('eval:search failed:', error);
  process.exitCode = 1;
});
