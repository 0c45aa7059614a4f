import { loadWordVectors, type WordVectors } from './word-vectors.ts';
import { contentWords } from './words.ts';

// Query expansion for full-text search: each content word of a question brings its nearest words in the offline
// word vectors ("expensive" -> price, cost), so a word-matching search also finds passages that say it otherwise.

export interface RelatedWord {
  word: string;
  /** cosine of the word vectors, 0..1 */
  similarity: number;
}

export function createRelatedWords(wv: WordVectors, options: { perWord?: number; minSimilarity?: number } = {}) {
  const perWord = options.perWord ?? 3;
  const minSimilarity = options.minSimilarity ?? 0.65;
  const index = new Map(wv.words.map((w, i) => [w, i]));
  return (text: string): RelatedWord[] => {
    const own = new Set(contentWords(text));
    const best = new Map<string, number>();
    for (const word of own) {
      const i = index.get(word);
      if (i === undefined) continue;
      const found: RelatedWord[] = [];
      for (let j = 0; j < wv.words.length; j++) {
        const other = wv.words[j]!;
        if (j === i || own.has(other)) continue;
        let s = 0;
        for (let d = 0; d < wv.dims; d++) s += wv.vectors[i * wv.dims + d]! * wv.vectors[j * wv.dims + d]!;
        if (s >= minSimilarity) found.push({ word: other, similarity: s });
      }
      found.sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1));
      for (const r of found.slice(0, perWord)) best.set(r.word, Math.max(best.get(r.word) ?? 0, r.similarity));
    }
    return [...best].map(([word, similarity]) => ({ word, similarity })).sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1));
  };
}

let shared: ((text: string) => RelatedWord[]) | undefined;

/** Related words from the committed word vectors. */
export function relatedWords(text: string): RelatedWord[] {
  shared ??= createRelatedWords(loadWordVectors());
  return shared(text);
}
