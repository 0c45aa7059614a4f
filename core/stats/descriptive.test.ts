import { describe, expect, it } from 'vitest';
import { mean, median, percentile, percentileOfSorted, ratio } from './descriptive.ts';

describe('descriptive statistics', () => {
  it('interpolates percentiles like percentile_cont', () => {
    // sorted 1,2,3,4: p80 position = 3*0.8 = 2.4 -> 3 + 0.4*(4-3) = 3.4
    expect(percentile([4, 1, 3, 2], 0.8)).toBeCloseTo(3.4, 12);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([7], 0.8)).toBe(7);
    // already sorted 10, 20, 30: p25 position 0.5 -> 10 + 0.5*10 = 15 ; q is clamped into [0, 1]
    expect(percentileOfSorted([10, 20, 30], 0.25)).toBe(15);
    expect(percentileOfSorted([10, 20, 30], 1.5)).toBe(30);
    expect(percentileOfSorted([], 0.5)).toBeNull();
  });

  it('returns null instead of NaN for empty input and zero denominators', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(mean([])).toBeNull();
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
});
