import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { contentWords } from '../core/embeddings/words.ts';
import { encodeWordVectors } from '../core/embeddings/word-vectors.ts';
import { createRng } from '../core/random.ts';
import { phraseDocuments, sharedDataDocuments, wordnetDocuments } from './word-vectors-corpus.ts';

// `npm run build:word-vectors [-- --data ../shared/data]`: learns the offline semantic embedder's word vectors
// and writes core/embeddings/data/word-vectors.bin.gz. PPMI over co-occurrences within a window (context
// distribution smoothed, alpha 0.75), then its top eigenvectors by seeded subspace iteration, scaled by the
// square root of their eigenvalues, centred, quantised to int8. Deterministic for the same corpus.

const here = path.dirname(fileURLToPath(import.meta.url));
const VOCAB = 12_000;
/**
 * The sales phrase library is a few hundred sentences against 140k of WordNet and public text; counted once,
 * WordNet's senses win ("pilot" = aviator). Its co-occurrences count this many times over.
 */
const DOMAIN_WEIGHT_DEFAULT = 1;
/** wordnet, phrases, shared (Enron, AMI, RESPER chat): see DECISIONS in the README section on the embedder */
const SOURCES_DEFAULT = 'wordnet,phrases,shared';
const MIN_COUNT = 3;
const WINDOW = 6;
const DIMS = 128;
const OVERSAMPLE = 8;
const ITERATIONS = 5;

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    'domain-weight': { type: 'string', default: String(DOMAIN_WEIGHT_DEFAULT) },
    sources: { type: 'string', default: SOURCES_DEFAULT },
    out: { type: 'string' },
  },
});
const sources = new Set(values.sources.split(','));
const dataDir = path.resolve(values.data ?? path.join(here, '../../shared/data'));

function log(message: string) {
  console.log(`${new Date().toISOString().slice(11, 19)} ${message}`);
}

const domainWeight = Number(values['domain-weight']);
const weighted: { words: string[]; weight: number }[] = [
  ...(sources.has('wordnet') ? wordnetDocuments() : []).map((d) => ({ words: contentWords(d), weight: 1 })),
  ...(sources.has('phrases') ? phraseDocuments() : []).map((d) => ({ words: contentWords(d), weight: domainWeight })),
  ...(sources.has('shared') ? sharedDataDocuments(dataDir) : []).map((d) => ({ words: contentWords(d), weight: 1 })),
];
const docs = weighted.map((d) => d.words);
log(`${docs.length} documents, ${docs.reduce((n, d) => n + d.length, 0)} words`);

const counts = new Map<string, number>();
for (const { words, weight } of weighted) for (const w of words) counts.set(w, (counts.get(w) ?? 0) + weight);
const vocab = [...counts].filter(([, n]) => n >= MIN_COUNT).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, VOCAB).map(([w]) => w);
const index = new Map(vocab.map((w, i) => [w, i]));
const V = vocab.length;
log(`vocabulary ${V}`);

// symmetric co-occurrence counts, weighted 1/distance
const cooc = new Map<number, number>();
for (const { words: d, weight: docWeight } of weighted) {
  const ids = d.map((w) => index.get(w) ?? -1);
  for (let i = 0; i < ids.length; i++) {
    const a = ids[i]!;
    if (a < 0) continue;
    for (let j = i + 1; j < Math.min(ids.length, i + 1 + WINDOW); j++) {
      const b = ids[j]!;
      if (b < 0 || b === a) continue;
      const w = docWeight / (j - i);
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      const key = lo * V + hi;
      cooc.set(key, (cooc.get(key) ?? 0) + w);
    }
  }
}
const rowSum = new Float64Array(V);
let total = 0;
for (const [key, c] of cooc) {
  const a = Math.floor(key / V);
  const b = key % V;
  rowSum[a]! += c;
  rowSum[b]! += c;
  total += 2 * c;
}
const ctxSmoothed = Float64Array.from(rowSum, (s) => Math.pow(s, 0.75));
const ctxTotal = ctxSmoothed.reduce((s, v) => s + v, 0);
// sparse symmetric PPMI as coordinate lists
const rowsA: number[] = [];
const colsA: number[] = [];
const vals: number[] = [];
for (const [key, c] of cooc) {
  const a = Math.floor(key / V);
  const b = key % V;
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const pmi = Math.log((c * ctxTotal) / (rowSum[x]! * ctxSmoothed[y]!));
    if (pmi > 0) {
      rowsA.push(x);
      colsA.push(y);
      vals.push(pmi);
    }
  }
}
log(`${vals.length} positive PMI cells`);

const K = DIMS + OVERSAMPLE;
const multiply = (q: Float64Array): Float64Array => {
  const out = new Float64Array(V * K);
  for (let n = 0; n < vals.length; n++) {
    const r = rowsA[n]! * K;
    const c = colsA[n]! * K;
    const v = vals[n]!;
    for (let k = 0; k < K; k++) out[r + k]! += v * q[c + k]!;
  }
  return out;
};
// CholeskyQR2: Q <- Q R^-1 with R from the Cholesky factor of Q'Q, twice for stability; row-major friendly
const choleskyPass = (q: Float64Array): void => {
  const g = new Float64Array(K * K);
  for (let i = 0; i < V; i++) {
    const o = i * K;
    for (let a = 0; a < K; a++) {
      const qa = q[o + a]!;
      if (qa === 0) continue;
      for (let b = a; b < K; b++) g[a * K + b]! += qa * q[o + b]!;
    }
  }
  const l = new Float64Array(K * K); // lower triangular, G = L L'
  for (let a = 0; a < K; a++) {
    for (let b = 0; b <= a; b++) {
      let s = g[b * K + a]!;
      for (let k = 0; k < b; k++) s -= l[a * K + k]! * l[b * K + k]!;
      l[a * K + b] = a === b ? Math.sqrt(Math.max(s, 1e-12)) : s / l[b * K + b]!;
    }
  }
  // each row x of Q becomes the solution y of L y = x (i.e. Q L^-T)
  for (let i = 0; i < V; i++) {
    const o = i * K;
    for (let a = 0; a < K; a++) {
      let s = q[o + a]!;
      for (let k = 0; k < a; k++) s -= l[a * K + k]! * q[o + k]!;
      q[o + a] = s / l[a * K + a]!;
    }
  }
};
const orthonormalise = (q: Float64Array): void => {
  choleskyPass(q);
  choleskyPass(q);
};
const rng = createRng(20260615);
let q = Float64Array.from({ length: V * K }, () => rng.next() - 0.5);
orthonormalise(q);
for (let it = 0; it < ITERATIONS; it++) {
  q = multiply(q);
  orthonormalise(q);
  log(`subspace iteration ${it + 1}/${ITERATIONS}`);
}
// Rayleigh-Ritz: T = Q' M Q, eigen-decomposed by Jacobi rotations
const mq = multiply(q);
const T = Array.from({ length: K }, () => new Array<number>(K).fill(0));
for (let i = 0; i < V; i++) for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) T[a]![b]! += q[i * K + a]! * mq[i * K + b]!;
for (let a = 0; a < K; a++) for (let b = a + 1; b < K; b++) T[a]![b] = T[b]![a] = (T[a]![b]! + T[b]![a]!) / 2;
const E = Array.from({ length: K }, (_, a) => Array.from({ length: K }, (_, b) => (a === b ? 1 : 0)));
for (let sweep = 0; sweep < 30; sweep++) {
  let off = 0;
  for (let p = 0; p < K; p++) for (let r = p + 1; r < K; r++) off += T[p]![r]! ** 2;
  if (off < 1e-18) break;
  for (let p = 0; p < K; p++) {
    for (let r = p + 1; r < K; r++) {
      if (Math.abs(T[p]![r]!) < 1e-15) continue;
      const theta = (T[r]![r]! - T[p]![p]!) / (2 * T[p]![r]!);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < K; k++) {
        const tkp = T[k]![p]!, tkr = T[k]![r]!;
        T[k]![p] = c * tkp - s * tkr;
        T[k]![r] = s * tkp + c * tkr;
      }
      for (let k = 0; k < K; k++) {
        const tpk = T[p]![k]!, trk = T[r]![k]!;
        T[p]![k] = c * tpk - s * trk;
        T[r]![k] = s * tpk + c * trk;
      }
      for (let k = 0; k < K; k++) {
        const ekp = E[k]![p]!, ekr = E[k]![r]!;
        E[k]![p] = c * ekp - s * ekr;
        E[k]![r] = s * ekp + c * ekr;
      }
    }
  }
}
const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => T[b]![b]! - T[a]![a]!).slice(0, DIMS);
log(`top eigenvalues ${order.slice(0, 5).map((k) => T[k]![k]!.toFixed(1)).join(', ')} ... ${T[order[DIMS - 1]!]![order[DIMS - 1]!]!.toFixed(1)}`);
const vectors = new Float32Array(V * DIMS);
for (let i = 0; i < V; i++) {
  for (let d = 0; d < DIMS; d++) {
    const k = order[d]!;
    let s = 0;
    for (let j = 0; j < K; j++) s += q[i * K + j]! * E[j]![k]!;
    vectors[i * DIMS + d] = s * Math.sqrt(Math.max(0, T[k]![k]!));
  }
}
// centre (the common direction says nothing about topic), then unit length per word
const meanVec = new Float64Array(DIMS);
for (let i = 0; i < V; i++) for (let d = 0; d < DIMS; d++) meanVec[d]! += vectors[i * DIMS + d]! / V;
for (let i = 0; i < V; i++) {
  let norm = 0;
  for (let d = 0; d < DIMS; d++) {
    vectors[i * DIMS + d]! -= meanVec[d]!;
    norm += vectors[i * DIMS + d]! ** 2;
  }
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < DIMS; d++) vectors[i * DIMS + d]! /= norm;
}
const frequencies = vocab.map((w) => counts.get(w)!);
const out = path.resolve(values.out ?? path.join(here, '../core/embeddings/data/word-vectors.bin.gz'));
writeFileSync(out, gzipSync(encodeWordVectors({ words: vocab, frequencies, dims: DIMS, vectors })));
log(`wrote ${out}`);
