import { loadWordVectors, type WordVectors } from '../embeddings/word-vectors.ts';
import { contentWords } from '../embeddings/words.ts';
import { loadConcepts, type ConceptsFile } from './sales-concepts-data.ts';

// Which sales concept a question is about (price, security, pilot, timing...), so search can also look for the
// words passages about that concept use, however the question is worded. Two votes, each scaled to 0..1 over the
// concepts and averaged: the question's words against each concept's learned query words (WordNet neighbours
// included), and the question's word-vector average against the concept's nearest labelled examples.
// Learned offline by scripts/build-sales-concepts.ts; nothing here calls a model or the network.

/** Share of the combined score given to the word vote (the rest to the nearest-example vote); set on the dev questions. */
export const WORD_VOTE_SHARE = 0.5;
/** Nearest examples averaged per concept */
const NEAREST = 3;
/** SIF's a, as in the semantic embedder */
const SIF_A = 1e-4;
/** A question whose best word vote is below this names no concept ("the weather in Lisbon"). */
export const MIN_WORD_VOTE = 0.25;
/** Concepts within this much of the best one's combined score count too (at most MAX_CONCEPTS). */
export const CONCEPT_MARGIN = 0.1;
export const MAX_CONCEPTS = 2;

export interface ConceptScore {
  concept: string;
  /** combined 0..1 (1 = the best concept of this question) */
  score: number;
  /** the raw word vote, before scaling */
  wordVote: number;
}

export interface ConceptTerm {
  word: string;
  /** 0..1: the term's weight in its concept times the concept's score */
  weight: number;
  concept: string;
}

export function createConceptClassifier(file: ConceptsFile, wv: WordVectors) {
  const index = new Map(wv.words.map((w, i) => [w, i]));
  const total = wv.frequencies.reduce((s, f) => s + f, 0);
  const sentence = (text: string): Float64Array | null => {
    const v = new Float64Array(wv.dims);
    let known = false;
    for (const word of contentWords(text)) {
      const i = index.get(word);
      if (i === undefined) continue;
      known = true;
      const weight = SIF_A / (SIF_A + wv.frequencies[i]! / total);
      for (let d = 0; d < wv.dims; d++) v[d]! += weight * wv.vectors[i * wv.dims + d]!;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    if (!known || norm === 0) return null;
    norm = Math.sqrt(norm);
    for (let d = 0; d < wv.dims; d++) v[d]! /= norm;
    return v;
  };
  const examples = file.concepts.map((c) => c.examples.map(sentence).filter((v): v is Float64Array => v !== null));
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let d = 0; d < a.length; d++) s += a[d]! * b[d]!;
    return s;
  };

  function classify(text: string): ConceptScore[] {
    const words = [...new Set(contentWords(text))];
    const wordVotes = file.concepts.map((c) => words.reduce((s, w) => s + (c.queryWords[w] ?? 0), 0));
    const q = sentence(text);
    const nearVotes = examples.map((list) => {
      if (!q) return 0;
      const sims = list.map((e) => dot(q, e)).sort((a, b) => b - a).slice(0, NEAREST);
      return sims.length === 0 ? 0 : Math.max(0, sims.reduce((s, v) => s + v, 0) / sims.length);
    });
    const scaled = (votes: number[]) => {
      const max = Math.max(...votes);
      return votes.map((v) => (max > 0 ? v / max : 0));
    };
    const a = scaled(wordVotes);
    const b = scaled(nearVotes);
    return file.concepts
      .map((c, i) => ({ concept: c.name, score: WORD_VOTE_SHARE * a[i]! + (1 - WORD_VOTE_SHARE) * b[i]!, wordVote: wordVotes[i]! }))
      .sort((x, y) => y.score - x.score || (x.concept < y.concept ? -1 : 1));
  }

  /** The concepts a question is about: none when nothing in it points to one, else the best and any close second. */
  function conceptsOf(text: string): ConceptScore[] {
    const ranked = classify(text);
    const best = ranked[0];
    if (!best || Math.max(...ranked.map((r) => r.wordVote)) < MIN_WORD_VOTE) return [];
    return ranked.filter((r) => r.score >= best.score - CONCEPT_MARGIN).slice(0, MAX_CONCEPTS);
  }

  /** The passage words of the question's concepts, each weighted by its concept's score; a word keeps its best weight. */
  function conceptTerms(text: string): ConceptTerm[] {
    const byWord = new Map<string, ConceptTerm>();
    for (const c of conceptsOf(text)) {
      const entry = file.concepts.find((e) => e.name === c.concept)!;
      for (const [word, weight] of entry.passageTerms) {
        const w = weight * c.score;
        if ((byWord.get(word)?.weight ?? 0) < w) byWord.set(word, { word, weight: w, concept: c.concept });
      }
    }
    return [...byWord.values()].sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1));
  }

  return { classify, conceptsOf, conceptTerms };
}

let shared: ReturnType<typeof createConceptClassifier> | undefined;

/** The classifier over the committed concepts and word vectors, built once per process. */
export function salesConcepts(): ReturnType<typeof createConceptClassifier> {
  shared ??= createConceptClassifier(loadConcepts(), loadWordVectors());
  return shared;
}

/** Evals only: search with concepts learned from part of the labels (validation runs). */
export function useSalesConcepts(file: ConceptsFile): void {
  shared = createConceptClassifier(file, loadWordVectors());
}
