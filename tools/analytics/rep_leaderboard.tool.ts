import { z } from 'zod';
import { INTERACTION_TYPES } from '../../core/domain.ts';
import { activityCounts, repQuotas } from '../../db/repos/analytics-reps.ts';
import { closedDealsWithCreation } from '../../db/repos/analytics-revenue.ts';
import { closedDeals } from '../../db/repos/win-loss.ts';
import { evidenceList, isoDateTime, money, percent } from '../core/schemas.ts';
import { currencyField, formatMoney, moneyOf } from '../opportunities/opportunity-shared.ts';
import { defineTool } from '../registry.ts';
import { buildLeaderboard, RANK_METRICS, topAndBottom, type Place, type RankMetric, type RepLine } from './leaderboard.ts';
import { isoDay, parsePeriod, periodInput, type Period } from './period.ts';
import { previousPeriod } from './period.ts';
import { attainmentField, periodOf, periodOutput, resolveReportFilters, round1, trendOf, trendOutput } from './revenue-common.ts';

const EVIDENCE_CAP = 10;

const activityFields = Object.fromEntries(INTERACTION_TYPES.map((t) => [t, z.number().int().describe(`${t} interactions logged`)])) as Record<
  (typeof INTERACTION_TYPES)[number],
  z.ZodNumber
>;

const performer = z
  .object({
    repId: z.string().describe('the rep\'s user id'),
    name: z.string().describe('the rep'),
    metric: z.enum(RANK_METRICS).describe('the metric ranked on'),
    value: z.number().describe('their value of it (money in minor units, rates in percent, cycle in days)'),
    text: z.string().describe('the finding in words'),
  })
  .describe('a rep named for their place in the ranking');

const repRow = z
  .object({
    rank: z.number().int().nullable().describe('1 = best on the chosen metric; ties share a rank; null when the rep has no value for it'),
    repId: z.string().describe('the rep\'s user id'),
    name: z.string().describe('the rep'),
    team: z.string().nullable().describe('their team'),
    wonRevenue: money.describe('value of the deals they won in the period, in the report currency'),
    dealsWon: z.number().int().describe('deals won in the period (every currency)'),
    dealsLost: z.number().int().describe('deals lost in the period (every currency)'),
    winRate: percent.nullable().describe('won / (won + lost); null with nothing closed'),
    averageDealSize: money.nullable().describe('mean value of their won deals in the report currency; null with none'),
    averageCycleDays: z.number().nullable().describe('mean days from creation to close of their won deals; null with none'),
    activities: z.object({ ...activityFields, total: z.number().int().describe('all interactions logged') }).describe('interactions they logged in the period, by type'),
    quota: money.nullable().describe('their quarterly quota pro-rated to the period; null without one'),
    attainment: attainmentField,
    trend: z
      .object({
        revenue: trendOutput,
        previousWinRate: percent.nullable().describe('win rate in the previous period; null with nothing closed then'),
        winRateChangePoints: z.number().nullable().describe('win rate now minus then, in points; null when either is unknown'),
      })
      .describe('against the previous period of the same length'),
  })
  .describe('one rep\'s line on the leaderboard');

const VALUE_TEXT: Record<RankMetric, (l: RepLine, currency: string) => string> = {
  revenue: (l, c) => `${formatMoney(l.wonRevenueMinor, c)} won`,
  win_rate: (l) => `a ${l.winRate}% win rate (${l.dealsWon} of ${l.dealsWon + l.dealsLost})`,
  deal_size: (l, c) => `an average won deal of ${formatMoney(l.averageDealSizeMinor ?? 0, c)}`,
  cycle_length: (l) => `an average cycle of ${l.averageCycleDays} days`,
  activities: (l) => `${l.activities.total} interactions logged`,
  attainment: (l) => `${l.attainment}% of quota`,
  deals_won: (l) => `${l.dealsWon} deals won`,
};

export const repLeaderboard = defineTool({
  name: 'rep_leaderboard',
  description:
    'Reps ranked for a period on revenue, win rate, deal size, cycle length, activity, quota attainment or deals won, each rep with all of those figures, their trend against the previous period, and the top and bottom performers named. Every rep in scope appears, with zeros when they closed nothing. A rep sees only themselves, a manager their team.',
  input: z.object({
    period: periodInput.default('this_quarter'),
    rankBy: z.enum(RANK_METRICS).default('revenue').describe('the metric to rank on (cycle_length: shorter is better)'),
    team: z.string().trim().min(1).optional().describe('only this team\'s reps (team id or name)'),
    currency: currencyField.default('USD').describe('currency revenue and deal size are summed in (other deals count in rates and cycles only)'),
    limit: z.number().int().min(1).max(100).default(50).describe('how many reps to list (1-100); top and bottom are over all of them'),
  }),
  output: z.object({
    period: periodOutput,
    previousPeriod: periodOutput.describe('the period the trend compares against'),
    asOf: isoDateTime.describe('deals and interactions up to this instant count'),
    currency: z.string().describe('currency of every amount'),
    rankBy: z.enum(RANK_METRICS).describe('the metric ranked on'),
    reps: z.array(repRow).describe('the reps in rank order, reps without a value last'),
    repsTotal: z.number().int().describe('reps in scope before the limit'),
    top: performer.nullable().describe('the best performer; null with fewer than two reps to compare or when all tie'),
    bottom: performer.nullable().describe('the weakest performer; null with fewer than two reps to compare or when all tie'),
    notes: z.array(z.string()).describe('definitions and caveats behind the figures'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Rep leaderboard', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const period = parsePeriod(input.period, ctx.now);
    const previous = previousPeriod(period);
    const currency = input.currency.toUpperCase();
    const { team } = await resolveReportFilters(ctx, { team: input.team });
    const teamFilter = team ? { teamId: team.id } : {};
    const cap = (p: Period) => ({ from: p.start, toExclusive: new Date(Math.min(p.end.getTime(), ctx.now.getTime() + 1)) });
    const [reps, current, before, activities] = await Promise.all([
      repQuotas(ctx.db, ctx.scope, teamFilter),
      closedDealsWithCreation(ctx.db, ctx.scope, { ...cap(period), ...teamFilter }),
      closedDeals(ctx.db, ctx.scope, { ...cap(previous), ...teamFilter }),
      activityCounts(ctx.db, ctx.scope, cap(period)),
    ]);
    const lines = buildLeaderboard({ reps, current, previous: before, activities, granularity: period.granularity, currency, rankBy: input.rankBy });
    const { top, bottom } = topAndBottom(lines);
    const named = (p: Place | null, place: string) =>
      p === null || p.line.metricValue === null
        ? null
        : {
            repId: p.line.repId,
            name: p.line.name,
            metric: input.rankBy,
            value: p.line.metricValue,
            text: `${place}: ${p.line.name} with ${VALUE_TEXT[input.rankBy](p.line, currency)}${p.tied > 0 ? ` (tied with ${p.tied} other rep(s))` : ''}`,
          };

    const biggestWin = new Map<string, (typeof current)[number]>();
    for (const d of current) {
      const best = biggestWin.get(d.ownerId);
      if (d.outcome === 'won' && d.currency.trim().toUpperCase() === currency && (!best || d.valueMinor > best.valueMinor)) biggestWin.set(d.ownerId, d);
    }
    const evidence = lines.flatMap((l) => {
      const d = biggestWin.get(l.repId);
      return d ? [{ sourceId: d.id, kind: 'opportunity', date: d.closedAt.toISOString(), quote: `${l.name}'s largest win: ${d.name} (${d.account}) for ${formatMoney(d.valueMinor, d.currency)} on ${isoDay(d.closedAt)}` }] : [];
    }).slice(0, EVIDENCE_CAP);

    const notes = [
      'Won revenue and deal size count won deals by close date in the report currency; win rate = won / (won + lost) and cycle (creation to close, won deals only) count every currency.',
      'Activities are the interactions each rep logged (their user on the interaction) in the period.',
      'Quota = the rep\'s quarterly quota pro-rated to the period (a month = quota / 3, a year = quota x 4); attainment = won revenue / quota.',
      `Trend compares with ${previous.label}.`,
      ...(ctx.now < period.end ? [`${period.label} is still running: figures are to date.`] : []),
      ...(ctx.actor.role === 'rep' ? ['As a rep you see your own line only.'] : []),
      ...(top === null ? ['No top or bottom performer is named: fewer than two reps have a value, or all tie.'] : []),
      ...(lines.some((l) => l.dealsWon + l.dealsLost > 0 && l.dealsWon + l.dealsLost < 5) ? ['Win rates over fewer than 5 closed deals say little.'] : []),
    ];
    return {
      period: periodOf(period),
      previousPeriod: periodOf(previous),
      asOf: ctx.now.toISOString(),
      currency,
      rankBy: input.rankBy,
      reps: lines.slice(0, input.limit).map((l) => ({
        rank: l.rank,
        repId: l.repId,
        name: l.name,
        team: l.team,
        wonRevenue: moneyOf(l.wonRevenueMinor, currency),
        dealsWon: l.dealsWon,
        dealsLost: l.dealsLost,
        winRate: l.winRate,
        averageDealSize: l.averageDealSizeMinor === null ? null : moneyOf(l.averageDealSizeMinor, currency),
        averageCycleDays: l.averageCycleDays,
        activities: l.activities,
        quota: l.quotaMinor === null ? null : moneyOf(l.quotaMinor, currency),
        attainment: l.attainment,
        trend: {
          revenue: trendOf(l.wonRevenueMinor, l.previousRevenueMinor, currency),
          previousWinRate: l.previousWinRate,
          winRateChangePoints: l.winRate === null || l.previousWinRate === null ? null : round1(l.winRate - l.previousWinRate),
        },
      })),
      repsTotal: lines.length,
      top: named(top, 'Top'),
      bottom: named(bottom, 'Bottom'),
      notes,
      evidence,
    };
  },
});
