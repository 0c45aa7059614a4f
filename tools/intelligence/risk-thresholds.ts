import { z } from 'zod';

// The knobs of the risk scan, each with the default TOOLS.md names. One schema, so risk_scan's input,
// deal_strategy and next_best_action all mean the same thing by "stuck" or "silent".

export const riskThresholdsInput = z
  .object({
    noContactDays: z.number().int().min(1).max(365).default(14).describe('flag open deals and hot leads with no contact for at least this many days'),
    hotLeadScore: z.number().int().min(0).max(100).default(70).describe('a lead counts as hot (watched for silence) from this lead score up'),
    noResponseCount: z.number().int().min(1).max(20).default(3).describe('flag when this many outbound touches in a row got no reply'),
    stuckMinSamples: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(5)
      .describe('a stage needs this many completed stays in history before its p80 can call a deal stuck'),
    probabilityDropPoints: z.number().min(1).max(100).default(20).describe('flag a win-probability fall of more than this many points inside the window'),
    probabilityWindowDays: z.number().int().min(1).max(90).default(7).describe('the window for probability drops, in days'),
    closeSlipDays: z.number().int().min(1).max(365).default(7).describe('flag an expected close date pushed out by more than this many days inside the window'),
    closeSlipWindowDays: z.number().int().min(1).max(90).default(7).describe('the window for close-date slips, in days'),
    sentimentWindow: z.number().int().min(2).max(20).default(5).describe('how many of the latest interactions with a sentiment the trend looks at'),
    sentimentRecent: z.number().int().min(1).max(10).default(3).describe('how many of those count as "recent" (compared with the rest)'),
    sentimentDrop: z.number().min(0).max(2).default(0.3).describe('flag when the recent mean sentiment score is below the earlier mean by more than this'),
    sentimentNegativeCount: z.number().int().min(1).max(10).default(2).describe('or when at least this many of the recent interactions are negative'),
    disengageRecentDays: z.number().int().min(1).max(365).default(30).describe('customer engagement: the recent period, in days'),
    disengagePriorDays: z.number().int().min(1).max(730).default(90).describe('customer engagement: the earlier period just before it, in days'),
    disengageRatio: z.number().min(0).max(1).default(0.5).describe('flag a customer whose recent daily interaction rate is below this share of the earlier rate'),
    disengageMinPrior: z.number().int().min(1).max(100).default(2).describe('only customers with at least this many interactions in the earlier period'),
  })
  .describe('risk thresholds; every field is optional and defaults to the value shown');

export type RiskThresholds = z.output<typeof riskThresholdsInput>;

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = riskThresholdsInput.parse({});

export const RISK_SIGNALS = [
  'no_contact',
  'no_response',
  'stuck_in_stage',
  'probability_drop',
  'close_date_slipped',
  'negative_sentiment',
  'customer_disengaging',
] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];

/**
 * How much each signal weighs towards an alert's severity (documented heuristic): the ones that say the
 * buyer's stance changed (probability fell, mood soured, customer drifting) count double.
 */
export const SIGNAL_WEIGHT: Record<RiskSignal, number> = {
  no_contact: 1,
  no_response: 1,
  stuck_in_stage: 1,
  close_date_slipped: 1,
  probability_drop: 2,
  negative_sentiment: 2,
  customer_disengaging: 2,
};

export type Severity = 'low' | 'medium' | 'high';

/** weight 1 = low, 2 = medium, 3 or more = high */
export function severityOf(weight: number): Severity {
  return weight >= 3 ? 'high' : weight === 2 ? 'medium' : 'low';
}

export const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };
