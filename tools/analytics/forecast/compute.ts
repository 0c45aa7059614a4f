import { conversionFor, type ConversionModel } from './calibration.ts';
import { closeCandidates, type CloseDateModel } from './close-dates.ts';
import { newPipelineMean, type NewPipeline } from './new-pipeline.ts';
import { blendQuantiles, type TrackRecord } from './track-record.ts';
import { undatedChance, type CycleModel } from './undated.ts';
import type { ForecastDeal, GroupBy, GroupRef, ProbabilitySource, WonDeal } from './types.ts';
import { closeChance, quantilesOf, simulate, sumRuns, type SimDeal } from '../monte-carlo.ts';

// The arithmetic of a forecast, apart from the database so it can be checked by hand and replayed by
// the backtest with deals as they stood on a past day.
//   won       = value of deals won with closedAt in the period (before asOf)
//   commit    = value of open deals in the commit category (default rule: forecastCategory 'commit';
//               the backtest, which has no category history, uses the stage rule: negotiation) whose
//               expected close date falls in the period
//   weighted  = sum of value x win probability of open deals whose expected close date falls in the period
//   P10/P50/P90 = quantiles of won + simulated wins (monte-carlo.ts) over every open deal that can close
//               in the period, including deals expected before it (overdue) or after it (pull-ins)
//   expected  = won + sum of value x (chance of being won inside the period) + the new-pipeline run rate's
//               mean: the simulation's exact mean
//   new pipeline = deals not yet created that will be created and won inside the period: each run adds one
//               past window's "created and won inside it" value (new-pipeline.ts)
// The chance of being won inside the period is:
//   with no expected close date and a fitted `cycles` model (fitted for this period's window): the share of
//               past deals of the same age won within an equal window (undated.ts)
//   with a calibrated `conversion` (the tool's default): min(1, p x k), k learned from how such pipeline
//               converted before (calibration.ts), with the common variance it measured
//   otherwise (slips): p x share of the deal's close-date candidates inside the period (close-dates.ts)
// With a fitted `track` (most of the open value undated: estimates.ts), the total still to win is instead the
// blend of that expectation with the trailing run rate, and its P10/P50/P90 come from the blend's as-of
// errors (track-record.ts): total P = won + blend x exp(m + z); total expected = won + blend. Groups keep
// the simulation's figures (the track record is learned org-wide).

export type { ForecastDeal, GroupBy, GroupRef, ProbabilitySource, WonDeal } from './types.ts';

export interface ForecastComputeInput {
  period: { start: Date; end: Date };
  asOf: Date;
  groupBy: GroupBy;
  open: readonly ForecastDeal[];
  won: readonly WonDeal[];
  closeModel: CloseDateModel;
  /** when given and calibrated, used instead of the slip distribution */
  conversion?: ConversionModel;
  /** when given and fitted, places deals with no expected close date by their age */
  cycles?: CycleModel;
  /** when given, revenue from deals created after asOf and won inside the period */
  newPipeline?: NewPipeline;
  /** when given and fitted, the total is blended with the trailing run rate (track-record.ts) */
  track?: { record: TrackRecord; runRateMinor: number };
  /** groups to show even when they have no deals (e.g. every rep in scope) */
  knownGroups?: readonly GroupRef[];
  runs: number;
  seed: number;
  isCommit?: (deal: ForecastDeal) => boolean;
}

export interface DealContribution {
  deal: ForecastDeal;
  /** 0-1: chance the deal closes inside the period if won (calibrated: min(1, p x k) / p) */
  closeChance: number;
  /** value x chance of being won inside the period */
  contributionMinor: number;
  expectedInPeriod: boolean;
  /** counted in commit */
  commit: boolean;
  /** placed by its age (no expected close date) */
  byAge: boolean;
}

export interface GroupForecast extends GroupRef {
  wonMinor: number;
  won: WonDeal[];
  commitMinor: number;
  commitDeals: number;
  weightedMinor: number;
  expectedDeals: number;
  /** open deals with a chance above zero of being won inside the period */
  simulatedDeals: number;
  expectedMinor: number;
  /** expected value of deals not yet created, won inside the period */
  newPipelineMinor: number;
  p10Minor: number;
  p50Minor: number;
  p90Minor: number;
  /** biggest contributors first */
  contributions: DealContribution[];
}

export interface ForecastResult {
  total: GroupForecast;
  /** one per group, largest P50 first; empty when grouped by total */
  groups: GroupForecast[];
  /** open deals left out: no probability, or no expected date and no history to place them */
  unplaced: number;
  /** open deals by where their probability came from */
  probabilitySources: Record<ProbabilitySource, number>;
  /** open deals with no expected close date placed by their age: count, value, expected value inside the period */
  byAge: { deals: number; valueMinor: number; expectedMinor: number; canClose: number };
  /** relative variance of the common factor the simulation used */
  commonVariance: number;
  /** present when the total was blended with the run rate: the parts, before the won-so-far is added */
  blend?: {
    record: TrackRecord;
    pipelineMinor: number;
    runRateMinor: number;
    blendMinor: number;
    /** the total as the simulation alone had it */
    simulated: { expectedMinor: number; p10Minor: number; p50Minor: number; p90Minor: number };
  };
}

const defaultCommit = (deal: ForecastDeal) => deal.forecastCategory === 'commit';
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

export function groupOf(groupBy: GroupBy, deal: { ownerId: string; ownerName: string; productId: string | null; productName: string | null }): GroupRef {
  if (groupBy === 'rep') return { key: deal.ownerId, label: deal.ownerName };
  if (groupBy === 'product') return deal.productId ? { key: deal.productId, label: deal.productName ?? deal.productId } : { key: 'none', label: 'no product' };
  return { key: 'all', label: 'all deals' };
}

function emptyGroup(ref: GroupRef): GroupForecast {
  return { ...ref, wonMinor: 0, won: [], commitMinor: 0, commitDeals: 0, weightedMinor: 0, expectedDeals: 0, simulatedDeals: 0, expectedMinor: 0, newPipelineMinor: 0, p10Minor: 0, p50Minor: 0, p90Minor: 0, contributions: [] };
}

export function computeForecast(input: ForecastComputeInput): ForecastResult {
  const { period, asOf, groupBy } = input;
  const isCommit = input.isCommit ?? defaultCommit;
  const from = Math.max(period.start.getTime(), asOf.getTime());
  const to = period.end.getTime();
  const [startDay, endDay] = [isoDay(period.start), isoDay(period.end)];

  const groups = new Map<string, GroupForecast>();
  const groupFor = (ref: GroupRef) => {
    let g = groups.get(ref.key);
    if (!g) groups.set(ref.key, (g = emptyGroup(ref)));
    return g;
  };
  if (groupBy !== 'total') for (const ref of input.knownGroups ?? []) groupFor(ref);

  for (const deal of input.won) {
    const g = groupFor(groupOf(groupBy, deal));
    g.wonMinor += deal.valueMinor;
    g.won.push(deal);
  }

  let unplaced = 0;
  const probabilitySources: Record<ProbabilitySource, number> = { stored: 0, stage_win_rate: 0, model: 0, none: 0 };
  const sim: (SimDeal & { key: string })[] = [];
  const byAge = { deals: 0, valueMinor: 0, expectedMinor: 0, canClose: 0 };
  let calibratedExpected = 0;
  for (const deal of input.open) {
    const g = groupFor(groupOf(groupBy, deal));
    probabilitySources[deal.probabilitySource]++;
    const expectedInPeriod = deal.expectedCloseDate !== null && deal.expectedCloseDate >= startDay && deal.expectedCloseDate < endDay;
    const commit = expectedInPeriod && isCommit(deal);
    if (expectedInPeriod) {
      g.expectedDeals++;
      if (commit) {
        g.commitMinor += deal.valueMinor;
        g.commitDeals++;
      }
      if (deal.probability !== null) g.weightedMinor += deal.valueMinor * deal.probability;
    }
    const placed = place(input, deal, from, to);
    if (!placed) {
      unplaced++;
      continue;
    }
    const contributionMinor = deal.valueMinor * placed.insideChance;
    if (contributionMinor > 0) g.simulatedDeals++;
    if (placed.byAge) {
      byAge.deals++;
      byAge.valueMinor += deal.valueMinor;
      byAge.expectedMinor += contributionMinor;
      if (contributionMinor > 0) byAge.canClose++;
    } else calibratedExpected += contributionMinor;
    const chance = placed.winP > 0 ? Math.min(1, placed.insideChance / placed.winP) : 0;
    const shown = placed.byAge && deal.probability === null ? { ...deal, probability: placed.winP } : deal;
    if (contributionMinor > 0 || expectedInPeriod) g.contributions.push({ deal: shown, closeChance: chance, contributionMinor, expectedInPeriod, commit, byAge: placed.byAge });
    sim.push({ key: g.key, p: placed.p, valueMinor: deal.valueMinor, group: 0, closes: placed.closes });
  }

  const np = input.newPipeline && input.newPipeline.windows.length > 0 && to > from ? input.newPipeline : undefined;
  if (np) {
    for (const [key, label] of np.labels) if (newPipelineMean(np, groupBy === 'total' ? undefined : key) > 0) groupFor(groupBy === 'total' ? { key: 'all', label: 'all deals' } : { key, label });
  }
  const list = [...groups.values()];
  const index = new Map(list.map((g, i) => [g.key, i]));
  for (const d of sim) d.group = index.get(d.key)!;
  const extra = np
    ? list.map((g) => {
        g.newPipelineMinor = newPipelineMean(np, groupBy === 'total' ? undefined : g.key);
        return np.windows.map((w) => (groupBy === 'total' ? w.totalMinor : (w.byKey.get(g.key) ?? 0)));
      })
    : undefined;
  // the common factor: the calibration's for dated deals, the cycle model's for undated ones, weighted by their expected value
  const calibratedVariance = input.conversion && input.conversion.source === 'history' ? input.conversion.commonVariance : 0;
  const ageVariance = input.cycles && input.cycles.source === 'history' ? input.cycles.commonVariance : 0;
  const weight = calibratedExpected + byAge.expectedMinor;
  const commonVariance = weight > 0 ? (calibratedVariance * calibratedExpected + ageVariance * byAge.expectedMinor) / weight : calibratedVariance;
  const runs = simulate({
    deals: sim,
    groups: Math.max(1, list.length),
    runs: input.runs,
    seed: input.seed,
    window: { from, to },
    base: list.map((g) => g.wonMinor),
    ...(commonVariance > 0 ? { commonVariance } : {}),
    ...(extra ? { extra } : {}),
  });
  list.forEach((g, i) => finish(g, runs[i]!));

  const total = emptyGroup({ key: 'all', label: 'all deals' });
  for (const g of list) {
    total.wonMinor += g.wonMinor;
    total.won.push(...g.won);
    total.commitMinor += g.commitMinor;
    total.commitDeals += g.commitDeals;
    total.weightedMinor += g.weightedMinor;
    total.expectedDeals += g.expectedDeals;
    total.simulatedDeals += g.simulatedDeals;
    total.newPipelineMinor += g.newPipelineMinor;
    total.contributions.push(...g.contributions);
  }
  finish(total, list.length > 0 ? sumRuns(runs, input.runs) : new Float64Array(input.runs));
  const blend = to > from && input.track ? blendTotal(total, input.track) : undefined;

  const ordered = groupBy === 'total' ? [] : list.sort((a, b) => b.p50Minor - a.p50Minor || b.expectedMinor - a.expectedMinor || a.label.localeCompare(b.label));
  return { total, groups: ordered, unplaced, probabilitySources, byAge, commonVariance, ...(blend ? { blend } : {}) };
}

/** Replaces the total's expectation and quantiles with the track record's blend; undefined when it has none. */
function blendTotal(total: GroupForecast, track: { record: TrackRecord; runRateMinor: number }): ForecastResult['blend'] {
  const pipelineMinor = total.expectedMinor - total.wonMinor;
  const q = blendQuantiles(track.record, pipelineMinor, track.runRateMinor);
  if (!q) return undefined;
  const simulated = { expectedMinor: total.expectedMinor, p10Minor: total.p10Minor, p50Minor: total.p50Minor, p90Minor: total.p90Minor };
  total.expectedMinor = total.wonMinor + q.blendMinor;
  total.p10Minor = total.wonMinor + q.p10;
  total.p50Minor = total.wonMinor + q.p50;
  total.p90Minor = total.wonMinor + q.p90;
  return { record: track.record, pipelineMinor, runRateMinor: track.runRateMinor, blendMinor: q.blendMinor, simulated };
}

/** How the simulation draws a deal: its draw probability, close candidates, and its chance of being won inside [from, to). */
function place(input: ForecastComputeInput, deal: ForecastDeal, from: number, to: number): { p: number; closes: number[]; insideChance: number; byAge: boolean; winP: number } | null {
  if (deal.expectedCloseDate === null && deal.createdAt && input.cycles && input.cycles.source === 'history') {
    // no date: placed by its age (a stored probability scales the age's rate); the single candidate lies inside
    const stored = deal.probabilitySource === 'stored' ? deal.probability : null;
    const inside = to <= from ? 0 : undatedChance(input.cycles, deal.createdAt.getTime(), stored).q;
    return { p: inside, closes: [from], insideChance: inside, byAge: true, winP: deal.probability ?? input.cycles.winRate };
  }
  if (deal.probability === null) return null;
  if (to <= from) return { p: deal.probability, closes: [], insideChance: 0, byAge: false, winP: deal.probability };
  const k = input.conversion ? conversionFor(input.conversion, deal.expectedCloseDate, from, to) : null;
  if (k !== null) {
    // won inside the period with min(1, p x k); the single candidate lies inside the period
    const inside = Math.min(1, deal.probability * k);
    return { p: inside, closes: [from], insideChance: inside, byAge: false, winP: deal.probability };
  }
  const closes = closeCandidates(input.closeModel, deal.expectedCloseDate, input.asOf.getTime());
  if (closes.length === 0) return null;
  return { p: deal.probability, closes, insideChance: deal.probability * closeChance(closes, from, to), byAge: false, winP: deal.probability };
}

function finish(g: GroupForecast, runs: Float64Array) {
  const q = quantilesOf(runs);
  g.expectedMinor = g.contributions.reduce((sum, c) => sum + c.contributionMinor, g.wonMinor + g.newPipelineMinor);
  g.p10Minor = q.p10;
  g.p50Minor = q.p50;
  g.p90Minor = q.p90;
  g.contributions.sort((a, b) => b.contributionMinor - a.contributionMinor || a.deal.id.localeCompare(b.deal.id));
  g.won.sort((a, b) => b.valueMinor - a.valueMinor || a.id.localeCompare(b.id));
}
