import { describe, expect, it } from 'vitest';
import { EMBEDDING_DIMENSIONS } from './dimensions.ts';
import { createEmbedder } from './index.ts';
import { createLocalSemanticEmbedder, createSemanticEncoder, LOCAL_SEMANTIC_EMBEDDING_MODEL } from './local-semantic.ts';
import { createRelatedWords, relatedWords } from './related-words.ts';
import { decodeWordVectors, encodeWordVectors, type WordVectors } from './word-vectors.ts';
import { contentWords } from './words.ts';

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));

// three words in 4 dimensions: "price" and "cost" close, "pilot" apart
const tiny: WordVectors = {
  words: ['price', 'cost', 'pilot'],
  frequencies: [10, 10, 10],
  dims: 4,
  vectors: Float32Array.from([...unit([1, 0.2, 0, 0]), ...unit([0.9, 0.3, 0, 0.1]), ...unit([0, 0, 1, 0])]),
};

describe('word vectors file', () => {
  it('round-trips through the int8 format within quantisation error', () => {
    const back = decodeWordVectors(encodeWordVectors(tiny));
    expect(back.words).toEqual(tiny.words);
    expect(back.frequencies).toEqual(tiny.frequencies);
    back.vectors.forEach((v, i) => expect(Math.abs(v - tiny.vectors[i]!)).toBeLessThanOrEqual(0.5 / 127 + 1e-9));
    expect(() => decodeWordVectors(Buffer.from('nope'))).toThrow(/bad magic/);
  });
});

describe('semantic encoder', () => {
  const encode = createSemanticEncoder(tiny, 64, 0.8);

  it('is of the asked width, unit length, and puts 80% of the energy in the semantic part', () => {
    const v = encode('the price');
    expect(v).toHaveLength(64);
    expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    expect(Math.hypot(...v.slice(0, 4)) ** 2).toBeCloseTo(0.8, 3);
  });

  it('makes texts sharing no word close when their words are (cost ~ price), not when they are not', () => {
    expect(cosine(encode('cost'), encode('prices'))).toBeGreaterThan(0.75);
    expect(cosine(encode('cost'), encode('pilot'))).toBeLessThan(0.2);
  });

  it('falls back to the lexical part alone for unknown words', () => {
    const v = encode('zebra');
    expect(v.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(Math.hypot(...v)).toBeCloseTo(1, 4);
  });

  it('folds plurals and drops stop words', () => {
    expect(contentWords('The prices of our pilots')).toEqual(['price', 'pilot']);
  });

  it('lists related words above the threshold, best first, not the asked ones', () => {
    const related = createRelatedWords(tiny, { minSimilarity: 0.5 });
    expect(related('price').map((r) => r.word)).toEqual(['cost']);
    expect(related('price cost')).toEqual([]);
  });
});

describe('the committed offline embedder', () => {
  it('is deterministic, 384-d and unit length', async () => {
    const embedder = createLocalSemanticEmbedder();
    const [a] = await embedder.embed(['They think we are too expensive']);
    const [b] = await embedder.embed(['They think we are too expensive']);
    expect(a).toEqual(b);
    expect(a).toHaveLength(EMBEDDING_DIMENSIONS);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 4);
  });

  it('knows that "expensive" is about price, with no shared word', async () => {
    const [query, price, onboarding] = await createLocalSemanticEmbedder().embed([
      'too expensive',
      'The per-seat price is more than we budgeted.',
      'We scheduled the onboarding workshop for next Tuesday.',
    ]);
    expect(cosine(query!, price!)).toBeGreaterThan(cosine(query!, onboarding!) + 0.1);
    expect(relatedWords('expensive').length).toBeGreaterThan(0);
  });
});

describe('createEmbedder', () => {
  it('gives the offline semantic embedder for EMBEDDINGS=local-semantic, the lexical one by default', () => {
    const base = { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small' };
    expect(createEmbedder({ ...base, EMBEDDINGS: 'local-semantic' }).model).toBe(LOCAL_SEMANTIC_EMBEDDING_MODEL);
    expect(createEmbedder({ ...base, EMBEDDINGS: 'local' }).model).toBe('local-hash-v1');
  });
});
