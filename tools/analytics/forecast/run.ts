import { closeDateObservations, forecastOpenDeals, forecastProducts, forecastReps, wonDealsBetween, type ForecastFilters } from '../../../db/repos/forecast.ts';
import { dealTimelinesBefore } from '../../../db/repos/forecast-history.ts';
import { stageOutcomeCounts } from '../../../db/repos/pipeline.ts';
import type { ToolContext } from '../../core/context.ts';
import { resolveProduct, resolveTeam, resolveUser } from '../../core/resolve.ts';
import type { Match } from '../../../db/repos/resolve.ts';
import { computeForecast, type ForecastDeal, type ForecastResult, type GroupRef } from './compute.ts';
import { estimateNotes, fitEstimates, mostlyUndated, runRateSpan } from './estimates.ts';
import { formatForecast } from './format.ts';
import { dealProbabilities } from './probability.ts';
import { fitTiming } from './timing.ts';
import type { ForecastInput, ForecastOutput } from './schema.ts';
import { parsePeriod, type Period } from '../period.ts';

// Loads what a forecast needs (only deals the caller may see), computes it and shapes the output.
// Shared by forecast (read) and forecast_snapshot (which stores the same numbers).

export interface ForecastRun {
  output: ForecastOutput;
  result: ForecastResult;
  period: Period;
  filters: { owner?: Match; team?: Match; product?: Match };
}

export async function runForecast(input: ForecastInput, ctx: ToolContext): Promise<ForecastRun> {
  const period = parsePeriod(input.period, ctx.now, 'period');
  const currency = input.currency.toUpperCase();
  const [owner, team, product] = await Promise.all([
    input.owner ? resolveUser(ctx, input.owner) : undefined,
    input.team ? resolveTeam(ctx, input.team) : undefined,
    input.product ? resolveProduct(ctx, input.product) : undefined,
  ]);
  const filters: ForecastFilters = { ...(owner ? { ownerId: owner.id } : {}), ...(team ? { teamId: team.id } : {}), ...(product ? { productId: product.id } : {}) };
  const wonUntil = new Date(Math.min(period.end.getTime(), ctx.now.getTime()));
  const span = runRateSpan(period, ctx.now);

  const [openRows, wonRows, observations, known, winRates, timelines, wonHistory] = await Promise.all([
    forecastOpenDeals(ctx.db, ctx.scope, { ...filters, createdBefore: ctx.now }),
    wonDealsBetween(ctx.db, ctx.scope, period.start, wonUntil, filters),
    closeDateObservations(ctx.db, ctx.now),
    knownGroups(ctx, input.groupBy, filters),
    stageOutcomeCounts(ctx.db, ctx.now),
    // also what undated deals are placed by (their age), whichever close-date treatment is asked for
    dealTimelinesBefore(ctx.db, ctx.now),
    span ? wonDealsBetween(ctx.db, ctx.scope, span.since, span.until, filters) : [],
  ]);
  const open = openRows.filter((d) => d.currency.trim().toUpperCase() === currency);
  const won = wonRows.filter((d) => d.currency.trim().toUpperCase() === currency);
  const { byId, model } = await dealProbabilities(ctx, open, input.probabilitySource, winRates);

  const deals: ForecastDeal[] = open.map((d) => {
    const p = byId.get(d.id) ?? { p: null, source: 'none' as const };
    return { ...d, probability: p.p, probabilitySource: p.source };
  });
  const timing = fitTiming({ method: input.closeDates, asOf: ctx.now, period, currency, observations, winRates, ...(input.closeDates === 'calibrated' ? { timelines } : {}) });
  const estimates = fitEstimates({ period, asOf: ctx.now, currency, groupBy: input.groupBy, timelines, wonHistory, trackRecord: mostlyUndated(open) });
  const result = computeForecast({
    period,
    asOf: ctx.now,
    groupBy: input.groupBy,
    open: deals,
    won,
    closeModel: timing.closeModel,
    ...(timing.conversion ? { conversion: timing.conversion } : {}),
    ...estimates,
    knownGroups: known,
    runs: input.simulations,
    seed: input.seed,
  });

  const notes: string[] = [];
  if (period.end.getTime() <= ctx.now.getTime()) notes.push(`${period.label} has ended: the forecast is what was won in it (open deals can no longer close inside it)`);
  if (period.start.getTime() > ctx.now.getTime()) notes.push(`${period.label} has not started: nothing is won in it yet`);
  if (ctx.scope.kind === 'owners' && ctx.actor.role === 'rep') notes.push('you see your own deals only: this is your forecast');
  if (owner && ctx.scope.kind === 'owners' && !ctx.scope.userIds.includes(owner.id)) notes.push(`${owner.label}'s deals are outside what you may see, so they count as none`);
  notes.push(...estimateNotes(result, estimates, currency));
  if (result.unplaced > 0) notes.push(`${result.unplaced} open deal(s) have no probability, or no expected close date and no history to place one, and are left out`);
  if (input.closeDates === 'calibrated' && !timing.conversion && period.end.getTime() > ctx.now.getTime()) notes.push('too little history to calibrate: the slip distribution is used instead');
  if (!timing.conversion && timing.closeModel.source === 'none') notes.push('no won deals with close-date history yet: the simulation takes every expected close date as exact');
  if (timing.conversion && input.probabilitySource === 'model') notes.push('the calibration was learned on recorded probabilities and is applied to the model\'s');
  if (input.probabilitySource === 'model' && model) {
    notes.push(`win probabilities from the model fitted on ${model.closedDeals} deals closed before ${model.asOf.slice(0, 10)} (${model.cached ? 'cached' : `fitted in ${model.fitMs} ms`})`);
  }
  if (open.length === 0 && won.length === 0) notes.push('no open or won deals match: every figure is zero');

  const output = formatForecast({
    period,
    asOf: ctx.now,
    currency,
    input,
    result,
    closeNote: timing.note,
    otherCurrencyDeals: openRows.length - open.length + (wonRows.length - won.length),
    notes,
  });
  return { output, result, period, filters: { ...(owner ? { owner } : {}), ...(team ? { team } : {}), ...(product ? { product } : {}) } };
}

/** The rows a grouped forecast shows even with no deals: every rep in scope (and filter), or every product. */
async function knownGroups(ctx: ToolContext, groupBy: ForecastInput['groupBy'], f: ForecastFilters): Promise<GroupRef[]> {
  if (groupBy === 'rep') {
    const reps = await forecastReps(ctx.db, ctx.scope, { ...(f.teamId ? { teamId: f.teamId } : {}), ...(f.ownerId ? { userId: f.ownerId } : {}) });
    return reps.map((r) => ({ key: r.id, label: r.fullName }));
  }
  if (groupBy === 'product') {
    const products = await forecastProducts(ctx.db, f.productId ? { productId: f.productId } : {});
    return products.map((p) => ({ key: p.id, label: p.name }));
  }
  return [];
}
