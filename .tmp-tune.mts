import { readFileSync } from 'node:fs';
import { embedLocalOne } from './core/embeddings/local.ts';
import { createSemanticEncoder } from './core/embeddings/local-semantic.ts';
import { loadWordVectors } from './core/embeddings/word-vectors.ts';
import { DEMO_QUESTIONS, DEMO_TOPICS, topicMatcher } from './evals/search/demo-topics.ts';
// dev-only tuning loop, in memory: exact cosine over the distinct demo passages
const texts = JSON.parse(readFileSync('/tmp/texts.json', 'utf8')) as string[];
const matchers = new Map(DEMO_TOPICS.map((t) => [t.name, topicMatcher(t)]));
const wv = loadWordVectors();
const weights = process.argv.slice(2).map(Number);
for (const w of weights.length ? weights : [0, 0.5, 0.7, 0.8, 0.9]) {
  const enc = w === 0 ? (t: string) => embedLocalOne(t) : createSemanticEncoder(wv, 384, w);
  const M = texts.map(enc);
  const res = { dev: [] as number[], held: [] as number[] };
  for (const q of DEMO_QUESTIONS) {
    const v = enc(q.question);
    const s = M.map((m, i) => [i, m.reduce((a, x, d) => a + x * v[d]!, 0)] as const).sort((a, b) => b[1] - a[1]).slice(0, 5);
    const p = s.filter(([i]) => matchers.get(q.topic)!(texts[i]!)).length / 5;
    (q.heldOut ? res.held : res.dev).push(p);
  }
  const m = (a: number[]) => (a.reduce((x, y) => x + y, 0) / a.length).toFixed(3);
  console.log(`weight ${w}: dev P@5 ${m(res.dev)}`);
}
