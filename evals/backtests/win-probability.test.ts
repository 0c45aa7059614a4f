import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAVEN_DIR, mavenReplay, mavenSummary } from './win-probability-maven.ts';
import { SALVIRT_CSV, salvirtBacktest, salvirtSummary } from './win-probability-salvirt.ts';

// The win-probability backtests on the public data sets, when they are present (../shared/data).
// Lives in evals/: the layering lint forbids tools/ importing evals/.

describe('win-probability backtests without data', () => {
  it('return null (reported as skipped) instead of throwing', () => {
    expect(salvirtBacktest({ file: `${SALVIRT_CSV}.absent` })).toBeNull();
    expect(mavenReplay({ dir: `${MAVEN_DIR}.absent` })).toBeNull();
  });
});

describe('win probability on Salvirt (5-fold CV, de-duplicated)', () => {
  it.skipIf(!existsSync(SALVIRT_CSV))('ranks deals well and is calibrated better than the baselines', () => {
    const result = salvirtBacktest({ seed: 1 })!;
    expect(result.duplicates).toBe(83);
    expect(result.deals).toBe(365);
    const s = salvirtSummary(result);
    // The target is 0.85, not met. Measured with the naive-Bayes fact column: 0.843 on this split
    // (0.827-0.843 over fold seeds 1-5, mean 0.835; 0.840 / mean 0.830 before it), naive Bayes 0.835
    // (mean 0.832). Offline, AODE, random forests, kNN over the facts (value-difference metric), kernel
    // logistic regression, stacking and feature selection all stayed at 0.83-0.84 after de-duplication
    // (19 pairs of deals there have identical facts and opposite outcomes). The floor guards the result.
    expect(s.auc).toBeGreaterThanOrEqual(0.84);
    expect(s.auc).toBeGreaterThan(s.naiveBayesAuc);
    expect(s.brier).toBeLessThan(s.baseRateBrier);
    expect(s.brier).toBeLessThan(s.naiveBayesBrier);
  });
});

describe('win probability on Maven (monthly as-of replay)', () => {
  it.skipIf(!existsSync(path.join(MAVEN_DIR, 'sales_pipeline.csv')))('finds no signal and stays calibrated in level', () => {
    const months = mavenReplay()!;
    const s = mavenSummary(months);
    expect(s.n).toBeGreaterThan(8000);
    // no usable signal in fields known before close: an AUC above 0.6 would mean leakage
    expect(s.auc).toBeLessThan(0.6);
    // against the base rate known on each as-of day (win rate of deals closed before it): no worse. Measured
    // 0.2273 vs 0.2294: most months the fit finds no signal out of fold and falls back to exactly that rate
    expect(s.brier).toBeLessThanOrEqual(s.baselineBrier);
    expect(months.filter((m) => m.modelWeight === 0).length).toBeGreaterThan(0);
    // the hindsight base rate (the scored deals' own win rate) is not knowable on the day; month-to-month
    // drift in Maven's win rate costs every as-of predictor ~0.006-0.008 against it
    expect(s.brier).toBeLessThanOrEqual(s.baseRateBrier + 0.01);
    // a replay over every month of the data set, pure CPU: on a loaded 2-core CI box it ran past the suite's
    // 120 s ceiling (a timeout, not a wrong answer), so it gets a ceiling of its own
  }, 600_000);
});
