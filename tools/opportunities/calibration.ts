import { fitLogistic, logit, sigmoid } from './win-probability/logistic.ts';

// Calibration maps a model's raw score (a logit) to a probability that means what it says:
// of the deals given 70%, about 70% should win. Both calibrators are fitted on out-of-fold scores,
// never on scores of the rows the model was trained on (those are over-confident).

export interface ScoredOutcome {
  /** the model's raw score on the logit scale */
  score: number;
  won: boolean;
}

/** Platt scaling: p = sigmoid(a * score + b). Smooth and keeps the model's ranking intact. */
export interface PlattCalibrator {
  kind: 'platt';
  a: number;
  b: number;
}

/** One pooled block of the isotonic fit: scores in [from, to] map to `value`. */
export interface IsotonicBlock {
  from: number;
  to: number;
  value: number;
  weight: number;
}

/** Isotonic regression by pool-adjacent-violators: the best non-decreasing step function. */
export interface IsotonicCalibrator {
  kind: 'isotonic';
  blocks: IsotonicBlock[];
}

export type Calibrator = PlattCalibrator | IsotonicCalibrator;
export type CalibrationMethod = Calibrator['kind'];

export const IDENTITY_CALIBRATOR: PlattCalibrator = { kind: 'platt', a: 1, b: 0 };

/**
 * Platt scaling fitted by logistic regression of the outcomes on the scores. The slope is kept >= 0,
 * as isotonic calibration is non-decreasing by construction: held-out scores that rank deals the
 * wrong way round mean the model found nothing, not that its opposite is true, so the calibrator
 * then maps every score to the held-out win rate (slope 0) instead of turning the ranking over.
 */
export function fitPlatt(points: readonly ScoredOutcome[], lambda = 1e-3): PlattCalibrator {
  if (points.length === 0) return IDENTITY_CALIBRATOR;
  const fit = fitLogistic(
    points.map((p) => ({ index: [0], value: [p.score] })),
    points.map((p) => p.won),
    1,
    [],
    { lambda },
  );
  const a = fit.weights[0] ?? 1;
  if (a >= 0) return { kind: 'platt', a, b: fit.intercept };
  const wins = points.filter((p) => p.won).length;
  return { kind: 'platt', a: 0, b: logit((wins + 0.5) / (points.length + 1)) };
}

/**
 * Pool-adjacent-violators: sort by score, start with one block per distinct score, and merge any
 * block whose mean is not above the previous block's into it until the means increase. Values are
 * clipped into [epsilon, 1 - epsilon] so a pure block never claims certainty.
 */
export function fitIsotonic(points: readonly ScoredOutcome[], epsilon = 0): IsotonicCalibrator {
  const sorted = [...points].sort((x, y) => x.score - y.score);
  const blocks: IsotonicBlock[] = [];
  for (const point of sorted) {
    const y = point.won ? 1 : 0;
    const last = blocks[blocks.length - 1];
    // equal scores must share a value, so they start in one block
    if (last && last.to === point.score) {
      last.value = (last.value * last.weight + y) / (last.weight + 1);
      last.weight += 1;
    } else {
      blocks.push({ from: point.score, to: point.score, value: y, weight: 1 });
    }
    while (blocks.length > 1) {
      const top = blocks[blocks.length - 1]!;
      const below = blocks[blocks.length - 2]!;
      if (below.value < top.value) break;
      const weight = below.weight + top.weight;
      blocks.splice(blocks.length - 2, 2, {
        from: below.from,
        to: top.to,
        value: (below.value * below.weight + top.value * top.weight) / weight,
        weight,
      });
    }
  }
  for (const block of blocks) block.value = Math.min(1 - epsilon, Math.max(epsilon, block.value));
  return { kind: 'isotonic', blocks };
}

/**
 * Isotonic lookup: a score inside a block gets the block's value; a score in the gap between two
 * blocks is interpolated linearly, so deals the training data never separated are not all tied.
 */
export function isotonicValue(calibrator: IsotonicCalibrator, score: number): number {
  const { blocks } = calibrator;
  const first = blocks[0];
  if (!first) return 0.5;
  if (score <= first.to) return first.value;
  for (let i = 1; i < blocks.length; i++) {
    const block = blocks[i]!;
    const previous = blocks[i - 1]!;
    if (score < block.from) {
      const t = (score - previous.to) / (block.from - previous.to);
      return previous.value + t * (block.value - previous.value);
    }
    if (score <= block.to) return block.value;
  }
  return blocks[blocks.length - 1]!.value;
}

export function fitCalibrator(method: CalibrationMethod, points: readonly ScoredOutcome[]): Calibrator {
  // a couple of held-out scores cannot support a step function; fall back to Platt's two parameters
  if (method === 'isotonic' && points.length >= 20) return fitIsotonic(points, 0.005);
  return fitPlatt(points);
}

/** Calibrated probability for a raw logit score. */
export function calibrate(calibrator: Calibrator, score: number): number {
  if (calibrator.kind === 'platt') return sigmoid(calibrator.a * score + calibrator.b);
  return isotonicValue(calibrator, score);
}

/** Calibrated probability on the logit scale (Platt's line itself; an isotonic value's logit, kept finite). */
export function calibratedLogit(calibrator: Calibrator, score: number): number {
  if (calibrator.kind === 'platt') return calibrator.a * score + calibrator.b;
  return logit(isotonicValue(calibrator, score), 1e-12);
}

/** The calibrator's correction on the logit scale, so it can be reported as one more part. */
export function calibrationEffect(calibrator: Calibrator, score: number): number {
  return logit(calibrate(calibrator, score)) - score;
}
