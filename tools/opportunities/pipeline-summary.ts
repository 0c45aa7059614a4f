import { OPEN_OPPORTUNITY_STAGES, type OpenOpportunityStage, type OpportunityStage } from '../../core/domain.ts';
import { mean, ratio } from '../../core/stats/descriptive.ts';
import type { OpenDealRow, StageOutcomeCounts } from '../../db/repos/pipeline.ts';
import type { StageDurationStats } from '../../db/repos/stage-stats.ts';
import { pct } from '../core/schemas.ts';
import { daysBetween, formatMoney } from './opportunity-shared.ts';

// The arithmetic behind pipeline_summary, apart from the database so it can be checked by hand.
// Weighted value = sum of value x probability, where probability is the deal's stored one, else the
// stage's historical win rate; stuck = longer in the stage than that stage's historical p80 stay.

export interface StageSummary {
  stage: OpenOpportunityStage;
  count: number;
  totalValueMinor: number;
  weightedValueMinor: number;
  probabilitySource: { stored: number; stageWinRate: number; none: number };
  /** won / (won + lost) of deals that passed through the stage, percent; null without closed history */
  stageWinRate: number | null;
  stageWinRateSample: number;
  averageDaysInStage: number | null;
  p80Days: number | null;
  stuckCount: number | null;
  note: string | null;
}

export interface StuckDeal {
  deal: OpenDealRow;
  stage: OpenOpportunityStage;
  daysInStage: number;
  p80Days: number;
}

export interface PipelineSummary {
  stages: StageSummary[];
  totals: { count: number; totalValueMinor: number; weightedValueMinor: number; stuckCount: number; averageDaysInStage: number | null };
  stuck: StuckDeal[];
}

export function stageWinRate(counts: StageOutcomeCounts | undefined): number | null {
  if (!counts) return null;
  const rate = ratio(counts.won, counts.won + counts.lost);
  return rate === null ? null : rate * 100;
}

export function summarizePipeline(
  deals: readonly OpenDealRow[],
  winRates: ReadonlyMap<OpportunityStage, StageOutcomeCounts>,
  durations: ReadonlyMap<OpportunityStage, StageDurationStats>,
  now: Date,
): PipelineSummary {
  const stuck: StuckDeal[] = [];
  const stages = OPEN_OPPORTUNITY_STAGES.map((stage): StageSummary => {
    const inStage = deals.filter((d) => d.stage === stage);
    const rate = stageWinRate(winRates.get(stage));
    const counts = winRates.get(stage);
    const duration = durations.get(stage);
    const source = { stored: 0, stageWinRate: 0, none: 0 };
    let weighted = 0;
    const ages: number[] = [];
    let stuckCount = 0;
    for (const deal of inStage) {
      if (deal.probability !== null) {
        source.stored++;
        weighted += (deal.valueMinor * deal.probability) / 100;
      } else if (rate !== null) {
        source.stageWinRate++;
        weighted += (deal.valueMinor * rate) / 100;
      } else source.none++;
      const days = daysBetween(deal.stageEnteredAt, now);
      ages.push(days);
      if (duration && days > duration.p80Days) {
        stuckCount++;
        stuck.push({ deal, stage, daysInStage: days, p80Days: duration.p80Days });
      }
    }
    const notes = [
      ...(duration ? [] : ['too few completed stays in this stage to know its p80, so stuck is unknown']),
      ...(source.none > 0 ? [`${source.none} deal(s) have no probability and the stage has no closed history; left out of the weighted value`] : []),
    ];
    const averageDays = mean(ages);
    return {
      stage,
      count: inStage.length,
      totalValueMinor: inStage.reduce((s, d) => s + d.valueMinor, 0),
      weightedValueMinor: Math.round(weighted),
      probabilitySource: source,
      stageWinRate: rate === null ? null : pct(rate),
      stageWinRateSample: counts ? counts.won + counts.lost : 0,
      averageDaysInStage: averageDays === null ? null : pct(averageDays),
      p80Days: duration ? pct(duration.p80Days) : null,
      stuckCount: duration ? stuckCount : null,
      note: notes.length > 0 ? notes.join('; ') : null,
    };
  });
  const allAges = deals.map((d) => daysBetween(d.stageEnteredAt, now));
  const averageAll = mean(allAges);
  stuck.sort((a, b) => b.daysInStage / b.p80Days - a.daysInStage / a.p80Days);
  return {
    stages,
    totals: {
      count: deals.length,
      totalValueMinor: stages.reduce((s, x) => s + x.totalValueMinor, 0),
      weightedValueMinor: stages.reduce((s, x) => s + x.weightedValueMinor, 0),
      stuckCount: stages.reduce((s, x) => s + (x.stuckCount ?? 0), 0),
      averageDaysInStage: averageAll === null ? null : pct(averageAll),
    },
    stuck,
  };
}

export function stuckQuote(s: StuckDeal): string {
  return `${s.deal.name} (${s.deal.account}, ${formatMoney(s.deal.valueMinor, s.deal.currency)}) has been in ${s.stage} ${s.daysInStage} days, past the stage's p80 of ${pct(s.p80Days)} days`;
}
