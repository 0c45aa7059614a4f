import { OPEN_OPPORTUNITY_STAGES, type OpenOpportunityStage, type OpportunityStage } from '../../core/domain.ts';
import { mean } from '../../core/stats/descriptive.ts';
import type { DealStagePassage } from '../../db/repos/analytics-funnel.ts';
import type { OpenDealRow } from '../../db/repos/pipeline.ts';
import type { StageDurationStats } from '../../db/repos/stage-stats.ts';
import { pct } from '../core/schemas.ts';
import { daysFrom, percentOf, round1 } from './revenue-common.ts';

// Per open stage, for pipeline_health: conversion (of the deals that entered the stage in the window, the share
// that moved forward rather than being lost), time in stage (the organisation's completed stays, p50/p80), the
// open deals' mean age there, and the excess of that age over the stage's p50. Bottlenecks are the stages with
// the largest positive excess.

export interface StageHealth {
  stage: OpenOpportunityStage;
  openDeals: number;
  openValueMinor: number;
  meanAgeDays: number | null;
  entered: number;
  advanced: number;
  lost: number;
  stillOpen: number;
  /** advanced / (advanced + lost), percent */
  conversion: number | null;
  p50Days: number | null;
  p80Days: number | null;
  samples: number;
  /** mean age of the open deals minus p50; null when either is unknown */
  excessDays: number | null;
  /** the open deal longest in the stage */
  oldest: OpenDealRow | null;
}

export function stageHealth(
  open: readonly OpenDealRow[],
  passages: readonly DealStagePassage[],
  durations: ReadonlyMap<OpportunityStage, StageDurationStats>,
  now: Date,
): StageHealth[] {
  return OPEN_OPPORTUNITY_STAGES.map((stage) => {
    const here = open.filter((d) => d.stage === stage);
    const entries = passages.filter((p) => p.stage === stage);
    const advanced = entries.filter((p) => p.advanced).length;
    const lost = entries.filter((p) => p.lost).length;
    const age = mean(here.map((d) => Math.max(0, daysFrom(d.stageEnteredAt, now))));
    const duration = durations.get(stage);
    const oldest = [...here].sort((a, b) => a.stageEnteredAt.getTime() - b.stageEnteredAt.getTime())[0] ?? null;
    return {
      stage,
      openDeals: here.length,
      openValueMinor: here.reduce((s, d) => s + d.valueMinor, 0),
      meanAgeDays: round1(age),
      entered: entries.length,
      advanced,
      lost,
      stillOpen: entries.length - advanced - lost,
      conversion: percentOf(advanced, advanced + lost),
      p50Days: duration ? pct(duration.p50Days) : null,
      p80Days: duration ? pct(duration.p80Days) : null,
      samples: duration?.samples ?? 0,
      excessDays: age === null || !duration ? null : pct(age - duration.p50Days),
      oldest,
    };
  });
}

/** Stages whose open deals sit longer than the stage's median stay, the largest excess first. */
export function bottlenecksOf(stages: readonly StageHealth[]): StageHealth[] {
  return stages.filter((s) => s.excessDays !== null && s.excessDays > 0).sort((a, b) => b.excessDays! - a.excessDays!);
}

export function bottleneckText(s: StageHealth): string {
  return `${s.stage}: ${s.openDeals} open deal(s) have been in the stage ${s.meanAgeDays} days on average, ${s.excessDays} days more than its median stay of ${s.p50Days} days`;
}
