import { OPEN_OPPORTUNITY_STAGES } from '../../core/domain.ts';
import type { DealRecord, StageChange } from '../../db/repos/opportunity-history.ts';
import type { ScoredOutcome } from './calibration.ts';
import { asOfSnapshots, buildTimelines, closedDealOf, openDealFactsAt, snapshotsOf, type Timeline } from './opportunity-win-history.ts';
import { logit } from './win-probability/logistic.ts';
import {
  fitReplayCalibrator,
  fitWinModel,
  predictWithSearch,
  type FittedWinModel,
  type NeighbourSearch,
  type ReplayCalibrationOptions,
  type ReplaySummary,
  type WinModelOptions,
} from './win-probability/model.ts';

// The inner replay behind the win model's last calibration step (win-probability/replay-calibration.ts).
// Inside the training history only: on a few inner dates, each at least `horizonDays` before the fit
// date, the model is refitted from what was known before that date (deals closed, stage moves and
// touches dated before it) and scores the deals open that day as they stood that day. Their outcomes are
// known if they closed before the fit date; those that had not are censored and left out (counted in
// the summary). The horizon keeps that share small: most deals open that long ago have closed since.
// Opt-in (fitStoreWinModel's `replay`): on the demo replay it did not fix the top bin and cost a little AUC
// and Brier (figures there). At 90 days the censored deals were 15-25% as many as the replayed deal-days;
// 150 days cut that to 4-10% but left the early months' maps fitted on 74-156 points (slopes ~1.5).

const DAY_MS = 86_400_000;
const OPEN = new Set<string>(OPEN_OPPORTUNITY_STAGES);

export interface InnerReplayOptions extends ReplayCalibrationOptions {
  /** the latest inner date is this many days before the fit date */
  horizonDays: number;
  /** days between inner dates, going back */
  stepDays: number;
  /** at most this many inner dates */
  dates: number;
  /** an inner date needs this many deals closed before it to fit a model on */
  minHistory: number;
}

export const DEFAULT_INNER_REPLAY: InnerReplayOptions = { horizonDays: 90, stepDays: 30, dates: 4, minHistory: 40, lambda: 1, minPoints: 60 };

export type ExamplesOf = (closed: readonly DealRecord[], timelines: ReadonlyMap<string, Timeline>, cutoff: Date) => ReturnType<typeof asOfSnapshots>;

/** Training rows the way fitStoreWinModel samples them ('as_of' every `stepDays`, or one per completed stay). */
export const examplesFor =
  (sampling: { kind: 'stays' } | { kind: 'as_of'; stepDays: number }): ExamplesOf =>
  (closed, timelines, cutoff) =>
    sampling.kind === 'stays' ? closed.flatMap((r) => snapshotsOf(r, timelines.get(r.id))) : asOfSnapshots(closed, timelines, cutoff, sampling.stepDays);

export interface InnerReplayInput {
  /** deals closed before the fit date (closedDealsBefore) */
  closed: readonly DealRecord[];
  /** stage changes and touches dated before the fit date */
  changes: readonly StageChange[];
  touches: readonly { opportunityId: string; at: Date }[];
  /** creation times of the deals still open at the fit date: only counted, as censored */
  stillOpenCreatedAt: readonly Date[];
  /** neighbour search over (at least) the closed deals; every query is restricted to deals closed before its inner date */
  search: NeighbourSearch;
  cutoff: Date;
  examplesOf: ExamplesOf;
  modelOptions?: Partial<WinModelOptions>;
  options?: Partial<InnerReplayOptions>;
}

export interface InnerReplay {
  points: ScoredOutcome[];
  summary: ReplaySummary;
}

/** Replayed (final logit, outcome) pairs from models fitted as of earlier dates; nothing dated at or after `cutoff` is read. */
export function innerReplay(input: InnerReplayInput): InnerReplay {
  const options = { ...DEFAULT_INNER_REPLAY, ...input.options };
  const cutoff = input.cutoff.getTime();
  // belt and braces: the caller's queries already stop at the cutoff
  const closed = input.closed.filter((r) => r.closedAt !== null && r.closedAt.getTime() < cutoff);
  const points: ScoredOutcome[] = [];
  const dates: string[] = [];
  let censored = 0;
  let predicted = 0;
  for (let j = 0; j < options.dates; j++) {
    const t = cutoff - (options.horizonDays + j * options.stepDays) * DAY_MS;
    const at = new Date(t);
    const before = closed.filter((r) => r.closedAt!.getTime() < t);
    if (before.length < options.minHistory) break;
    const timelines = buildTimelines(
      input.changes.filter((c) => c.changedAt.getTime() < t),
      input.touches.filter((x) => x.at.getTime() < t),
    );
    const history = before.map((r) => closedDealOf(r, timelines.get(r.id)));
    const examples = input.examplesOf(before, timelines, at);
    const pool = new Set(history.map((d) => d.id));
    const model: FittedWinModel = fitWinModel({ history, examples: examples.length > 0 ? examples : undefined, search: input.search, options: input.modelOptions ?? {} });
    dates.push(at.toISOString());
    censored += input.stillOpenCreatedAt.filter((c) => c.getTime() < t).length;
    for (const record of closed) {
      if (record.createdAt.getTime() >= t || record.closedAt!.getTime() < t) continue;
      const facts = openDealFactsAt(record, timelines.get(record.id) ?? { stays: [], touches: [] }, at);
      if (!OPEN.has(facts.stage ?? '')) continue;
      const p = predictWithSearch(model, facts, input.search, (id) => id !== record.id && pool.has(id)).probability;
      predicted += p;
      points.push({ score: logit(p, 1e-9), won: record.outcome === 'won' });
    }
  }
  const wins = points.filter((p) => p.won).length;
  return {
    points,
    summary: {
      dates,
      horizonDays: options.horizonDays,
      points: points.length,
      wins,
      censored,
      meanPredicted: points.length > 0 ? predicted / points.length : Number.NaN,
      observedRate: points.length > 0 ? wins / points.length : Number.NaN,
    },
  };
}

/** The model with its last step fitted on an inner replay (unchanged but for the summary when the replay is too small). */
export function withReplayCalibration(model: FittedWinModel, replay: InnerReplay, options: Partial<ReplayCalibrationOptions> = {}): FittedWinModel {
  const calibrator = fitReplayCalibrator(replay.points, options);
  const identity = calibrator.a === 1 && calibrator.b === 0;
  return { ...model, ...(identity ? {} : { replayCalibrator: calibrator }), training: { ...model.training, replay: replay.summary } };
}
