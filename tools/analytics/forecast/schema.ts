import { z } from 'zod';
import { evidenceList, isoDate, isoDateTime, money, percent } from '../../core/schemas.ts';
import { currencyField } from '../../opportunities/opportunity-shared.ts';
import { periodInput } from '../period.ts';

// The input and output of forecast and forecast_snapshot (the same computation; the second stores it).

export const DEFAULT_SIMULATIONS = 10_000;
export const DEFAULT_SEED = 1;
export const GROUP_CAP = 50;
export const TOP_DEALS = 5;

export const forecastInput = {
  period: periodInput.default('this_quarter').describe('the month or quarter to forecast: "2026-07", "2026-Q3", this_month, next_quarter... (default this_quarter)'),
  groupBy: z.enum(['total', 'rep', 'product']).default('total').describe('one total, or one row per rep (owner) or per product'),
  owner: z.string().trim().min(1).optional().describe('only this rep\'s deals (id, email or name)'),
  team: z.string().trim().min(1).optional().describe('only deals owned by this team\'s members (team id or name)'),
  product: z.string().trim().min(1).optional().describe('only deals for this product (id, name or SKU)'),
  currency: currencyField.default('USD').describe('forecast deals in this currency (others are counted apart, never mixed)'),
  probabilitySource: z
    .enum(['stored', 'model'])
    .default('stored')
    .describe('stored = each deal\'s stored probability (else its stage\'s historical win rate); model = the calibrated win-probability model (slower on the first call of a day)'),
  closeDates: z
    .enum(['calibrated', 'slips'])
    .default('calibrated')
    .describe('calibrated = chance of being won inside the period from how similar pipeline converted in past windows of the same length (default); slips = each deal\'s close date drawn from how expected dates slipped on past won deals'),
  simulations: z.number().int().min(100).max(100_000).default(DEFAULT_SIMULATIONS).describe('Monte Carlo runs (100-100,000; default 10,000)'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(DEFAULT_SEED).describe('random seed: the same seed and data give the same numbers'),
};

const topDeal = z
  .object({
    id: z.string().describe('deal id'),
    name: z.string().describe('deal name'),
    account: z.string().describe('account name'),
    owner: z.string().describe('owner (rep) name'),
    stage: z.string().describe('current stage'),
    value: money.describe('deal value'),
    probability: percent.describe('win probability used, 0-100'),
    probabilitySource: z.enum(['stored', 'stage_win_rate', 'model', 'none']).describe('where the probability came from'),
    expectedCloseDate: isoDate.nullable().describe('expected close date on the deal'),
    closeChance: percent.describe('chance (0-100) it closes inside the period if won, from the close-date distribution'),
    contribution: money.describe('value x probability x closeChance: what it adds to the expected total'),
    commit: z.boolean().describe('true when it counts in commit (commit category, expected in the period)'),
  })
  .describe('an open deal and what it contributes');

export const groupRow = z
  .object({
    key: z.string().describe('"all", the rep\'s user id, the product id, or "none" (deals without a product)'),
    label: z.string().describe('what the row is: all deals, the rep\'s name, the product\'s name'),
    won: money.describe('revenue already won in the period (closed won before now)'),
    wonDeals: z.number().int().describe('deals won in the period so far'),
    commit: money.describe('value of open deals in the commit forecast category expected to close in the period (not weighted; won revenue not included)'),
    commitDeals: z.number().int().describe('deals behind commit'),
    weighted: money.describe('sum of value x win probability of open deals expected to close in the period'),
    expectedDeals: z.number().int().describe('open deals whose expected close date falls in the period'),
    expected: money.describe('mean of the simulation: won + sum of value x probability x chance of closing in the period + the expected revenue of deals not yet created (see notes)'),
    p10: money.describe('worst case: 10th percentile of simulated won revenue in the period (won so far included)'),
    p50: money.describe('most likely: median of simulated won revenue in the period'),
    p90: money.describe('best case: 90th percentile of simulated won revenue in the period'),
    interval: z
      .object({
        low: money.describe('P10'),
        high: money.describe('P90'),
        level: z.number().describe('percent of simulated outcomes inside [low, high] (80)'),
      })
      .describe('the 80% interval of the simulated outcome'),
    simulatedDeals: z.number().int().describe('open deals with a chance above zero of being won inside the period'),
    topDeals: z.array(topDeal).describe(`the open deals contributing most (at most ${TOP_DEALS})`),
  })
  .describe('the forecast of one group');

export const forecastOutput = z.object({
  period: z
    .object({
      label: z.string().describe('e.g. 2026-Q3'),
      granularity: z.enum(['month', 'quarter', 'year']).describe('month, quarter or year'),
      start: isoDate.describe('first day'),
      end: isoDate.describe('first day after the period (exclusive)'),
    })
    .describe('the period forecast'),
  asOf: isoDateTime.describe('the instant the forecast is made at'),
  currency: z.string().describe('currency of every amount'),
  groupBy: z.enum(['total', 'rep', 'product']).describe('how the rows are grouped'),
  probabilitySource: z.enum(['stored', 'model']).describe('which probabilities were used'),
  simulation: z
    .object({
      runs: z.number().int().describe('Monte Carlo runs'),
      seed: z.number().int().describe('the seed used (repeat it to get the same numbers)'),
      closeDates: z
        .object({
          method: z.enum(['calibrated', 'slips']).describe('the method used (calibrated falls back to slips when history is too short)'),
          source: z.enum(['history', 'none']).describe('history = learned from past deals; none = too little history (slips: each deal closes on its expected date)'),
          observations: z.number().int().describe('past deal-weeks (calibrated) or expected-vs-actual close observations (slips) behind it'),
          note: z.string().describe('the method and its fitted numbers in words'),
        })
        .describe('how the chance of closing inside the period was set'),
    })
    .describe('how the worst/most likely/best cases were simulated'),
  total: groupRow.describe('all the deals forecast together'),
  groups: z.array(groupRow).describe(`one row per rep or product (largest P50 first, at most ${GROUP_CAP}); empty when groupBy is total`),
  groupsTotal: z.number().int().describe('groups in all, before the cap'),
  probabilitySources: z
    .object({
      stored: z.number().int().describe('open deals weighted by their stored probability'),
      stageWinRate: z.number().int().describe('open deals with no stored probability, weighted by their stage\'s historical win rate'),
      model: z.number().int().describe('open deals weighted by the win-probability model'),
      none: z.number().int().describe('open deals with no probability at all: left out, unless they have no expected close date and are placed by their age'),
    })
    .describe('which probability each open deal used'),
  otherCurrencyDeals: z.number().int().describe('matching deals in other currencies, left out'),
  notes: z.array(z.string().describe('a caveat')).describe('caveats about this forecast'),
  evidence: evidenceList,
});

export type ForecastOutput = z.infer<typeof forecastOutput>;
export type ForecastInput = z.infer<z.ZodObject<typeof forecastInput>>;
