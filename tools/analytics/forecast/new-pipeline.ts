// Revenue from deals not yet created on the as-of day that will be created and won inside the period:
// the run rate of new pipeline. For a forecast window [asOf + a, asOf + b), the same window is laid back over
// history RUN_RATE_WINDOWS times, end to end, at instants t_i = asOf - b - i x (b - a): the i-th sample is
// the value of deals created at or after t_i and won inside [t_i + a, t_i + b). Every window has ended
// before asOf, so every sample is known that day. The simulation adds one sample, drawn at random per run
// (the same draw for every group), and the expectation adds their mean. Three windows (a quarter of months,
// three quarters of quarters) is the run rate a sales team quotes; fixed a priori, not tuned on a backtest.
// A window that ended at or before the store's first recorded close (`historyStart`) is left out: nothing
// was recorded then, so its zero is no evidence (an export's history starts somewhere).

export const RUN_RATE_WINDOWS = 3;

export interface CreatedWonDeal {
  /** the group the deal counts in (rep, product or 'all') and its label */
  key: string;
  label: string;
  createdAt: number;
  closedAt: number;
  valueMinor: number;
}

export interface NewPipeline {
  /** per window, newest first: [start of the won window, its end) and the value per group key */
  windows: { from: number; to: number; byKey: Map<string, number>; totalMinor: number; deals: number }[];
  /** the earliest instant a won deal is read from */
  since: number;
  labels: Map<string, string>;
}

/** The instants the run rate reads won deals over: [since, asOf). */
export function newPipelineSpan(asOf: number, window: { a: number; b: number }, count = RUN_RATE_WINDOWS): { since: number; until: number } {
  const length = window.b - window.a;
  return { since: asOf - window.b - (count - 1) * length + window.a, until: asOf };
}

export function newPipelineRunRate(won: readonly CreatedWonDeal[], asOf: number, window: { a: number; b: number }, historyStart = -Infinity, count = RUN_RATE_WINDOWS): NewPipeline {
  const length = window.b - window.a;
  const windows: NewPipeline['windows'] = [];
  const labels = new Map(won.map((d) => [d.key, d.label]));
  if (length <= 0) return { windows, since: asOf, labels };
  for (let i = 0; i < count; i++) {
    const t = asOf - window.b - i * length;
    const from = t + window.a;
    const to = t + window.b;
    if (to <= historyStart) break;
    const byKey = new Map<string, number>();
    let totalMinor = 0;
    let deals = 0;
    for (const d of won) {
      if (d.createdAt < t || d.closedAt < from || d.closedAt >= to) continue;
      byKey.set(d.key, (byKey.get(d.key) ?? 0) + d.valueMinor);
      totalMinor += d.valueMinor;
      deals++;
    }
    windows.push({ from, to, byKey, totalMinor, deals });
  }
  return { windows, since: newPipelineSpan(asOf, window, count).since, labels };
}

/** The mean over windows of one group's value (or of the total). */
export function newPipelineMean(np: NewPipeline, key?: string): number {
  if (np.windows.length === 0) return 0;
  const sum = np.windows.reduce((s, w) => s + (key === undefined ? w.totalMinor : (w.byKey.get(key) ?? 0)), 0);
  return sum / np.windows.length;
}
