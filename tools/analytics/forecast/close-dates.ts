// When a won deal actually closes, against the close date expected for it, learned from history.
//
// An observation is a moment t at which a deal that was later WON had an expected close date E_t on
// record (a stage change stores the date then; an expected_close_date edit stores the new one), with its
// real close C (closed before the as-of instant). Observations are bucketed by how far ahead E_t was
// (lead = E_t - t): overdue (< 0), 0-30, 30-90 and 90+ days, because a date three months out slips more
// than one due next week. For an open deal expected on E with lead L = E - asOf:
//   - lead >= 0: close = E + (C - E_t) for each observation of L's bucket, never before asOf;
//   - overdue (E before asOf): close = asOf + (C - t) for each overdue observation, when there are
//     enough; else the deal is treated as due now: asOf + (C - E_t) over the 0-30 day bucket;
//   - no expected date: close = asOf + (C - t) over all observations.
// A bucket with fewer than MIN_BUCKET observations borrows every non-overdue observation. Each
// candidate is equally likely. With no history at all, a deal closes exactly on its expected date
// (overdue: at asOf), and a deal without a date cannot be placed. Closes are conditional on winning:
// lost deals bring no revenue whenever they close. Only deals closed before asOf are seen, so very long
// slips are under-represented early in a store's life.

const DAY_MS = 86_400_000;
export const MIN_BUCKET = 20;

export interface CloseObservation {
  /** when the expectation was on record (ms) */
  at: number;
  /** the expected close date then (ms, UTC midnight) */
  expected: number;
  /** when the deal actually closed, won (ms) */
  closedAt: number;
}

type BucketName = 'overdue' | '0-30' | '30-90' | '90+';
const BUCKETS: readonly { name: BucketName; from: number; to: number }[] = [
  { name: 'overdue', from: -Infinity, to: 0 },
  { name: '0-30', from: 0, to: 30 },
  { name: '30-90', from: 30, to: 90 },
  { name: '90+', from: 90, to: Infinity },
];

export interface CloseDateModel {
  source: 'history' | 'none';
  observations: number;
  /** per bucket: slips C - E_t (ms) */
  slips: Record<BucketName, number[]>;
  /** per bucket: delays C - t (ms) */
  delays: Record<BucketName, number[]>;
}

const bucketOf = (leadDays: number): BucketName => BUCKETS.find((b) => leadDays >= b.from && leadDays < b.to)!.name;

export function fitCloseDateModel(observations: readonly CloseObservation[]): CloseDateModel {
  const slips: Record<BucketName, number[]> = { overdue: [], '0-30': [], '30-90': [], '90+': [] };
  const delays: Record<BucketName, number[]> = { overdue: [], '0-30': [], '30-90': [], '90+': [] };
  let used = 0;
  for (const o of observations) {
    if (!(o.closedAt > o.at)) continue;
    const bucket = bucketOf((o.expected - o.at) / DAY_MS);
    slips[bucket].push(o.closedAt - o.expected);
    delays[bucket].push(o.closedAt - o.at);
    used++;
  }
  return { source: used > 0 ? 'history' : 'none', observations: used, slips, delays };
}

const notOverdue = (m: CloseDateModel, kind: 'slips' | 'delays') => [...m[kind]['0-30'], ...m[kind]['30-90'], ...m[kind]['90+']];

function slipsFor(model: CloseDateModel, bucket: Exclude<BucketName, 'overdue'>): number[] {
  const own = model.slips[bucket];
  return own.length >= MIN_BUCKET ? own : notOverdue(model, 'slips');
}

/** Equally likely close instants (ms) of an open deal, if won, as of `asOf`. */
export function closeCandidates(model: CloseDateModel, expectedCloseDate: string | null, asOf: number): number[] {
  const expected = expectedCloseDate === null ? null : Date.parse(`${expectedCloseDate}T00:00:00Z`);
  if (expected !== null && Number.isNaN(expected)) throw new Error(`bad expected close date: ${expectedCloseDate}`);
  if (model.source === 'none') return expected === null ? [] : [Math.max(asOf, expected)];
  const notBefore = (at: number) => Math.max(asOf, at);
  if (expected === null) {
    const all = [...model.delays.overdue, ...notOverdue(model, 'delays')];
    return all.map((d) => asOf + d);
  }
  const lead = (expected - asOf) / DAY_MS;
  const bucket = bucketOf(lead);
  if (bucket === 'overdue') {
    if (model.delays.overdue.length >= MIN_BUCKET) return model.delays.overdue.map((d) => asOf + d);
    return slipsFor(model, '0-30').map((s) => notBefore(asOf + s));
  }
  return slipsFor(model, bucket).map((s) => notBefore(expected + s));
}

/** In words, for the output. */
export function describeCloseDateModel(model: CloseDateModel): string {
  if (model.source === 'none') return 'no won deals with close-date history yet: each deal is assumed to close on its expected date (overdue ones now)';
  const sizes = BUCKETS.map((b) => `${b.name}: ${model.slips[b.name].length}`).join(', ');
  return `slips of expected vs actual close dates of ${model.observations} observations on won deals (by lead time, ${sizes}; buckets under ${MIN_BUCKET} borrow from all)`;
}
