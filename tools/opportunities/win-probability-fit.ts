import { stratifiedFolds } from '../../core/stats/folds.ts';
import { fitCalibrator, IDENTITY_CALIBRATOR, type Calibrator, type ScoredOutcome } from './calibration.ts';
import { buildFeatureSpace, encodeDeal, type EncodeContext, type EncodedDeal } from './win-probability-features.ts';
import { stagePriors, stageDurations } from './win-probability-history.ts';
import { fitLogistic, linearScore, sigmoid } from './win-probability-logistic.ts';
import type { NeighbourSearch } from './win-probability-neighbours.ts';
import type { ClosedDeal } from './win-probability-profile.ts';
import { DEFAULT_WIN_MODEL_OPTIONS, type FittedWinModel, type TrainingExample, type WinModelOptions } from './win-probability-types.ts';

// Fitting: stage priors and durations from the closed history, then a ridge logistic regression of
// the adjustments, then a calibrator on out-of-fold scores. Inner folds are split by deal, so the
// snapshots of one deal never sit on both sides, and every held-out row is encoded with priors,
// columns and neighbours from the other folds only.

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
    space: buildFeatureSpace(train, durations, options.minCount),
    k: options.k,
    shrinkage: options.shrinkage,
  };
  const inPool = new Set(pool.map((d) => d.id));
  // a deal is never its own neighbour: training rows see the history as a new deal would
  const encode = (e: TrainingExample) =>
    encodeDeal(ctx, e.deal, search(e.deal, options.k, (id) => id !== e.deal.id && inPool.has(id)));
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

  if (minority >= options.folds && options.folds >= 2) {
    const foldOf = new Map(stratifiedFolds(labels, options.folds, options.seed).map((f, i) => [dealIds[i]!, f]));
    const oof: ScoredOutcome[][] = lambdas.map(() => []);
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
        prepared.scored.forEach((row, i) => oof[li]!.push({ score: linearScore(fit, row.row, row.offset), won: test[i]!.won }));
      });
    }
    const losses = oof.map(logLoss);
    const best = losses.indexOf(Math.min(...losses));
    lambda = lambdas[best]!;
    outOfFoldLogLoss = losses[best]!;
    calibrator = fitCalibrator(options.calibration, oof[best]!);
  }

  const prepared = prepare(history, examples, [], search, options);
  const fit = fitRows(prepared, examples.map((e) => e.won), lambda);
  return {
    version: 1,
    options,
    priors: prepared.ctx.priors,
    durations: prepared.ctx.durations,
    space: prepared.ctx.space,
    intercept: fit.intercept,
    weights: fit.weights,
    calibrator,
    training: { examples: examples.length, deals: dealIds.length, history: history.length, lambda, outOfFoldLogLoss },
  };
}
