import type { LeadStage } from '../../core/domain.ts';
import { percentile } from '../../core/stats/descriptive.ts';
import type { FunnelLeadRow } from '../../db/repos/analytics-funnel.ts';
import { pct } from '../core/schemas.ts';
import { daysFrom, percentOf, round1 } from './revenue-common.ts';

// The arithmetic behind funnel_report, apart from the database so it can be checked by hand.
// A lead reached a step if its stage history (or, lacking a dated row, its current stage) shows that step or a
// later one. Conversion = leads reaching the next step / leads reaching this one; drop-off = 100 - conversion.
// Time between steps: days from first reaching one step to first reaching the next, median and p80
// (linear interpolation, as Postgres percentile_cont).

export const FUNNEL_STEPS = ['lead', 'qualified', 'opportunity', 'customer'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export const FUNNEL_GROUPINGS = ['none', 'source', 'rep', 'product', 'campaign'] as const;
export type FunnelGrouping = (typeof FUNNEL_GROUPINGS)[number];

const STAGE_RANK: Record<LeadStage, number> = { new: 0, contacted: 1, qualified: 2, opportunity: 3, customer: 4, disqualified: -1 };
const STEP_RANK: Record<FunnelStep, number> = { lead: 0, qualified: 2, opportunity: 3, customer: 4 };
const TIMED_PAIRS: [FunnelStep, FunnelStep][] = [['lead', 'qualified'], ['qualified', 'opportunity'], ['opportunity', 'customer'], ['lead', 'customer']];

export interface Reach {
  reached: boolean;
  /** when first reached; null when only the current stage tells */
  at: Date | null;
  /** the stage-history row behind `at` */
  eventId: string | null;
}

export function reachOf(lead: FunnelLeadRow): Record<FunnelStep, Reach> {
  const step = (name: Exclude<FunnelStep, 'lead'>, at: Date | null, eventId: string | null): Reach => ({
    reached: at !== null || STAGE_RANK[lead.stage] >= STEP_RANK[name],
    at,
    eventId,
  });
  return {
    lead: { reached: true, at: lead.createdAt, eventId: null },
    qualified: step('qualified', lead.qualifiedAt, lead.qualifiedEventId),
    opportunity: step('opportunity', lead.opportunityAt, lead.opportunityEventId),
    customer: step('customer', lead.customerAt, lead.customerEventId),
  };
}

export interface StepRow {
  step: FunnelStep;
  count: number;
  shareOfCohort: number | null;
  conversionToNext: number | null;
  dropOffToNext: number | null;
}

export interface TimingRow {
  from: FunnelStep;
  to: FunnelStep;
  samples: number;
  medianDays: number | null;
  p80Days: number | null;
}

export interface FunnelSummary {
  leads: number;
  steps: StepRow[];
  /** lead -> customer */
  overallConversion: number | null;
  timing: TimingRow[];
  /** reached a step per the current stage only (no dated history): counted, but not timed */
  undated: number;
  /** history earlier than the lead's creation: left out of the timing */
  outOfOrder: number;
}

export function summarizeFunnel(leads: readonly FunnelLeadRow[]): FunnelSummary {
  const reaches = leads.map(reachOf);
  const counts = FUNNEL_STEPS.map((s) => reaches.filter((r) => r[s].reached).length);
  const steps = FUNNEL_STEPS.map((step, i): StepRow => {
    const count = counts[i]!;
    const next = counts[i + 1];
    const conversion = next === undefined ? null : percentOf(next, count);
    return { step, count, shareOfCohort: percentOf(count, leads.length), conversionToNext: conversion, dropOffToNext: conversion === null ? null : pct(100 - conversion) };
  });
  const timing = TIMED_PAIRS.map(([from, to]): TimingRow => {
    const days: number[] = [];
    for (const r of reaches) {
      const start = r[from].at;
      const end = r[to].at;
      if (!start || !end) continue;
      const d = daysFrom(start, end);
      if (d >= 0) days.push(d);
    }
    return { from, to, samples: days.length, medianDays: round1(percentile(days, 0.5)), p80Days: round1(percentile(days, 0.8)) };
  });
  const later = ['qualified', 'opportunity', 'customer'] as const;
  const undated = reaches.filter((r) => later.some((s) => r[s].reached && r[s].at === null)).length;
  const outOfOrder = reaches.filter((r) => later.some((s) => r[s].at !== null && r[s].at! < r.lead.at!)).length;
  return { leads: leads.length, steps, overallConversion: percentOf(counts[3]!, leads.length), timing, undated, outOfOrder };
}

export function groupKeyOf(grouping: Exclude<FunnelGrouping, 'none'>, lead: FunnelLeadRow): { key: string; label: string } {
  switch (grouping) {
    case 'source':
      return { key: lead.source ?? '-', label: lead.source ?? '(unknown source)' };
    case 'rep':
      return { key: lead.ownerId ?? '-', label: lead.owner ?? '(unassigned)' };
    case 'campaign':
      return { key: lead.campaignId ?? '-', label: lead.campaign ?? '(no campaign)' };
    case 'product':
      if (!lead.hasOpportunity) return { key: 'no-opportunity', label: '(no opportunity)' };
      return { key: lead.productId ?? '-', label: lead.product ?? '(no product)' };
  }
}

export function groupFunnel(grouping: Exclude<FunnelGrouping, 'none'>, leads: readonly FunnelLeadRow[]) {
  const groups = new Map<string, { label: string; leads: FunnelLeadRow[] }>();
  for (const lead of leads) {
    const { key, label } = groupKeyOf(grouping, lead);
    const group = groups.get(key) ?? { label, leads: [] };
    group.leads.push(lead);
    groups.set(key, group);
  }
  return [...groups]
    .map(([key, g]) => ({ key, label: g.label, ...summarizeFunnel(g.leads) }))
    .sort((a, b) => b.leads - a.leads || a.label.localeCompare(b.label));
}
