import { z } from 'zod';
import { wonDealsBetween } from '../../db/repos/forecast.ts';
import { listForecastSnapshots } from '../../db/repos/forecast-snapshots.ts';
import { evidenceList, isoDate, isoDateTime, money, pageInput, pageOutput, pct } from '../core/schemas.ts';
import { currencyField, formatMoney, moneyOf } from '../opportunities/opportunity-shared.ts';
import { defineTool } from '../registry.ts';
import { paramsOf, periodEnded, scoreSnapshot, summarize, type AccuracyRow, type AccuracySummary } from './forecast/accuracy.ts';
import { isoDay, parsePeriod, periodInput } from './period.ts';

const SNAPSHOT_CAP = 2000;
const EVIDENCE_DEALS = 10;

const unboundedPercent = z.number().describe('a percentage with one decimal (may exceed 100)');
const summary = z
  .object({
    evaluated: z.number().int().describe('snapshot rows whose period has ended, compared with what closed'),
    mape: unboundedPercent.nullable().describe('mean absolute percentage error of P50 vs actual, over rows with actual > 0; null without such rows'),
    mapeSample: z.number().int().describe('rows behind MAPE (actual > 0)'),
    meanError: money.nullable().describe('mean of P50 - actual; positive = forecasts ran high'),
    meanPercentError: z.number().nullable().describe('mean signed percentage error (P50 - actual) / actual x 100 over rows with actual > 0'),
    bias: z.enum(['over', 'under', 'exact']).nullable().describe('sign of the mean error: over = forecasts too high, under = too low'),
    coverage: z.number().min(0).max(100).nullable().describe('percent of rows whose actual fell inside [P10, P90] (80 is well calibrated)'),
    inside: z.number().int().describe('rows with actual inside [P10, P90]'),
    over: z.number().int().describe('rows where P50 was above actual'),
    under: z.number().int().describe('rows where P50 was below actual'),
  })
  .describe('accuracy over a set of snapshot rows');

const row = z
  .object({
    snapshotId: z.string().describe('snapshot row id'),
    runId: z.string().describe('the forecast run it belongs to'),
    period: z.string().describe('period label, e.g. 2026-05'),
    groupBy: z.string().describe('total, rep or product'),
    groupKey: z.string().describe('"all", the rep\'s id or the product\'s id'),
    group: z.string().describe('the group\'s name when the snapshot was taken'),
    asOf: isoDateTime.describe('when the forecast was made'),
    p10: money.describe('forecast worst case'),
    p50: money.describe('forecast most likely'),
    p90: money.describe('forecast best case'),
    actual: money.describe('revenue won in the period, same filters and group'),
    actualDeals: z.number().int().describe('deals won in the period behind actual'),
    error: money.describe('P50 - actual'),
    absolutePercentError: unboundedPercent.nullable().describe('|P50 - actual| / actual x 100; null when actual is 0'),
    bias: z.enum(['over', 'under', 'exact']).describe('over = forecast above actual'),
    inInterval: z.boolean().describe('true when P10 <= actual <= P90'),
    note: z.string().nullable().describe('why a figure is missing, if one is'),
  })
  .describe('one snapshot row against what closed');

export const forecastAccuracy = defineTool({
  name: 'forecast_accuracy',
  description:
    'Earlier forecast snapshots (forecast_snapshot) against what actually closed: for every snapshot whose period has ended, the revenue won in it (same filters and grouping), the error of the P50, absolute percentage error, bias (over/under) and whether the actual fell inside [P10, P90]; with MAPE, mean bias and interval coverage overall and per period. Snapshots you can see: your own, your team\'s (manager), all (exec/admin).',
  input: z.object({
    period: periodInput.optional().describe('only snapshots of this period, e.g. "2026-05", last_quarter (default: every period)'),
    groupBy: z.enum(['total', 'rep', 'product']).default('total').describe('which snapshot rows to score: the totals, or the per-rep or per-product rows'),
    runId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a run id (uuid)').optional().describe('only this snapshot run'),
    currency: currencyField.default('USD').describe('only snapshots in this currency'),
    ...pageInput,
  }),
  output: z.object({
    asOf: isoDateTime.describe('the instant actuals are read at; periods not ended by then are pending'),
    currency: z.string().describe('currency of every amount'),
    groupBy: z.string().describe('which rows were scored'),
    pending: z.number().int().describe('matching snapshot rows whose period has not ended yet (not scored)'),
    overall: summary.describe('accuracy over every scored row'),
    periods: z
      .array(summary.extend({ period: z.string().describe('period label'), start: isoDate.describe('first day'), end: isoDate.describe('first day after') }).describe('accuracy of one period'))
      .describe('accuracy per period, newest first'),
    rows: z.array(row).describe('scored snapshot rows, newest period and run first'),
    page: pageOutput,
    notes: z.array(z.string().describe('a caveat')).describe('caveats'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Forecast accuracy', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const currency = input.currency.toUpperCase();
    const period = input.period ? parsePeriod(input.period, ctx.now, 'period') : undefined;
    const snapshots = await listForecastSnapshots(
      ctx.db,
      ctx.scope,
      { groupBy: input.groupBy, currency, ...(input.runId ? { runId: input.runId } : {}), ...(period ? { periodStart: isoDay(period.start), periodEnd: isoDay(period.end) } : {}) },
      SNAPSHOT_CAP,
    );
    const ended = snapshots.filter((s) => periodEnded(s, ctx.now));
    const spans = new Map<string, { start: string; end: string; label: string }>();
    for (const s of ended) spans.set(`${s.periodStart}|${s.periodEnd}`, { start: s.periodStart, end: s.periodEnd, label: s.periodLabel });
    const won = new Map(
      await Promise.all(
        [...spans].map(async ([key, span]) => [key, await wonDealsBetween(ctx.db, ctx.scope, new Date(`${span.start}T00:00:00Z`), new Date(`${span.end}T00:00:00Z`))] as const),
      ),
    );
    const scored = ended.map((s) => scoreSnapshot(s, won.get(`${s.periodStart}|${s.periodEnd}`) ?? []));
    const page = scored.slice(input.offset, input.offset + input.limit);

    const notes: string[] = [];
    if (snapshots.length === 0) notes.push('no forecast snapshots match: take one with forecast_snapshot, then ask again after its period ends');
    if (snapshots.length >= SNAPSHOT_CAP) notes.push(`only the newest ${SNAPSHOT_CAP} snapshot rows were read; narrow by period or runId`);
    const zero = scored.filter((r) => r.ape === null).length;
    if (zero > 0) notes.push(`${zero} row(s) had nothing won in the period: no percentage error for them (they still count in bias and coverage)`);
    if (scored.length > 0 && ctx.scope.kind === 'owners') notes.push('actuals count only deals you may see');

    return {
      asOf: ctx.now.toISOString(),
      currency,
      groupBy: input.groupBy,
      pending: snapshots.length - ended.length,
      overall: summaryOutput(summarize(scored), currency),
      periods: [...spans.values()].map((span) => ({
        period: span.label,
        start: span.start,
        end: span.end,
        ...summaryOutput(summarize(scored.filter((r) => r.snapshot.periodStart === span.start && r.snapshot.periodEnd === span.end)), currency),
      })),
      rows: page.map((r) => rowOutput(r, currency)),
      page: { total: scored.length, limit: input.limit, offset: input.offset, hasMore: input.offset + page.length < scored.length },
      notes,
      evidence: page.flatMap((r) => evidenceOf(r, currency)).slice(0, EVIDENCE_DEALS + page.length),
    };
  },
});

function summaryOutput(s: AccuracySummary, currency: string) {
  const p = (x: number | null) => (x === null ? null : pct(x));
  return {
    evaluated: s.evaluated,
    mape: p(s.mape),
    mapeSample: s.mapeSample,
    meanError: s.meanErrorMinor === null ? null : moneyOf(s.meanErrorMinor, currency),
    meanPercentError: p(s.meanPercentError),
    bias: s.bias,
    coverage: p(s.coverage),
    inside: s.inside,
    over: s.over,
    under: s.under,
  };
}

function rowOutput(r: AccuracyRow, currency: string) {
  const s = r.snapshot;
  const m = (minor: number) => moneyOf(minor, currency);
  return {
    snapshotId: s.id,
    runId: s.runId,
    period: s.periodLabel,
    groupBy: s.groupBy,
    groupKey: s.groupKey,
    group: paramsOf(s).groupLabel ?? s.groupKey,
    asOf: s.asOf.toISOString(),
    p10: m(s.p10Minor),
    p50: m(s.p50Minor),
    p90: m(s.p90Minor),
    actual: m(r.actualMinor),
    actualDeals: r.actualDeals.length,
    error: m(r.errorMinor),
    absolutePercentError: r.ape === null ? null : pct(r.ape),
    bias: r.bias,
    inInterval: r.inInterval,
    note: r.ape === null ? 'nothing was won in the period: no percentage error' : null,
  };
}

function evidenceOf(r: AccuracyRow, currency: string) {
  const s = r.snapshot;
  return [
    {
      sourceId: s.id,
      kind: 'forecast_snapshot',
      date: s.asOf.toISOString(),
      quote: `${s.periodLabel} ${paramsOf(s).groupLabel ?? s.groupKey}: P10 ${formatMoney(s.p10Minor, currency)}, P50 ${formatMoney(s.p50Minor, currency)}, P90 ${formatMoney(s.p90Minor, currency)} forecast on ${isoDay(s.asOf)}; actual ${formatMoney(r.actualMinor, currency)}`,
    },
    ...r.actualDeals.slice(0, 3).map((d) => ({
      sourceId: d.id,
      kind: 'opportunity',
      date: d.closedAt.toISOString(),
      quote: `${d.name} (${d.account}, ${d.ownerName}): won ${formatMoney(d.valueMinor, currency)} on ${isoDay(d.closedAt)}`,
    })),
  ];
}
