import { describe, expect, it } from 'vitest';
import type { WordVectors } from '../embeddings/word-vectors.ts';
import { CONCEPT_MARGIN, createConceptClassifier, MIN_WORD_VOTE, salesConcepts, WORD_VOTE_SHARE } from './sales-concepts.ts';
import { loadConcepts, type ConceptsFile } from './sales-concepts-data.ts';

// two concepts over four words in 2 dimensions: price words point along x, pilot words along y
const wv: WordVectors = {
  words: ['price', 'cost', 'pilot', 'trial'],
  frequencies: [1, 1, 1, 1],
  dims: 2,
  vectors: Float32Array.from([1, 0, 0.8, 0.6, 0, 1, 0.6, 0.8]),
};
const file: ConceptsFile = {
  version: 1,
  concepts: [
    { name: 'price', passageTerms: [['price', 1], ['discount', 0.5]], queryWords: { price: 1, cost: 0.5 }, examples: ['the price'] },
    { name: 'pilot', passageTerms: [['pilot', 1]], queryWords: { pilot: 1, trial: 0.45 }, examples: ['a pilot'] },
  ],
};
const classifier = createConceptClassifier(file, wv);

describe('sales concepts', () => {
  it('scores each concept by its scaled word vote and nearest-example vote', () => {
    // "cost": word votes price 0.5, pilot 0 -> scaled 1, 0; example cosines: price 0.8, pilot 0.6 -> scaled 1, 0.75
    const [first, second] = classifier.classify('what does it cost');
    expect(first).toMatchObject({ concept: 'price', wordVote: 0.5 });
    expect(first!.score).toBeCloseTo(WORD_VOTE_SHARE * 1 + (1 - WORD_VOTE_SHARE) * 1, 6);
    expect(second).toMatchObject({ concept: 'pilot', wordVote: 0 });
    expect(second!.score).toBeCloseTo((1 - WORD_VOTE_SHARE) * 0.75, 6);
  });

  it('names the concept and weights its passage terms by the concept score', () => {
    expect(classifier.conceptsOf('the price').map((c) => c.concept)).toEqual(['price']);
    expect(classifier.conceptTerms('the price')).toEqual([
      { word: 'price', weight: 1, concept: 'price' },
      { word: 'discount', weight: 0.5, concept: 'price' },
    ]);
  });

  it('keeps a close second concept and drops a distant one', () => {
    // "cost trial": word votes price 0.5, pilot 0.45 -> scaled 1, 0.9; the question vector lies between both examples -> 1, 1
    expect(classifier.conceptsOf('cost trial').map((c) => [c.concept, Math.round(c.score * 1000) / 1000])).toEqual([['price', 1], ['pilot', 0.95]]);
    // "price trial": word votes 1, 0.45 -> 1, 0.45; cosines 0.894, 0.447 -> 1, 0.5: pilot scores 0.475, far below
    expect(classifier.conceptsOf('price trial').map((c) => c.concept)).toEqual(['price']);
  });

  it('names no concept when no word points to one', () => {
    expect(MIN_WORD_VOTE).toBeGreaterThan(0);
    expect(classifier.conceptsOf('the weather in Lisbon')).toEqual([]);
    expect(classifier.conceptTerms('')).toEqual([]);
  });

  it('the committed concepts recognise plain sales questions and carry passage terms', () => {
    const names = loadConcepts().concepts.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['price', 'security', 'pilot', 'competitor', 'contract']));
    for (const c of loadConcepts().concepts) expect(c.passageTerms.length).toBeGreaterThan(0);
    expect(salesConcepts().conceptsOf('they say the price is too high')[0]?.concept).toBe('price');
    expect(salesConcepts().conceptsOf('SOC 2 report and SSO')[0]?.concept).toBe('security');
  });
});
