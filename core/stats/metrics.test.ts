import { describe, expect, it } from 'vitest';
import { stratifiedFolds } from './folds.ts';
import { auc, baseRateBrier, brier, reliabilityTable } from './metrics.ts';

describe('metrics', () => {
  it('computes AUC by hand-checked rank sums, with ties counted half', () => {
    // pairs (pos,neg): (0.9,0.3) win, (0.9,0.5) win, (0.4,0.3) win, (0.4,0.5) loss -> 3/4
    expect(auc([{ p: 0.9, y: true }, { p: 0.4, y: true }, { p: 0.3, y: false }, { p: 0.5, y: false }])).toBe(0.75);
    expect(auc([{ p: 0.5, y: true }, { p: 0.5, y: false }])).toBe(0.5);
    expect(auc([{ p: 0.1, y: true }, { p: 0.9, y: false }])).toBe(0);
    expect(auc([{ p: 0.1, y: true }])).toBeNaN();
  });

  it('computes Brier and the base-rate Brier', () => {
    // (0.8-1)^2=0.04, (0.2-0)^2=0.04, (0.6-0)^2=0.36 -> 0.44/3
    const preds = [{ p: 0.8, y: true }, { p: 0.2, y: false }, { p: 0.6, y: false }];
    expect(brier(preds)).toBeCloseTo(0.44 / 3, 12);
    // base rate 1/3: (2/3)^2 + 2*(1/3)^2 = 6/9 over 3 = 2/9
    expect(baseRateBrier(preds)).toBeCloseTo(2 / 9, 12);
  });

  it('bins predictions for a reliability table', () => {
    const table = reliabilityTable([{ p: 0.05, y: false }, { p: 0.15, y: true }, { p: 0.12, y: false }, { p: 1, y: true }], 10);
    expect(table).toEqual([
      { from: 0, to: 0.1, count: 1, meanPredicted: 0.05, observedRate: 0 },
      { from: 0.1, to: 0.2, count: 2, meanPredicted: 0.135, observedRate: 0.5 },
      { from: 0.9, to: 1, count: 1, meanPredicted: 1, observedRate: 1 },
    ]);
  });

  it('spreads both classes evenly over stratified folds, repeatably', () => {
    const labels = Array.from({ length: 100 }, (_, i) => i < 30);
    const folds = stratifiedFolds(labels, 5, 1);
    expect(folds).toEqual(stratifiedFolds(labels, 5, 1));
    for (let f = 0; f < 5; f++) {
      expect(labels.filter((y, i) => y && folds[i] === f)).toHaveLength(6);
      expect(labels.filter((y, i) => !y && folds[i] === f)).toHaveLength(14);
    }
  });
});
