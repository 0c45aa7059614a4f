import type { PlattCalibrator, ScoredOutcome } from '../calibration.ts';
import { fitLogistic, logit } from './logistic.ts';

// The last step of the win model: a Platt map fitted on an inner replay. The folds inside fitWinModel
// only ever hold out deals that closed before the fit date, i.e. the ones that closed fast; a deal open
// today is scored before anyone knows whether it will be fast. The inner replay scores, with models
// fitted as of earlier dates, the deals that were open on those dates (as they stood then) and whose
// outcome is known by the fit date, which is the population the tool scores. Platt keeps the ranking.

export interface ReplayCalibrationOptions {
  /** ridge on the map's departure from identity (slope - 1 and intercept) */
  lambda: number;
  /** below this many replayed deal-days the map stays the identity */
  minPoints: number;
}

export const DEFAULT_REPLAY_CALIBRATION: ReplayCalibrationOptions = { lambda: 1, minPoints: 60 };

/**
 * p = sigmoid(a * z + b) on the model's final logit z, fitted by logistic regression with z as both the
 * offset and the feature, so the ridge shrinks (a - 1, b) toward (0, 0): with little evidence the map is
 * the identity rather than a flattening toward the base rate. The slope is kept >= 0 (a replay that
 * ranks deals the wrong way round says the model found nothing, not that its opposite is true).
 */
export function fitReplayCalibrator(points: readonly ScoredOutcome[], options: Partial<ReplayCalibrationOptions> = {}): PlattCalibrator {
  const { lambda, minPoints } = { ...DEFAULT_REPLAY_CALIBRATION, ...options };
  const wins = points.filter((p) => p.won).length;
  if (points.length < minPoints || wins === 0 || wins === points.length) return { kind: 'platt', a: 1, b: 0 };
  const fit = fitLogistic(
    points.map((p) => ({ index: [0], value: [p.score] })),
    points.map((p) => p.won),
    1,
    points.map((p) => p.score),
    { lambda, interceptLambda: lambda },
  );
  const a = 1 + (fit.weights[0] ?? 0);
  if (a >= 0) return { kind: 'platt', a, b: fit.intercept };
  return { kind: 'platt', a: 0, b: logit((wins + 0.5) / (points.length + 1)) };
}
