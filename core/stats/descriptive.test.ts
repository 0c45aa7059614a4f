import { describe, expect, it } from 'vitest';
import { mean, median, percentile, ratio } from './descriptive.ts';

describe('descriptive statistics', () => {
  it('interpolates percentiles like percentile_cont', () => {
    // sorted 1,2,3,4: p80 position = 3*0.8 = 2.4 -> 3 + 0.4*(4-3) = 3.4
    expect(percentile([4, 1, 3, 2], 0.8)).toBeCloseTo(3.4, 12);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([7], 0.8)).toBe(7);
  });

  it('returns null instead of NaN for empty input and zero denominators', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(mean([])).toBeNull();
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
});
