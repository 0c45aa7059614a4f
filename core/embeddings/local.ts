import { EMBEDDING_DIMENSIONS } from './dimensions.ts';
import type { Embedder } from './embedder.ts';

// Offline, deterministic embeddings by feature hashing: word unigrams, word bigrams and
// character trigrams, each hashed (FNV-1a) to a signed bucket, log-scaled counts, L2-normalised.
// This is LEXICAL similarity — "price" matches "pricing" through shared trigrams, but "cost"
// does not match "price". It needs no network and no weights; configure EMBEDDINGS=openai for semantic vectors.

export const LOCAL_EMBEDDING_MODEL = 'local-hash-v1';

const STOP_WORDS = new Set(
  'a an the and or but if of to in on at for with by from as is are was were be been it its this that these those i we you he she they our your their me us them my'.split(
    ' ',
  ),
);

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function tokenize(text: string): string[] {
  return (text.toLowerCase().normalize('NFKD').match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
}

function addFeature(vector: Float64Array, feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const bucket = hash % vector.length;
  // the top bit picks the sign, so unrelated collisions cancel out on average
  vector[bucket] = (vector[bucket] ?? 0) + (hash & 0x80000000 ? -weight : weight);
}

export function embedLocalOne(text: string, dimensions = EMBEDDING_DIMENSIONS): number[] {
  const counts = new Map<string, number>();
  const bump = (feature: string, by: number) => counts.set(feature, (counts.get(feature) ?? 0) + by);
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    bump(`w:${word}`, 1);
    if (i + 1 < words.length) bump(`b:${word}_${words[i + 1]}`, 0.5);
    const padded = `^${word}$`;
    for (let j = 0; j + 3 <= padded.length; j++) bump(`c:${padded.slice(j, j + 3)}`, 0.25);
  }
  const vector = new Float64Array(dimensions);
  for (const [feature, count] of counts) addFeature(vector, feature, 1 + Math.log(count));
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  // An empty text still needs a valid vector: pgvector cannot compare a zero vector by cosine.
  if (norm === 0) {
    const unit = new Array<number>(dimensions).fill(0);
    unit[0] = 1;
    return unit;
  }
  return Array.from(vector, (v) => Math.round((v / norm) * 1e6) / 1e6);
}

export function createLocalEmbedder(dimensions = EMBEDDING_DIMENSIONS): Embedder {
  return {
    model: LOCAL_EMBEDDING_MODEL,
    dimensions,
    embed: async (texts) => texts.map((text) => embedLocalOne(text, dimensions)),
  };
}
