import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLeadScoreBacktest, TARGET_AUC } from './lead-score.backtest.ts';
import { X_EDUCATION_LEADS_CSV } from './lead-score-x-education.ts';

// Lives in evals/ rather than beside the model: the layering lint forbids tools/ importing evals/.
describe('lead-score backtest on X Education', () => {
  it('returns null (skip) when the data file is absent', async () => {
    expect(await runLeadScoreBacktest({ file: `${X_EDUCATION_LEADS_CSV}.absent` })).toBeNull();
  });

  it.skipIf(!existsSync(X_EDUCATION_LEADS_CSV))('reaches the target held-out AUC with weights fitted on training folds', async () => {
    const result = await runLeadScoreBacktest();
    expect(result).not.toBeNull();
    expect(result!.examples).toBe(9240);
    expect(result!.folds).toHaveLength(5);
    expect(result!.auc).toBeGreaterThanOrEqual(TARGET_AUC);
    expect(result!.brier).toBeLessThan(result!.baseRateBrier);
    expect(result!.nbAuc).toBeGreaterThan(0.8);
  });
});
