import { z } from 'zod';
import { ratio } from '../../core/stats/descriptive.ts';
import { inScope } from '../../db/repos/scope.ts';
import type { ToolContext } from '../core/context.ts';
import { notFound } from '../core/errors.ts';
import { resolveProduct, resolveTeam, resolveUser } from '../core/resolve.ts';
import { isoDate, money, pct } from '../core/schemas.ts';
import { moneyOf } from '../opportunities/opportunity-shared.ts';
import { isoDay, type Granularity, type Period } from './period.ts';

// What the revenue-facing reports (revenue_report, rep_leaderboard, pipeline_health) share: how a period is
// printed, how a quarterly quota becomes a target for a month, quarter or year, attainment and trend.

const DAY_MS = 86_400_000;

export const periodOutput = z
  .object({
    label: z.string().describe('the period, e.g. 2026-Q2 or 2026-05'),
    start: isoDate.describe('first day, inclusive'),
    end: isoDate.describe('last day, inclusive'),
  })
  .describe('a reporting period (UTC calendar boundaries)');

export const periodOf = (p: Pick<Period, 'label' | 'start' | 'end'>) => ({ label: p.label, start: isoDay(p.start), end: isoDay(new Date(p.end.getTime() - DAY_MS)) });

/** Days (fractional) from one instant to another; negative when `to` is earlier. */
export const daysFrom = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;

/** A number rounded to one decimal, or null. */
export const round1 = (value: number | null) => (value === null ? null : pct(value));

/** A share as a 0-100 percentage with one decimal, or null when the denominator is 0. */
export const percentOf = (numerator: number, denominator: number) => {
  const r = ratio(numerator, denominator);
  return r === null ? null : pct(r * 100);
};

// A month is a third of a quarter, a year four quarters.
const QUARTERS_IN: Record<Granularity, number> = { month: 1 / 3, quarter: 1, year: 4 };

export interface QuotaHolder {
  id: string;
  quarterlyQuotaMinor: number | null;
  currency: string;
}

export interface Target {
  /** the summed, pro-rated quota; null when no holder has a quota in the currency */
  amountMinor: number | null;
  /** holders whose quota is in the target */
  counted: number;
  withoutQuota: number;
  otherCurrency: number;
}

/** Sum of the holders' quarterly quotas in `currency`, pro-rated to a period of `granularity`. */
export function targetOf(holders: readonly QuotaHolder[], granularity: Granularity, currency: string): Target {
  let sum = 0;
  let counted = 0;
  let withoutQuota = 0;
  let otherCurrency = 0;
  for (const h of holders) {
    if (h.quarterlyQuotaMinor === null) withoutQuota++;
    else if (h.currency.trim().toUpperCase() !== currency) otherCurrency++;
    else {
      sum += h.quarterlyQuotaMinor;
      counted++;
    }
  }
  return { amountMinor: counted === 0 ? null : Math.round(sum * QUARTERS_IN[granularity]), counted, withoutQuota, otherCurrency };
}

/** won / target in percent (may exceed 100); null without a positive target. */
export const attainmentOf = (wonMinor: number, targetMinor: number | null) =>
  targetMinor === null || targetMinor <= 0 ? null : percentOf(wonMinor, targetMinor);

export const attainmentField = z
  .number()
  .min(0)
  .nullable()
  .describe('won / target in percent, one decimal (can exceed 100); null without a target');

export const trendOutput = z
  .object({
    previous: money.describe('the same figure in the previous period'),
    delta: money.describe('current minus previous'),
    changePct: z.number().nullable().describe('(current - previous) / previous in percent, one decimal; null when previous is 0'),
  })
  .describe('change against the previous period of the same length');

export function trendOf(currentMinor: number, previousMinor: number, currency: string) {
  const change = ratio(currentMinor - previousMinor, previousMinor);
  return {
    previous: moneyOf(previousMinor, currency),
    delta: moneyOf(currentMinor - previousMinor, currency),
    changePct: change === null ? null : pct(change * 100),
  };
}

/** Notes every quota-based figure needs when some reps' quotas could not be used. */
export function targetNotes(target: Target, currency: string): string[] {
  return [
    ...(target.withoutQuota > 0 ? [`${target.withoutQuota} rep(s) have no quota set and add nothing to the target`] : []),
    ...(target.otherCurrency > 0 ? [`${target.otherCurrency} rep(s) have a quota in another currency than ${currency}, left out of the target`] : []),
  ];
}

/** The owner / team / product filters every report takes, resolved; an owner outside the caller's scope is not found. */
export async function resolveReportFilters(ctx: ToolContext, input: { owner?: string | undefined; team?: string | undefined; product?: string | undefined }) {
  const [owner, team, product] = await Promise.all([
    input.owner ? resolveUser(ctx, input.owner) : undefined,
    input.team ? resolveTeam(ctx, input.team) : undefined,
    input.product ? resolveProduct(ctx, input.product) : undefined,
  ]);
  // a person outside the caller's scope is invisible, not a row of zeros
  if (owner && input.owner && !inScope(ctx.scope, owner.id)) throw notFound('user', input.owner);
  return { owner, team, product };
}
