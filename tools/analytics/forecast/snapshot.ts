import { createHash } from 'node:crypto';
import type { NewForecastSnapshot } from '../../../db/repos/forecast-snapshots.ts';
import type { ToolContext } from '../../core/context.ts';
import type { GroupForecast } from './compute.ts';
import type { ForecastRun } from './run.ts';
import type { ForecastInput } from './schema.ts';
import { isoDay } from '../period.ts';

// What a forecast snapshot stores: one row for the total and one per group, all under one run id.
// The run id is derived from who asked, when (ctx.now) and what (period, grouping, filters, currency,
// probability source, close-date method, runs, seed), so asking again at the same instant finds the stored run instead of
// writing it twice. The params keep what forecast_accuracy needs to compare like with like later: the
// filters and the owners the caller could see when the snapshot was taken, and how it was computed.

export interface SnapshotParams extends Record<string, unknown> {
  groupLabel: string;
  filters: { ownerId?: string; teamId?: string; productId?: string };
  filterLabels: string[];
  /** 'all', or the owner ids the caller could see */
  scope: 'all' | string[];
  probabilitySource: ForecastInput['probabilitySource'];
  /** the method actually used (calibrated falls back to slips with too little history) */
  closeDates: 'calibrated' | 'slips';
  expectedMinor: number;
  wonDeals: number;
  commitDeals: number;
  expectedDeals: number;
  simulatedDeals: number;
}

export function snapshotRunId(input: ForecastInput, run: ForecastRun, ctx: ToolContext): string {
  const key = JSON.stringify({
    by: ctx.actor.userId,
    asOf: ctx.now.toISOString(),
    period: run.period.label,
    groupBy: input.groupBy,
    owner: run.filters.owner?.id ?? null,
    team: run.filters.team?.id ?? null,
    product: run.filters.product?.id ?? null,
    currency: input.currency.toUpperCase(),
    probabilitySource: input.probabilitySource,
    closeDates: input.closeDates,
    simulations: input.simulations,
    seed: input.seed,
  });
  const h = createHash('sha256').update(key).digest('hex');
  // shaped as a version-5-style UUID (name-based), so the uuid column takes it
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function snapshotRows(input: ForecastInput, run: ForecastRun, ctx: ToolContext, runId: string): NewForecastSnapshot[] {
  const { period, result, filters } = run;
  const currency = input.currency.toUpperCase();
  const row = (groupBy: string, g: GroupForecast): NewForecastSnapshot => {
    const params: SnapshotParams = {
      groupLabel: g.label,
      filters: { ...(filters.owner ? { ownerId: filters.owner.id } : {}), ...(filters.team ? { teamId: filters.team.id } : {}), ...(filters.product ? { productId: filters.product.id } : {}) },
      filterLabels: [filters.owner?.label, filters.team?.label, filters.product?.label].filter((l): l is string => l !== undefined),
      scope: ctx.scope.kind === 'all' ? 'all' : [...ctx.scope.userIds].sort(),
      probabilitySource: input.probabilitySource,
      closeDates: run.output.simulation.closeDates.method,
      expectedMinor: Math.round(g.expectedMinor),
      wonDeals: g.won.length,
      commitDeals: g.commitDeals,
      expectedDeals: g.expectedDeals,
      simulatedDeals: g.simulatedDeals,
    };
    return {
      runId,
      periodStart: isoDay(period.start),
      periodEnd: isoDay(period.end),
      periodLabel: period.label,
      groupBy,
      groupKey: g.key,
      wonMinor: Math.round(g.wonMinor),
      commitMinor: Math.round(g.commitMinor),
      weightedMinor: Math.round(g.weightedMinor),
      p10Minor: Math.round(g.p10Minor),
      p50Minor: Math.round(g.p50Minor),
      p90Minor: Math.round(g.p90Minor),
      currency,
      simulations: input.simulations,
      seed: input.seed,
      asOf: ctx.now,
      params,
      createdById: ctx.actor.userId,
    };
  };
  return [row('total', result.total), ...(input.groupBy === 'total' ? [] : result.groups.map((g) => row(input.groupBy, g)))];
}
