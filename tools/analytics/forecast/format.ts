import { pct } from '../../core/schemas.ts';
import { formatMoney, moneyOf } from '../../opportunities/opportunity-shared.ts';
import type { Timing } from './timing.ts';
import type { DealContribution, ForecastResult, GroupForecast } from './compute.ts';
import { GROUP_CAP, TOP_DEALS, type ForecastInput, type ForecastOutput } from './schema.ts';
import { isoDay, type Period } from '../period.ts';

// Shapes a computed forecast into the tool output: money objects, percentages with one decimal, the top
// contributing deals and the evidence rows behind the numbers.

const EVIDENCE_OPEN = 10;
const EVIDENCE_WON = 5;

export const periodOutput = (period: Period) => ({ label: period.label, granularity: period.granularity, start: isoDay(period.start), end: isoDay(period.end) });

function groupOutput(g: GroupForecast, currency: string) {
  const m = (minor: number) => moneyOf(minor, currency);
  return {
    key: g.key,
    label: g.label,
    won: m(g.wonMinor),
    wonDeals: g.won.length,
    commit: m(g.commitMinor),
    commitDeals: g.commitDeals,
    weighted: m(g.weightedMinor),
    expectedDeals: g.expectedDeals,
    expected: m(g.expectedMinor),
    p10: m(g.p10Minor),
    p50: m(g.p50Minor),
    p90: m(g.p90Minor),
    interval: { low: m(g.p10Minor), high: m(g.p90Minor), level: 80 },
    simulatedDeals: g.simulatedDeals,
    topDeals: g.contributions.slice(0, TOP_DEALS).map((c) => ({
      id: c.deal.id,
      name: c.deal.name,
      account: c.deal.account,
      owner: c.deal.ownerName,
      stage: c.deal.stage,
      value: m(c.deal.valueMinor),
      probability: pct((c.deal.probability ?? 0) * 100),
      probabilitySource: c.deal.probabilitySource,
      expectedCloseDate: c.deal.expectedCloseDate,
      closeChance: pct(c.closeChance * 100),
      contribution: m(c.contributionMinor),
      commit: c.commit,
    })),
  };
}

export function contributionQuote(c: DealContribution, currency: string): string {
  const d = c.deal;
  return (
    `${d.name} (${d.account}, ${d.ownerName}, ${d.stage}): ${formatMoney(d.valueMinor, currency)} x ${pct((d.probability ?? 0) * 100)}% win` +
    ` x ${pct(c.closeChance * 100)}% closing in the period = ${formatMoney(c.contributionMinor, currency)}; expected close ${d.expectedCloseDate ?? (c.byAge ? 'not set (estimated from its age)' : 'not set')}`
  );
}

export interface FormatInput {
  period: Period;
  asOf: Date;
  currency: string;
  input: ForecastInput;
  result: ForecastResult;
  closeNote: Timing['note'];
  otherCurrencyDeals: number;
  notes: string[];
}

export function formatForecast(f: FormatInput): ForecastOutput {
  const { result, currency } = f;
  const s = result.probabilitySources;
  const sources = { stored: s.stored, stageWinRate: s.stage_win_rate, model: s.model, none: s.none };
  const all = result.total.contributions;
  const evidence = [
    ...all.filter((c) => c.contributionMinor > 0).slice(0, EVIDENCE_OPEN).map((c) => ({
      sourceId: c.deal.id,
      kind: 'opportunity',
      date: c.deal.expectedCloseDate ? `${c.deal.expectedCloseDate}T00:00:00.000Z` : null,
      quote: contributionQuote(c, currency),
    })),
    ...result.total.won.slice(0, EVIDENCE_WON).map((w) => ({
      sourceId: w.id,
      kind: 'opportunity',
      date: w.closedAt.toISOString(),
      quote: `${w.name} (${w.account}, ${w.ownerName}): won ${formatMoney(w.valueMinor, currency)} on ${isoDay(w.closedAt)}`,
    })),
  ];
  return {
    period: periodOutput(f.period),
    asOf: f.asOf.toISOString(),
    currency,
    groupBy: f.input.groupBy,
    probabilitySource: f.input.probabilitySource,
    simulation: { runs: f.input.simulations, seed: f.input.seed, closeDates: f.closeNote },
    total: groupOutput(result.total, currency),
    groups: result.groups.slice(0, GROUP_CAP).map((g) => groupOutput(g, currency)),
    groupsTotal: result.groups.length,
    probabilitySources: sources,
    otherCurrencyDeals: f.otherCurrencyDeals,
    notes: f.notes,
    evidence,
  };
}
