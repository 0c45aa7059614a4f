import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../core/embeddings/index.ts';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { insertChunks } from '../../db/repos/chunks.ts';
import { searchPassages, type SearchMode } from '../../tools/intelligence/hybrid-search.ts';
import { mean, ndcgAt, precisionAt } from './metrics.ts';

// Questions over real meeting text labelled by people: QMSum's specific queries over 20 AMI meetings, each with
// the transcript spans its human annotators marked as relevant. Passages are windows of WINDOW speaker turns; a
// window is relevant when it overlaps a marked span. Only queries whose spans are narrow (at most MAX_SPAN turns in
// all) are kept, so relevance means something. Nothing was tuned on this set: it is held out as a whole.

const WINDOW = 10;
const MAX_SPAN = 60;

interface Passage {
  key: string;
  text: string;
}
interface Labelled {
  query: string;
  relevant: Set<string>;
}

export function amiSet(dataDir: string): { passages: Passage[]; questions: Labelled[] } {
  const dir = path.join(dataDir, 'ami_meetings_qmsum/product_test');
  if (!existsSync(dir)) return { passages: [], questions: [] };
  const passages: Passage[] = [];
  const questions: Labelled[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const meeting = file.replace(/\.json$/, '');
    const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      meeting_transcripts: { speaker: string; content: string }[];
      specific_query_list: { query: string; relevant_text_span: [string, string][] }[];
    };
    const turns = data.meeting_transcripts;
    for (let start = 0; start < turns.length; start += WINDOW) {
      const text = turns.slice(start, start + WINDOW).map((t) => `${t.speaker}: ${t.content.replace(/\{[a-z]+\}/g, '').replace(/\s+/g, ' ').trim()}`).join('\n');
      passages.push({ key: `${meeting}#${start / WINDOW}`, text });
    }
    for (const q of data.specific_query_list) {
      const spans = q.relevant_text_span.map(([a, b]) => [Number(a), Number(b)] as const);
      if (spans.reduce((n, [a, b]) => n + b - a + 1, 0) > MAX_SPAN) continue;
      const relevant = new Set<string>();
      for (const [a, b] of spans) for (let w = Math.floor(a / WINDOW); w <= Math.floor(b / WINDOW); w++) relevant.add(`${meeting}#${w}`);
      questions.push({ query: q.query, relevant });
    }
  }
  return { passages, questions };
}

export async function runPublicSet(dataDir: string, embedders: Embedder[]): Promise<string[]> {
  const { passages, questions } = amiSet(dataDir);
  if (questions.length === 0) return [`no AMI data under ${dataDir}: skipped`];
  const store = await openStore({ kind: 'pglite' });
  try {
    await migrateStore(store);
    const keyOf = new Map<string, string>();
    for (const e of embedders) {
      const vectors = await e.embed(passages.map((p) => p.text));
      await insertChunks(store.db, passages.map((p, i) => ({ text: p.text, embedding: vectors[i]!, embeddingModel: e.model, ordinal: i })));
    }
    passages.forEach((p) => keyOf.set(p.text, p.key));
    const lines = [`AMI (QMSum human spans): ${questions.length} questions, ${passages.length} passages of ${WINDOW} turns, avg ${mean(questions.map((q) => q.relevant.size)).toFixed(1)} relevant each`,
      'config                      | P@5  | nDCG@10 | recall@10'];
    type Expansions = { expand: boolean; synonyms: boolean; concepts: boolean; vectorWeight?: number };
    type Config = [string, Embedder, SearchMode, Expansions];
    const all: Expansions = { expand: true, synonyms: true, concepts: true };
    const noConcepts: Expansions = { ...all, concepts: false };
    const configs: Config[] = embedders.flatMap((e, i): Config[] => [
      [`vector ${e.model}`, e, 'vector', all],
      ...(i === 0
        ? ([
            ['full text alone', e, 'text', { expand: false, synonyms: false, concepts: false }],
            ['full text + both (before)', e, 'text', noConcepts],
            ['full text + all three', e, 'text', all],
            [`hybrid ${e.model} (before)`, e, 'hybrid', { ...noConcepts, vectorWeight: 1 }],
          ] as Config[])
        : []),
      [`hybrid ${e.model}`, e, 'hybrid', all],
    ]);
    for (const [label, e, mode, expansions] of configs) {
      const p5: number[] = [];
      const ndcg: number[] = [];
      const recall: number[] = [];
      for (const q of questions) {
        const [embedding] = await e.embed([q.query]);
        const hits = await searchPassages(store.db, { kind: 'all' }, { query: q.query, embedding: embedding!, model: e.model, limit: 10, mode, ...expansions, plan: { kind: 'exact' } });
        const rel = hits.map((h) => q.relevant.has(keyOf.get(h.text) ?? ''));
        p5.push(precisionAt(rel, 5));
        ndcg.push(ndcgAt(rel, 10, q.relevant.size));
        recall.push(rel.filter(Boolean).length / q.relevant.size);
      }
      lines.push(`${label.padEnd(27)} | ${mean(p5).toFixed(2)} |    ${mean(ndcg).toFixed(2)} |      ${mean(recall).toFixed(2)}`);
    }
    return lines;
  } finally {
    await store.close();
  }
}
