import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { contentWords } from '../core/embeddings/words.ts';
import { CONCEPTS_FILE, type ConceptsFile } from '../core/text/sales-concepts-data.ts';
import { DEMO_TOPICS, HELD_OUT_PER_TOPIC } from '../evals/search/demo-topics.ts';
import { wordnetNeighbours } from './wordnet-neighbours.ts';

// `npm run build:sales-concepts [-- --dev-keep N --out FILE]`: learns the sales concepts search recognises in a question (price, security,
// pilot...) and writes core/text/data/sales-concepts.json. Labels come from the demo phrase library: which
// templates carry which topic (evals/search/demo-topics.ts), plus that file's DEV questions, never its held-out
// ones. Per concept it keeps
//   - passage terms: the words that set the concept's templates apart from the others' (what passages say);
//   - query words: the words of its templates and dev questions, with their WordNet neighbours at reduced weight
//     (what a question about it may say);
//   - examples: the templates and dev questions themselves, for the nearest-example vote over word vectors.
// --dev-keep 3 --out F learns from the first 3 dev questions per topic only, so the other dev questions can
// validate a choice (`npm run eval:search -- --concepts F --validation`) without touching the held-out ones.

/** Passage terms kept per concept */
const PASSAGE_TERMS = 12;
/** Query-word weights below this are dropped from the file (they would never tip a vote). */
const MIN_QUERY_WEIGHT = 0.04;

const SLOT = /\{[a-zA-Z0-9]+\}/g;
const words = (text: string) => [...new Set(contentWords(text.replace(SLOT, ' ')))];

/** Per concept, word -> sqrt(share of the concept's texts containing it) * log(1 + concepts / concepts using it). */
function distinctiveWords(texts: Map<string, string[]>): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  const conceptsOf = new Map<string, number>();
  for (const [name, list] of texts) {
    const m = new Map<string, number>();
    for (const t of list) for (const w of words(t)) m.set(w, (m.get(w) ?? 0) + 1);
    for (const w of m.keys()) conceptsOf.set(w, (conceptsOf.get(w) ?? 0) + 1);
    counts.set(name, m);
  }
  const n = texts.size;
  return new Map([...counts].map(([name, m]) => [name, new Map([...m].map(([w, c]) => [w, Math.sqrt(c / texts.get(name)!.length) * Math.log(1 + n / conceptsOf.get(w)!)]))]));
}

const { values } = parseArgs({ options: { 'dev-keep': { type: 'string' }, out: { type: 'string' } } });
const devKeep = values['dev-keep'] === undefined ? Number.POSITIVE_INFINITY : Number(values['dev-keep']);
const dev = new Map(DEMO_TOPICS.map((t) => [t.name, t.questions.slice(0, t.questions.length - HELD_OUT_PER_TOPIC).slice(0, devKeep)]));
const templates = new Map(DEMO_TOPICS.map((t) => [t.name, t.templates.map((x) => x.replace(SLOT, ' ').replace(/\s+/g, ' ').trim())]));
const passageWords = distinctiveWords(templates);
const queryWords = distinctiveWords(new Map(DEMO_TOPICS.map((t) => [t.name, [...templates.get(t.name)!, ...dev.get(t.name)!]])));
const neighbours = wordnetNeighbours();

const round = (v: number) => Math.round(v * 1000) / 1000;
const file: ConceptsFile = {
  version: 1,
  concepts: DEMO_TOPICS.map((t) => {
    const own = passageWords.get(t.name)!;
    const top = [...own].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, PASSAGE_TERMS);
    const max = top[0]?.[1] ?? 1;
    const lexicon = queryWords.get(t.name)!;
    const expanded = new Map(lexicon);
    for (const [word, weight] of lexicon) {
      for (const [other, strength] of neighbours.get(word) ?? []) {
        if ((expanded.get(other) ?? 0) < strength * weight) expanded.set(other, strength * weight);
      }
    }
    return {
      name: t.name,
      passageTerms: top.map(([w, v]) => [w, round(v / max)] as [string, number]),
      queryWords: Object.fromEntries([...expanded].filter(([, v]) => v >= MIN_QUERY_WEIGHT).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([w, v]) => [w, round(v)])),
      examples: [...templates.get(t.name)!, ...dev.get(t.name)!],
    };
  }),
};
writeFileSync(values.out ?? CONCEPTS_FILE, `${JSON.stringify(file)}\n`);
for (const c of file.concepts) console.log(`${c.name}: ${c.passageTerms.map(([w]) => w).join(' ')} | ${Object.keys(c.queryWords).length} query words, ${c.examples.length} examples`);
