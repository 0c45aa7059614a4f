import { EMBEDDING_DIMENSIONS } from './dimensions.ts';
import type { Embedder } from './embedder.ts';
import { embedLocalOne } from './local.ts';
import { loadWordVectors, type WordVectors } from './word-vectors.ts';
import { contentWords } from './words.ts';

// Offline semantic embeddings: a SIF-weighted average of word vectors learned at build time from WordNet glosses
// and public sales/meeting text (scripts/build-word-vectors.ts), concatenated with the lexical hashed features of
// local.ts so exact wording still counts. No network, no downloaded weights. It knows what co-occurred in that
// text ("expensive" ~ "price", "trial" ~ "pilot"); it knows nothing of word order, negation or names it never saw.

export const LOCAL_SEMANTIC_EMBEDDING_MODEL = 'local-semantic-v1';

/** Share of the vector's energy given to the semantic part (the rest is lexical); chosen on the eval's dev questions. */
export const SEMANTIC_WEIGHT = 0.8;
/** SIF's a: words more frequent than about a * corpus size weigh less. */
const SIF_A = 1e-4;

export function createSemanticEncoder(wv: WordVectors, dimensions = EMBEDDING_DIMENSIONS, semanticWeight = SEMANTIC_WEIGHT) {
  const index = new Map(wv.words.map((w, i) => [w, i]));
  const total = wv.frequencies.reduce((s, f) => s + f, 0);
  const lexDims = dimensions - wv.dims;
  if (lexDims < 16) throw new Error(`word vectors of ${wv.dims} dimensions leave no room in ${dimensions}`);
  const a = Math.sqrt(semanticWeight);
  const b = Math.sqrt(1 - semanticWeight);
  return (text: string): number[] => {
    const semantic = new Float64Array(wv.dims);
    for (const word of contentWords(text)) {
      const i = index.get(word);
      if (i === undefined) continue;
      const weight = SIF_A / (SIF_A + wv.frequencies[i]! / total);
      for (let d = 0; d < wv.dims; d++) semantic[d]! += weight * wv.vectors[i * wv.dims + d]!;
    }
    let norm = 0;
    for (const v of semantic) norm += v * v;
    norm = Math.sqrt(norm);
    const lexical = embedLocalOne(text, lexDims);
    // no known word: the lexical part alone, still unit length
    const sa = norm === 0 ? 0 : a / norm;
    const sb = norm === 0 ? 1 : b;
    const out = new Array<number>(dimensions);
    for (let d = 0; d < wv.dims; d++) out[d] = Math.round(semantic[d]! * sa * 1e6) / 1e6;
    for (let d = 0; d < lexDims; d++) out[wv.dims + d] = Math.round(lexical[d]! * sb * 1e6) / 1e6;
    return out;
  };
}

export function createLocalSemanticEmbedder(dimensions = EMBEDDING_DIMENSIONS): Embedder {
  let encode: ((text: string) => number[]) | undefined;
  return {
    model: LOCAL_SEMANTIC_EMBEDDING_MODEL,
    dimensions,
    embed: async (texts) => {
      encode ??= createSemanticEncoder(loadWordVectors(), dimensions);
      return texts.map((t) => encode!(t));
    },
  };
}
