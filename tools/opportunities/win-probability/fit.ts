import { stratifiedFolds } from '../../../core/stats/folds.ts';
import { calibratedLogit, fitCalibrator, IDENTITY_CALIBRATOR, type Calibrator, type CalibrationMethod, type ScoredOutcome } from '../calibration.ts';
import { buildFeatureSpace, encodeDeal, type EncodeContext, type EncodedDeal } from './features.ts';
import { stagePriors, stageDurations } from './history.ts';
import { factLikelihood } from './likelihood.ts';
import { fitLogistic, linearScore, sigmoid } from './logistic.ts';
import type { NeighbourSearch } from './neighbours.ts';
import type { ClosedDeal } from './profile.ts';
import { DEFAULT_WIN_MODEL_OPTIONS, type FittedWinModel, type TrainingExample, type WinModelOptions } from './types.ts';

// Fitting: stage priors, durations and fact counts from the closed history, then a ridge logistic
// regression of the adjustments, then a calibrator on out-of-fold scores, then how much of the
// calibrated model to keep against the stage prior. Inner folds are split by deal, so the snapshots
// of one deal never sit on both sides, and every held-out row is encoded with priors, columns,
// counts and neighbours from the other folds only.

export interface FitWinModelInput {
  /** closed deals known at fit time: stage priors, durations and the neighbour pool */
  history: readonly ClosedDeal[];
  /**
   * rows to learn from: each deal as it looked when it would have been scored (as-of snapshots,
   * with daysInStage / daysSinceLastTouch of that day). Default: the history deals themselves.
   */
  examples?: readonly TrainingExample[];
  /** neighbour search over `history`; it must honour `allow` (that is how folds stay apart) */
  search: NeighbourSearch;
  options?: Partial<WinModelOptions>;
}

interface Prepared {
  ctx: EncodeContext;
  rows: EncodedDeal[];
}

function prepare(
  pool: readonly ClosedDeal[],
  train: readonly TrainingExample[],
  score: readonly TrainingExample[],
  search: NeighbourSearch,
  options: WinModelOptions,
): Prepared & { scored: EncodedDeal[] } {
  const durations = stageDurations(pool);
  const ctx: EncodeContext = {
    priors: stagePriors(pool),
    durations,
    likelihood: factLikelihood(pool),
    space: buildFeatureSpace(train, durations, options.minCount),
    k: options.k,
    shrinkage: options.shrinkage,
  };
  const inPool = new Map(pool.map((d) => [d.id, d]));
  // a deal is never its own neighbour, nor counted in its own facts' ratio: training rows see the
  // history as a new deal would
  const encode = (e: TrainingExample) =>
    encodeDeal(ctx, e.deal, search(e.deal, options.k, (id) => id !== e.deal.id && inPool.has(id)), inPool.get(e.deal.id));
  return { ctx, rows: train.map(encode), scored: score.map(encode) };
}

function fitRows(prepared: Prepared, labels: readonly boolean[], lambda: number) {
  const columns = prepared.ctx.space.numeric.length + prepared.ctx.space.categorical.length;
  return fitLogistic(
    prepared.rows.map((r) => r.row),
    labels,
    columns,
    prepared.rows.map((r) => r.offset),
    // the intercept is shrunk (weakly) toward 0, i.e. toward the stage prior carried in the offset
    { lambda, interceptLambda: 1 },
  );
}

const logLoss = (points: readonly ScoredOutcome[]) =>
  points.reduce((sum, { score, won }) => sum - Math.log(Math.max(1e-12, won ? sigmoid(score) : 1 - sigmoid(score))), 0) /
  points.length;

/** Log loss after the best constant shift of every logit: what is left once the overall level is fitted. */
function levelFreeLogLoss(points: readonly ScoredOutcome[]): number {
  let shift = 0;
  for (let iteration = 0; iteration < 30; iteration++) {
    let gradient = 0;
    let curvature = 0;
    for (const { score, won } of points) {
      const p = sigmoid(score + shift);
      gradient += p - (won ? 1 : 0);
      curvature += p * (1 - p);
    }
    const step = gradient / Math.max(curvature, 1e-12);
    shift -= step;
    if (Math.abs(step) < 1e-10) break;
  }
  return logLoss(points.map((p) => ({ score: p.score + shift, won: p.won })));
}

interface HeldOutScore extends ScoredOutcome {
  /** logit of the stage prior */
  offset: number;
  fold: number;
}

/** The blended logit: the stage prior plus `weight` times the calibrated model's departure from it. */
export const blendWithPrior = (offset: number, calibrated: number, weight: number): number => offset + weight * (calibrated - offset);

/**
 * How much of the calibrated model to keep against the stage prior. The held-out scores are
 * calibrated fold by fold with a calibrator fitted on the other folds' scores (the calibrator never
 * sees the scores it maps), blended with the prior at each candidate weight, and compared by log
 * loss after refitting the overall level. The level is left out of the comparison on purpose: the
 * training rows' own win rate (old snapshots, only the deals that have closed) is not evidence about
 * the level of the deals open today, and with it the comparison would always favour a model that
 * merely reproduces the training rows' rate. What is compared is whether the model tells deals apart
 * better than their stage does; a model that does not falls back to the stage prior. Ties go to the
 * smaller weight.
 */
function chooseModelWeight(points: readonly HeldOutScore[], folds: number, method: CalibrationMethod, weights: readonly number[]) {
  const calibrated = new Array<number>(points.length).fill(0);
  for (let fold = 0; fold < folds; fold++) {
    const calibrator = fitCalibrator(method, points.filter((p) => p.fold !== fold));
    points.forEach((p, i) => {
      if (p.fold === fold) calibrated[i] = calibratedLogit(calibrator, p.score);
    });
  }
  const tried = [...weights]
    .sort((a, b) => a - b)
    .map((weight) => ({
      weight,
      logLoss: levelFreeLogLoss(points.map((p, i) => ({ score: blendWithPrior(p.offset, calibrated[i]!, weight), won: p.won }))),
    }));
  const best = tried.reduce((a, b) => (b.logLoss < a.logLoss - 1e-9 ? b : a));
  return { weight: best.weight, tried };
}

/**
 * Inner folds as periods: the deals sorted by close date and cut into `folds` runs of consecutive
 * closes. Deals that close together resemble each other (same accounts, same quarter's market) more
 * than a new deal resembles its predecessors, so random folds let the held-out deals lean on their
 * contemporaries and the calibrator learned a confidence that scoring open deals does not earn (demo
 * replay: 0.06 predicted, 0.21 observed; 0.92, 0.80). Null when some deal has no close date.
 * Tried after this and not kept (demo replay, 1,235 deal-days; this: AUC 0.678, Brier 0.226, the 0.8 bin
 * 0.837 predicted, 0.746 observed): forward chaining (each period scored by a fit on earlier periods only)
 * AUC 0.666, Brier 0.229, 0.8 bin 0.831 vs 0.708; a last Platt step on the held-out blended logits AUC
 * 0.669, Brier 0.229, 0.1 bin 0.169 vs 0.275. Both learn from deals that closed before the fit date; the
 * stage prior alone is as over-confident on deals open on the 1st (0.777 vs 0.703), which suggests the
 * cause is that closed history over-represents deals that closed fast, which no fold of closed deals shows.
 * Tried next, outside this fit and left opt-in: a last Platt map fitted on an inner replay of deals open at
 * earlier dates, scored by models fitted as of those dates (opportunity-win-replay.ts; figures at
 * fitStoreWinModel's `replay`). It did not fix the 0.8 bin either.
 */
export function timeFolds(history: readonly ClosedDeal[], dealIds: readonly string[], folds: number): Map<string, number> | null {
  const closedAt = new Map(history.map((d) => [d.id, d.closedAt?.getTime()]));
  if (dealIds.some((id) => closedAt.get(id) === undefined)) return null;
  const ordered = [...dealIds].sort((a, b) => closedAt.get(a)! - closedAt.get(b)! || (a < b ? -1 : 1));
  return new Map(ordered.map((id, i) => [id, Math.floor((i * folds) / ordered.length)]));
}

export function fitWinModel(input: FitWinModelInput): FittedWinModel {
  const options: WinModelOptions = { ...DEFAULT_WIN_MODEL_OPTIONS, ...input.options };
  const { history, search } = input;
  const examples: readonly TrainingExample[] = input.examples ?? history.map((deal) => ({ deal, won: deal.won }));

  // fold assignment by deal, stratified on the deal's outcome
  const dealIds = [...new Set(examples.map((e) => e.deal.id))].sort();
  const outcome = new Map(examples.map((e) => [e.deal.id, e.won]));
  const labels = dealIds.map((id) => outcome.get(id) ?? false);
  const minority = Math.min(labels.filter(Boolean).length, labels.filter((y) => !y).length);
  const lambdas = [...options.lambdas].sort((a, b) => a - b);
  let lambda = lambdas[Math.floor(lambdas.length / 2)] ?? 1;
  let outOfFoldLogLoss: number | null = null;
  let calibrator: Calibrator = IDENTITY_CALIBRATOR;
  // without folds there is nothing to validate a blend on: the ridge fit stands as fitted
  let modelWeight = 1;
  let modelWeightLogLoss: FittedWinModel['training']['modelWeightLogLoss'] = [];

  if (minority >= options.folds && options.folds >= 2) {
    const foldOf = timeFolds(history, dealIds, options.folds) ?? new Map(stratifiedFolds(labels, options.folds, options.seed).map((f, i) => [dealIds[i]!, f]));
    const oof: HeldOutScore[][] = lambdas.map(() => []);
    for (let fold = 0; fold < options.folds; fold++) {
      const held = new Set(dealIds.filter((id) => foldOf.get(id) === fold));
      const train = examples.filter((e) => !held.has(e.deal.id));
      const test = examples.filter((e) => held.has(e.deal.id));
      const prepared = prepare(
        history.filter((d) => !held.has(d.id)),
        train,
        test,
        search,
        options,
      );
      lambdas.forEach((l, li) => {
        const fit = fitRows(prepared, train.map((e) => e.won), l);
        prepared.scored.forEach((row, i) =>
          oof[li]!.push({ score: linearScore(fit, row.row, row.offset), offset: row.offset, won: test[i]!.won, fold }),
        );
      });
    }
    const losses = oof.map(logLoss);
    const best = losses.indexOf(Math.min(...losses));
    lambda = lambdas[best]!;
    outOfFoldLogLoss = losses[best]!;
    calibrator = fitCalibrator(options.calibration, oof[best]!);
    const chosen = chooseModelWeight(oof[best]!, options.folds, options.calibration, options.modelWeights);
    modelWeight = chosen.weight;
    modelWeightLogLoss = chosen.tried;
  }

  const prepared = prepare(history, examples, [], search, options);
  const fit = fitRows(prepared, examples.map((e) => e.won), lambda);
  return {
    version: 2,
    options,
    priors: prepared.ctx.priors,
    durations: prepared.ctx.durations,
    likelihood: prepared.ctx.likelihood,
    space: prepared.ctx.space,
    intercept: fit.intercept,
    weights: fit.weights,
    calibrator,
    modelWeight,
    training: { examples: examples.length, deals: dealIds.length, history: history.length, lambda, outOfFoldLogLoss, modelWeightLogLoss },
  };
}
