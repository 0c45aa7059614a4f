import { mean } from '../../core/stats/descriptive.ts';
import type { LinkedInteraction } from '../../db/repos/interactions.ts';
import { interactionEvidence, type SignalFinding } from './risk-signals.ts';
import type { RiskThresholds } from './risk-thresholds.ts';

// The two trend signals: the buyer's mood souring, and a customer drifting away.

const round1 = (x: number) => Math.round(x * 10) / 10;

// A label without a score still counts: positive 0.5, neutral 0, negative -0.5 (documented mapping).
const LABEL_SCORE = { positive: 0.5, neutral: 0, negative: -0.5 } as const;
const scoreOf = (ix: LinkedInteraction) => ix.sentimentScore ?? (ix.sentiment ? LABEL_SCORE[ix.sentiment] : 0);
const isNegative = (ix: LinkedInteraction) => (ix.sentiment ? ix.sentiment === 'negative' : (ix.sentimentScore ?? 0) < 0);
export const hasSentiment = (ix: LinkedInteraction) => ix.direction !== 'internal' && (ix.sentiment !== null || ix.sentimentScore !== null);

/**
 * Over the latest `sentimentWindow` interactions with a sentiment: the mean of the `sentimentRecent` newest is
 * below the mean of the older ones by more than `sentimentDrop`, or at least `sentimentNegativeCount` of the
 * newest are negative.
 */
export function negativeSentiment(timeline: LinkedInteraction[], t: RiskThresholds): SignalFinding | null {
  const scored = timeline.filter(hasSentiment).slice(0, t.sentimentWindow);
  const recent = scored.slice(0, t.sentimentRecent);
  const earlier = scored.slice(t.sentimentRecent);
  if (recent.length < t.sentimentRecent) return null;
  const negatives = recent.filter(isNegative);
  const recentMean = mean(recent.map(scoreOf))!;
  const earlierMean = mean(earlier.map(scoreOf));
  const fall = earlierMean === null ? null : earlierMean - recentMean;
  const trending = fall !== null && fall > t.sentimentDrop;
  const mostlyNegative = negatives.length >= t.sentimentNegativeCount;
  if (!trending && !mostlyNegative) return null;
  const parts = [
    trending ? `mean sentiment of the last ${recent.length} fell to ${recentMean.toFixed(2)} from ${earlierMean!.toFixed(2)}` : undefined,
    mostlyNegative ? `${negatives.length} of the last ${recent.length} interactions were negative` : undefined,
  ].filter(Boolean);
  return {
    signal: 'negative_sentiment',
    detail: parts.join('; '),
    value: trending ? Math.round(fall! * 100) / 100 : negatives.length,
    threshold: trending ? t.sentimentDrop : t.sentimentNegativeCount,
    unit: trending ? 'sentiment points fallen' : 'negative interactions',
    evidence: recent.map((ix) => interactionEvidence(ix, `${ix.sentiment ?? 'scored'} (${scoreOf(ix).toFixed(2)}): ${ix.quote}`)),
  };
}

/**
 * A customer whose interaction rate in the recent period is below `disengageRatio` of the rate in the period
 * before. Compared by cross-multiplying counts and days (recent·priorDays < ratio·prior·recentDays), so no
 * rounding decides an edge.
 */
export function customerDisengaging(
  lead: { id: string },
  counts: { recent: number; prior: number },
  t: RiskThresholds,
): SignalFinding | null {
  if (counts.prior < t.disengageMinPrior) return null;
  if (!(counts.recent * t.disengagePriorDays < t.disengageRatio * counts.prior * t.disengageRecentDays)) return null;
  const recentRate = (counts.recent / t.disengageRecentDays) * 30;
  const priorRate = (counts.prior / t.disengagePriorDays) * 30;
  return {
    signal: 'customer_disengaging',
    detail: `${counts.recent} interactions in the last ${t.disengageRecentDays} days (${round1(recentRate)} per 30 days) against ${counts.prior} in the ${t.disengagePriorDays} days before (${round1(priorRate)} per 30 days)`,
    value: Math.round((counts.recent / t.disengageRecentDays / (counts.prior / t.disengagePriorDays)) * 100) / 100,
    threshold: t.disengageRatio,
    unit: 'recent rate / earlier rate',
    evidence: [{ sourceId: lead.id, kind: 'interaction_counts', date: null, quote: `${counts.recent} recent vs ${counts.prior} earlier interactions` }],
  };
}
