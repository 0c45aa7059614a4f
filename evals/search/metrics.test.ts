import { describe, expect, it } from 'vitest';
import { ndcgAt, precisionAt, quantile, reciprocalRankAt, tieAwareRecall } from './metrics.ts';

describe('search metrics', () => {
  it('precision@k counts missing results as misses', () => {
    expect(precisionAt([true, false, true, true, false, true], 5)).toBe(0.6);
    expect(precisionAt([true, true], 5)).toBe(0.4);
  });

  it('nDCG@k against the ideal ordering, hand-computed', () => {
    // relevant at ranks 1 and 3 of 3, two relevant exist: (1 + 1/2) / (1 + 1/log2 3) = 1.5 / 1.63093
    expect(ndcgAt([true, false, true], 3, 2)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 10);
    expect(ndcgAt([true, true], 10, 2)).toBe(1);
    expect(ndcgAt([false, false], 10, 0)).toBe(0);
  });

  it('recall of approximate against exact treats distance ties at the boundary as hits', () => {
    const exact = [{ id: 'a', distance: 0.1 }, { id: 'b', distance: 0.2 }, { id: 'c', distance: 0.3 }];
    // d ties c at the boundary: interchangeable; e is farther: a miss
    expect(tieAwareRecall(exact, [{ id: 'a', distance: 0.1 }, { id: 'd', distance: 0.3 }, { id: 'e', distance: 0.5 }], 3)).toBeCloseTo(2 / 3, 10);
    expect(tieAwareRecall(exact, [{ id: 'a', distance: 0.1 }, { id: 'a', distance: 0.1 }], 3)).toBeCloseTo(1 / 3, 10);
    expect(tieAwareRecall([], [], 10)).toBe(1);
  });

  it('reciprocal rank of the first relevant result within k', () => {
    expect(reciprocalRankAt([false, false, true, true], 10)).toBeCloseTo(1 / 3, 10);
    expect(reciprocalRankAt([true], 10)).toBe(1);
    expect(reciprocalRankAt([false, false, true], 2)).toBe(0);
    expect(reciprocalRankAt([], 10)).toBe(0);
  });

  it('nearest-rank quantiles', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
  });
});
