import { describe, expect, it } from 'vitest';
import { EMBEDDING_DIMENSIONS } from './dimensions.ts';
import { createLocalEmbedder, embedLocalOne, tokenize } from './local.ts';

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe('local embedder', () => {
  it('is deterministic, of the declared width and unit length', async () => {
    const embedder = createLocalEmbedder();
    const [first] = await embedder.embed(['Procurement wants a 15% discount']);
    const [again] = await embedder.embed(['Procurement wants a 15% discount']);
    expect(first).toEqual(again);
    expect(first).toHaveLength(EMBEDDING_DIMENSIONS);
    expect(Math.sqrt(cosine(first!, first!))).toBeCloseTo(1, 5);
  });

  it('ranks lexically related text above unrelated text', () => {
    const query = embedLocalOne('pricing discount for the annual licence');
    const related = embedLocalOne('They asked for a discount on the annual pricing');
    const unrelated = embedLocalOne('Scheduling the onboarding workshop next Tuesday');
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.15);
  });

  it('gives empty text a valid unit vector (cosine needs a non-zero vector)', () => {
    const empty = embedLocalOne('');
    expect(empty.filter((v) => v !== 0)).toEqual([1]);
  });

  it('drops stop words and punctuation when tokenising', () => {
    expect(tokenize('The price, of THE pilot!')).toEqual(['price', 'pilot']);
  });
});
