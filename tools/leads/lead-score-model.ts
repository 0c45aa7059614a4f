import { contribution, describeContribution, featureKey, indexFeatures } from './lead-score-encode.ts';
import { sigmoid } from './lead-score-logistic.ts';
import {
  LEAD_SCORE_PARTS,
  type GradeThresholds,
  type LeadFeature,
  type LeadGrade,
  type LeadScoreModel,
  type LeadScorePart,
  type LeadScoreResult,
  type PartWeights,
  type ScoreChange,
} from './lead-score-types.ts';

// The lead score: a logistic model over four parts (behavioural, demographic, fit, engagement).
//
//   log-odds = intercept + sum over parts of weight[part] * contribution[part]
//   score    = round(100 * sigmoid(log-odds))          0..100
//   part     = round(100 * sigmoid(weight[part] * contribution[part]))
//
// Every contribution is measured against an average lead (numeric inputs are centred, categorical
// weights are centred on their training mean), so a part score of 50 means "average on this part",
// and all four parts sit on the same log-odds scale: a part at 73 moves the odds as much as going from
// 50% to 73%. With the default weights (all 1) the score is round(100 * the model's probability), a
// monotone function of it, so ranking metrics (AUC) of the score are those of the model up to rounding ties.
// A part weight > 1 makes that part's deviations from average count more; 0 ignores the part.

export * from './lead-score-types.ts';
export { fitLeadScoreModel, type FitLeadScoreOptions } from './lead-score-fit.ts';
export { DEFAULT_LEAD_SCORE_MODEL, productLeadFeatures, type ProductLeadSignals } from './lead-score-default.ts';

/** Defaults: A >= 75, B >= 50, C >= 25, otherwise D. */
export const DEFAULT_GRADE_THRESHOLDS: GradeThresholds = { A: 75, B: 50, C: 25 };

export const DEFAULT_PART_WEIGHTS: Record<LeadScorePart, number> = { behavioural: 1, demographic: 1, fit: 1, engagement: 1 };

export interface ScoreLeadOptions {
  thresholds?: GradeThresholds;
  /** reasons listed per part (default 3) */
  maxReasons?: number;
  /** contributions smaller than this many log-odds are not worth a reason (default 0.05) */
  minReasonLogOdds?: number;
}

export function gradeFor(score: number, thresholds: GradeThresholds = DEFAULT_GRADE_THRESHOLDS): LeadGrade {
  if (score >= thresholds.A) return 'A';
  if (score >= thresholds.B) return 'B';
  if (score >= thresholds.C) return 'C';
  return 'D';
}

function toScore(logOdds: number): number {
  return Math.min(100, Math.max(0, Math.round(100 * sigmoid(logOdds))));
}

export function scoreLead(
  features: readonly LeadFeature[],
  model: LeadScoreModel,
  weights: PartWeights = {},
  options: ScoreLeadOptions = {},
): LeadScoreResult {
  const { thresholds = DEFAULT_GRADE_THRESHOLDS, maxReasons = 3, minReasonLogOdds = 0.05 } = options;
  const byKey = indexFeatures(features);
  const parts = {} as Record<LeadScorePart, number>;
  const contributions = {} as Record<LeadScorePart, number>;
  const reasons = {} as Record<LeadScorePart, string[]>;
  let unweighted = model.intercept;
  let weighted = model.intercept;

  for (const part of LEAD_SCORE_PARTS) {
    const w = weights[part] ?? DEFAULT_PART_WEIGHTS[part];
    let total = 0;
    const items: { amount: number; text: string }[] = [];
    for (const spec of model.parts[part]) {
      const feature = byKey.get(featureKey(part, spec.name));
      const amount = contribution(spec, feature?.value);
      total += amount;
      if (Math.abs(w * amount) >= minReasonLogOdds) items.push({ amount: w * amount, text: describeContribution(spec, feature, w * amount) });
    }
    unweighted += total;
    weighted += w * total;
    contributions[part] = w * total;
    parts[part] = toScore(w * total);
    // biggest first; ties keep the model's feature order (sort is stable)
    reasons[part] = items
      .sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount))
      .slice(0, maxReasons)
      .map((r) => r.text);
  }

  const score = toScore(weighted);
  return { score, grade: gradeFor(score, thresholds), probability: sigmoid(unweighted), parts, contributions, reasons };
}

/** What changed since the last stored score; `previous` undefined means this is the first one. */
export function scoreChange(
  previous: { score: number; grade: LeadGrade } | undefined,
  current: { score: number; grade: LeadGrade },
): ScoreChange {
  if (!previous) return { delta: null, gradeChanged: false, direction: 'new', previousGrade: null };
  const delta = current.score - previous.score;
  return {
    delta,
    gradeChanged: previous.grade !== current.grade,
    direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same',
    previousGrade: previous.grade,
  };
}
