import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import type { Embedder } from '../../core/embeddings/index.ts';
import { auc, baseRateBrier, brier, reliabilityTable, type Prediction, type ReliabilityBin } from '../../core/stats/metrics.ts';
import { openStore, type Executor } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { dealsOpenAt } from '../../db/repos/opportunity-history.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { openDealFactsAt } from '../../tools/opportunities/opportunity-win-history.ts';
import { fitStoreWinModel } from '../../tools/opportunities/opportunity-win-model.ts';
import type { InnerReplayOptions } from '../../tools/opportunities/opportunity-win-replay.ts';
import { predictWithSearch, type WinModelOptions } from '../../tools/opportunities/win-probability/model.ts';
import { priorFor } from '../../tools/opportunities/win-probability/history.ts';

// Win probability on the demo org, replayed month by month. For each of the 12 months before now, as of
// the 1st of the month at 00:00 UTC: the model is fitted exactly as opportunity_win_probability fits it
// (fitStoreWinModel: deals closed, stage moves and touches dated before that instant), and every deal open
// that day whose outcome is known by now is scored as it stood that day (stage, days in stage, days since
// the last touch, all from rows dated before it). Neighbours come from the fit's exact in-memory search
// over the deals closed before that day (the tool asks pgvector for the same thing; the seed leaves
// opportunity_embeddings to the runtime's refresh). Baseline: the stage prior alone (the smoothed win rate
// of closed deals that reached the deal's stage), the number pipeline tools fall back to.
// Training rows are the tool's default (DEFAULT_SAMPLING: closed deals as they stood every 14 days while open).
// Caveat: profile facts (product, account, owner, competitors) are read as they are now, not as they were.

export const name = 'win-probability demo org (monthly as-of replay)';
export const DEMO_NOW = new Date('2026-06-15T12:00:00Z');
const SEED = 42;
const MONTHS = 12;

export interface MonthResult {
  asOf: string;
  closedBefore: number;
  n: number;
  wins: number;
  auc: number;
  brier: number;
  baseRateBrier: number;
  stageAuc: number;
  stageBrier: number;
  fitMs: number;
  /** the inner replay behind the last calibration step: deal-days, censored, and the map (a, b) */
  replay?: { points: number; censored: number; a: number; b: number };
}

export interface WinBacktestResult {
  months: MonthResult[];
  pooled: { n: number; wins: number; auc: number; brier: number; baseRateBrier: number; stageAuc: number; stageBrier: number; unmappedAuc: number; unmappedBrier: number };
  reliability: ReliabilityBin[];
  /** the same fits without the replay map (the model before it): what the map changed */
  unmappedReliability: ReliabilityBin[];
  stageReliability: ReliabilityBin[];
}

/** The first instant of each of the `count` months before `now`'s month, oldest first (the current month's 1st included). */
export function monthStarts(now: Date, count: number): Date[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1)));
}

export async function replay(
  ex: Executor,
  embedder: Embedder,
  now: Date,
  months = MONTHS,
  options: Partial<WinModelOptions> = {},
  sampling?: Parameters<typeof fitStoreWinModel>[4],
  /** the opt-in inner-replay map (fitStoreWinModel's `replay`); false: none, as the tool */
  inner: Partial<InnerReplayOptions> | false = false,
): Promise<WinBacktestResult> {
  const results: MonthResult[] = [];
  const model: Prediction[] = [];
  const unmapped: Prediction[] = [];
  const stage: Prediction[] = [];
  for (const asOf of monthStarts(now, months)) {
    const fitted = await fitStoreWinModel(ex, embedder, asOf, options, sampling, inner);
    const { replayCalibrator: map, ...withoutMap } = fitted.model;
    const open = (await dealsOpenAt(ex, asOf)).filter((d) => d.outcome !== null && d.closedAt !== null && d.closedAt.getTime() <= now.getTime());
    const m: Prediction[] = [];
    const s: Prediction[] = [];
    for (const record of open) {
      const facts = openDealFactsAt(record, fitted.timelines.get(record.id) ?? { stays: [], touches: [] }, asOf);
      const y = record.outcome === 'won';
      m.push({ p: predictWithSearch(fitted.model, facts, fitted.search).probability, y });
      unmapped.push({ p: predictWithSearch(withoutMap, facts, fitted.search).probability, y });
      s.push({ p: priorFor(fitted.model.priors, facts.stage).rate.rate, y });
    }
    model.push(...m);
    stage.push(...s);
    results.push({
      asOf: asOf.toISOString().slice(0, 10),
      closedBefore: fitted.history.length,
      n: m.length,
      wins: m.filter((p) => p.y).length,
      auc: auc(m),
      brier: brier(m),
      baseRateBrier: baseRateBrier(m),
      stageAuc: auc(s),
      stageBrier: brier(s),
      fitMs: fitted.fitMs,
      ...(fitted.model.training.replay
        ? { replay: { points: fitted.model.training.replay.points, censored: fitted.model.training.replay.censored, a: map?.a ?? 1, b: map?.b ?? 0 } }
        : {}),
    });
  }
  return {
    months: results,
    pooled: {
      n: model.length,
      wins: model.filter((p) => p.y).length,
      auc: auc(model),
      brier: brier(model),
      baseRateBrier: baseRateBrier(model),
      stageAuc: auc(stage),
      stageBrier: brier(stage),
      unmappedAuc: auc(unmapped),
      unmappedBrier: brier(unmapped),
    },
    reliability: reliabilityTable(model),
    unmappedReliability: reliabilityTable(unmapped),
    stageReliability: reliabilityTable(stage),
  };
}

export function report(r: WinBacktestResult): string {
  const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
  const pad = (s: string | number, w: number) => String(s).padStart(w);
  const lines = [
    `demo org (seed ${SEED}, scale 1, now ${DEMO_NOW.toISOString()}); deals open on each 1st whose outcome is known by now`,
    `${'as of'.padEnd(10)} ${pad('closed', 6)} ${pad('n', 4)} ${pad('won', 4)} | ${pad('AUC', 6)} ${pad('Brier', 6)} ${pad('base', 6)} | ${pad('stage AUC', 9)} ${pad('Brier', 6)} | ${pad('fit ms', 6)} | replay: deal-days censored map a, b`,
    ...r.months.map(
      (m) =>
        `${m.asOf} ${pad(m.closedBefore, 6)} ${pad(m.n, 4)} ${pad(m.wins, 4)} | ${pad(f3(m.auc), 6)} ${pad(f3(m.brier), 6)} ${pad(f3(m.baseRateBrier), 6)} | ${pad(f3(m.stageAuc), 9)} ${pad(f3(m.stageBrier), 6)} | ${pad(m.fitMs, 6)} | ${m.replay ? `${pad(m.replay.points, 5)} ${pad(m.replay.censored, 4)} ${f3(m.replay.a)}, ${f3(m.replay.b)}` : '-'}`,
    ),
    `pooled (${r.pooled.n} deal-days, ${r.pooled.wins} won): model as the tool scores (no replay map) AUC ${f3(r.pooled.unmappedAuc)}, Brier ${f3(r.pooled.unmappedBrier)}; stage-only AUC ${f3(r.pooled.stageAuc)}, Brier ${f3(r.pooled.stageBrier)}; base-rate Brier ${f3(r.pooled.baseRateBrier)}`,
    `with the opt-in inner-replay map (same fits; the month rows above are with it when it was on): AUC ${f3(r.pooled.auc)}, Brier ${f3(r.pooled.brier)}`,
    'reliability (model with the replay map, when on): bin   n   mean predicted   observed',
    ...r.reliability.map((b) => `  ${b.from.toFixed(1)}-${b.to.toFixed(1)} ${pad(b.count, 4)}   ${b.meanPredicted.toFixed(3)}   ${b.observedRate.toFixed(3)}`),
    'reliability (model as the tool scores, no replay map): bin   n   mean predicted   observed',
    ...r.unmappedReliability.map((b) => `  ${b.from.toFixed(1)}-${b.to.toFixed(1)} ${pad(b.count, 4)}   ${b.meanPredicted.toFixed(3)}   ${b.observedRate.toFixed(3)}`),
    'reliability (stage only): bin   n   mean predicted   observed',
    ...r.stageReliability.map((b) => `  ${b.from.toFixed(1)}-${b.to.toFixed(1)} ${pad(b.count, 4)}   ${b.meanPredicted.toFixed(3)}   ${b.observedRate.toFixed(3)}`),
  ];
  return lines.join('\n');
}

export async function run(): Promise<string> {
  const store = await openStore({ kind: 'pglite' });
  try {
    await migrateStore(store);
    const embedder = createLocalEmbedder();
    await seedDemoOrg(store.db, { seed: SEED, scale: 1, now: DEMO_NOW, embedder });
    // with the opt-in inner-replay map, so the report shows the tool's default (no map) and the map side by side
    const result = await replay(store.db, embedder, DEMO_NOW, MONTHS, {}, undefined, {});
    const main = { text: report(result), ...result.pooled };
    // the alternative training sampling, for the record of why the tool uses as-of snapshots
    // (without the replay map on either side, which keeps this comparison as it was and the run shorter)
    const stays = (await replay(store.db, embedder, DEMO_NOW, MONTHS, {}, { kind: 'stays' }, false)).pooled;
    const f3 = (x: number) => x.toFixed(3);
    return `${main.text}\ntraining on one row per completed stage stay instead of 14-day as-of snapshots (both without the replay map): pooled AUC ${f3(stays.auc)} vs ${f3(main.unmappedAuc)}, Brier ${f3(stays.brier)} vs ${f3(main.unmappedBrier)}`;
  } finally {
    await store.close();
  }
}
