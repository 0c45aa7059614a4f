import { readFileSync } from 'node:fs';
import { decodeWordVectors, loadWordVectors } from '../core/embeddings/word-vectors.ts';
import { embedLocalOne } from '../core/embeddings/local.ts';
import { createSemanticEncoder } from '../core/embeddings/local-semantic.ts';
import { DEMO_QUESTIONS, DEMO_TOPICS, topicMatcher } from '../evals/search/demo-topics.ts';
import { gunzipSync } from 'node:zlib';
// `npx tsx scripts/tune-semantic-weight.ts TEXTS.json [VECTORS.bin.gz] [weights...]`: the semantic embedder's
// on-topic precision@5 on the DEV demo questions only (held-out ones are never looked at here), by exact cosine
// in memory over a JSON array of the demo store's distinct chunk texts. Used to pick SEMANTIC_WEIGHT and the corpus.
const [textsFile, vectorsFile, ...rest] = process.argv.slice(2);
const texts = JSON.parse(readFileSync(textsFile!, 'utf8')) as string[];
const matchers = new Map(DEMO_TOPICS.map((t) => [t.name, topicMatcher(t)]));
const wv = vectorsFile && vectorsFile !== '-' ? decodeWordVectors(gunzipSync(readFileSync(vectorsFile))) : loadWordVectors();
const weights = rest.map(Number);
for (const w of weights.length ? weights : [0, 0.5, 0.7, 0.8, 0.9]) {
  const enc = w === 0 ? (t: string) => embedLocalOne(t) : createSemanticEncoder(wv, 384, w);
  const M = texts.map(enc);
  const res = { dev: [] as number[] };
  for (const q of DEMO_QUESTIONS) {
    const v = enc(q.question);
    const s = M.map((m, i) => [i, m.reduce((a, x, d) => a + x * v[d]!, 0)] as const).sort((a, b) => b[1] - a[1]).slice(0, 5);
    const p = s.filter(([i]) => matchers.get(q.topic)!(texts[i]!)).length / 5;
    if (!q.heldOut) res.dev.push(p);
  }
  const m = (a: number[]) => (a.reduce((x, y) => x + y, 0) / a.length).toFixed(3);
  console.log(`weight ${w}: dev P@5 ${m(res.dev)}`);
}
