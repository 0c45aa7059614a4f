import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

// The offline word vectors: a small binary file (gzip) built by scripts/build-word-vectors.ts.
// Layout: "DWWV1\n", a JSON header line { dims, words, frequencies }, then words x dims int8 values;
// each word's vector was unit length before quantising (scale 127).

const MAGIC = 'DWWV1\n';

export interface WordVectors {
  words: string[];
  /** corpus counts, for SIF weights */
  frequencies: number[];
  dims: number;
  /** words.length x dims, row-major */
  vectors: Float32Array;
}

export function encodeWordVectors(wv: WordVectors): Buffer {
  const header = Buffer.from(`${MAGIC}${JSON.stringify({ dims: wv.dims, words: wv.words, frequencies: wv.frequencies })}\n`, 'utf8');
  const body = Buffer.alloc(wv.words.length * wv.dims);
  for (let i = 0; i < body.length; i++) body.writeInt8(Math.max(-127, Math.min(127, Math.round(wv.vectors[i]! * 127))), i);
  return Buffer.concat([header, body]);
}

export function decodeWordVectors(raw: Buffer): WordVectors {
  if (raw.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) throw new Error('not a word-vector file (bad magic)');
  const end = raw.indexOf(0x0a, MAGIC.length);
  const header = JSON.parse(raw.subarray(MAGIC.length, end).toString('utf8')) as { dims: number; words: string[]; frequencies: number[] };
  const body = raw.subarray(end + 1);
  if (body.length !== header.words.length * header.dims) throw new Error(`word-vector file truncated: ${body.length} bytes for ${header.words.length} x ${header.dims}`);
  const vectors = new Float32Array(body.length);
  for (let i = 0; i < body.length; i++) vectors[i] = body.readInt8(i) / 127;
  return { ...header, vectors };
}

export const WORD_VECTORS_FILE = new URL('./data/word-vectors.bin.gz', import.meta.url);

let cached: WordVectors | undefined;

/** The committed word vectors, read once per process. */
export function loadWordVectors(): WordVectors {
  cached ??= decodeWordVectors(gunzipSync(readFileSync(WORD_VECTORS_FILE)));
  return cached;
}
