import { commonVarianceOf } from './calibration.ts';

// The chance that an open deal with no expected close date is won inside the forecast window, from the
// org's own history of deals of the same age (created -> closed). Many CRM exports carry no expected close
// date at all; without this the forecast could not place such deals and answered $0.
//
// The window is the forecast's, [asOf + a, asOf + b). A deal created at c is `age` = asOf - c old. Every
// past deal h that was still open at the same age, early enough that the whole window after that age had
// passed before asOf (c_h + age + b <= asOf), is a sample; it counts as won when it was won with its close in
// [c_h + age + a, c_h + age + b). So deals that were never closed count as not won, and only outcomes known
// on asOf are read (no censoring: every sample's window has ended). A window that ended before the store's
// first recorded close is left out: the store has no outcomes then (an export's history starts somewhere),
// and deals "not won" there are only unrecorded. Weighed by value, as the calibration's
// k is (revenue is what is forecast, and big deals may win less often):
//   q(age) = (value won inside over samples + V x q0) / (value of samples + V)
// where q0 is the same ratio pooled over ages every 7 days and V the value of M = MIN_SAMPLES pseudo-deals
// of the mean sample value, so an age few deals reached (very old deals) cannot swing to 0 or 1; M is fixed
// a priori, not tuned on a backtest. The deal's value is then multiplied by q(age).
// A stored probability p on the deal scales it: min(1, q x p / w), w = win rate of deals closed before asOf.
// Deals do not win or lose independently; the common variance is measured as calibration.ts
// does, from weekly past instants whose window had ended before asOf (in-sample: the same history).

const DAY_MS = 86_400_000;
export const MIN_SAMPLES = 20;
/** closed deals needed before the history is used at all */
export const MIN_CLOSED = 30;
const GRID_DAYS = 7;

export interface CycleDeal {
  createdAt: number;
  /** null while open (a close at or after asOf is unknown then: pass null) */
  closedAt: number | null;
  won: boolean;
  valueMinor: number;
}

export interface CycleModel {
  source: 'history' | 'none';
  /** the window the rates are for, as offsets from the as-of instant (ms) */
  window: { a: number; b: number };
  closed: number;
  won: number;
  /** win rate of deals closed before asOf (0-1) */
  winRate: number;
  /** median cycle (created -> closed) of won deals, days */
  medianWonDays: number;
  /** q0: value won inside the window per unit of open value, pooled over ages */
  pooledRate: number;
  pooledSamples: number;
  commonVariance: number;
  instants: number;
  asOf: number;
  /** q by age in whole days (memoised) */
  rateAt: (ageMs: number) => { q: number; samples: number };
}

interface Hist {
  createdAt: number;
  closedAt: number | null;
  won: boolean;
  valueMinor: number;
}

/** Past deals open at `age` whose window after it had ended by asOf: how many, their value, the value won inside. */
function countAt(history: readonly Hist[], age: number, asOf: number, a: number, b: number, firstClose: number): { samples: number; value: number; won: number } {
  let samples = 0;
  let value = 0;
  let won = 0;
  for (const h of history) {
    const at = h.createdAt + age;
    if (at + b > asOf || at + b <= firstClose) continue;
    if (h.closedAt !== null && h.closedAt < at) continue; // closed before reaching this age
    samples++;
    value += h.valueMinor;
    if (h.won && h.closedAt !== null && h.closedAt >= at + a && h.closedAt < at + b) won += h.valueMinor;
  }
  return { samples, value, won };
}

/** Fits the age rates for the window [asOf + a, asOf + b) from `deals` (closes at or after asOf must be null). */
export function fitCycleModel(deals: readonly CycleDeal[], asOf: number, window: { a: number; b: number }, options: { commonVariance?: boolean } = {}): CycleModel {
  const { a, b } = window;
  const history: Hist[] = deals.map((d) => ({ createdAt: d.createdAt, closedAt: d.closedAt !== null && d.closedAt < asOf ? d.closedAt : null, won: d.won, valueMinor: d.valueMinor }));
  const closed = history.filter((h) => h.closedAt !== null && h.closedAt >= h.createdAt);
  const wonCycles = closed.filter((h) => h.won).map((h) => h.closedAt! - h.createdAt).sort((x, y) => x - y);
  // before the store's first recorded close there are no outcomes: a window that ended then is no evidence
  const firstClose = closed.reduce((min, h) => Math.min(min, h.closedAt!), asOf);
  let poolSamples = 0;
  let poolValue = 0;
  let poolWon = 0;
  if (history.length > 0 && b > a) {
    const oldest = asOf - history.reduce((min, h) => Math.min(min, h.createdAt), Infinity);
    for (let age = 0; age + b <= oldest; age += GRID_DAYS * DAY_MS) {
      const c = countAt(history, age, asOf, a, b, firstClose);
      poolSamples += c.samples;
      poolValue += c.value;
      poolWon += c.won;
    }
  }
  const pooledRate = poolValue > 0 ? poolWon / poolValue : 0;
  // the pseudo-deals weigh as much as MIN_SAMPLES deals of the pooled mean value
  const pseudoValue = poolSamples > 0 ? (MIN_SAMPLES * poolValue) / poolSamples : 0;
  const memo = new Map<number, { q: number; samples: number }>();
  const rateAt = (ageMs: number) => {
    const day = Math.max(0, Math.floor(ageMs / DAY_MS));
    let r = memo.get(day);
    if (!r) {
      const c = countAt(history, day * DAY_MS, asOf, a, b, firstClose);
      const den = c.value + pseudoValue;
      r = { q: den > 0 ? Math.min(1, (c.won + pseudoValue * pooledRate) / den) : 0, samples: c.samples };
      memo.set(day, r);
    }
    return r;
  };
  const model: CycleModel = {
    source: closed.length >= MIN_CLOSED && wonCycles.length > 0 && poolSamples >= MIN_SAMPLES && b > a ? 'history' : 'none',
    window,
    closed: closed.length,
    won: wonCycles.length,
    winRate: closed.length > 0 ? wonCycles.length / closed.length : 0,
    medianWonDays: wonCycles.length > 0 ? wonCycles[Math.floor(wonCycles.length / 2)]! / DAY_MS : 0,
    pooledRate,
    pooledSamples: poolSamples,
    commonVariance: 0,
    instants: 0,
    asOf,
    rateAt,
  };
  // the track record (track-record.ts) needs only the expectation, at many past instants
  if (model.source === 'none' || options.commonVariance === false) return model;
  // common variance: weekly instants t whose window had ended before asOf, the deals open at t
  const samples: { t: number; p: number; valueMinor: number; wonMinor: number }[] = [];
  const earliest = deals.reduce((min, d) => Math.min(min, d.createdAt), Infinity); // no spread: stores hold 100k+ deals
  for (let t = asOf - b; t > earliest && t + b > firstClose; t -= GRID_DAYS * DAY_MS) {
    for (let i = 0; i < deals.length; i++) {
      const h = history[i]!;
      if (h.createdAt >= t || (h.closedAt !== null && h.closedAt < t)) continue;
      const wonInside = h.won && h.closedAt !== null && h.closedAt >= t + a && h.closedAt < t + b ? deals[i]!.valueMinor : 0;
      samples.push({ t, p: rateAt(t - h.createdAt).q, valueMinor: deals[i]!.valueMinor, wonMinor: wonInside });
    }
  }
  const { variance, instants } = commonVarianceOf(samples, () => 1);
  model.commonVariance = variance;
  model.instants = instants;
  return model;
}

/** The chance an undated deal created at `createdAt` is won inside the model's window after `asOf`. */
export function undatedChance(model: CycleModel, createdAt: number, storedProbability: number | null): { q: number; samples: number } {
  const r = model.rateAt(model.asOf - createdAt);
  if (storedProbability === null || model.winRate <= 0) return r;
  return { q: Math.min(1, (r.q * storedProbability) / model.winRate), samples: r.samples };
}

export function describeCycleModel(model: CycleModel): string {
  if (model.source === 'none') return `too little closed history to learn from deal ages (${model.closed} closed deals, need ${MIN_CLOSED} with one won)`;
  return (
    `deal-age history of ${model.closed} deals closed before ${new Date(model.asOf).toISOString().slice(0, 10)} (${model.won} won, median won cycle ` +
    `${model.medianWonDays.toFixed(0)} days): each undated deal is won inside the period with the share of past deals of its age won within an ` +
    `equal window (all ages: ${(model.pooledRate * 100).toFixed(1)}% of ${model.pooledSamples} deal-ages; ${MIN_SAMPLES} pseudo-deals of that rate ` +
    `smooth rare ages); common variation sd ${Math.sqrt(model.commonVariance).toFixed(2)} of the expectation (from ${model.instants} past instants)`
  );
}
