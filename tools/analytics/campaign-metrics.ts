import { ratio } from '../../core/stats/descriptive.ts';
import type { LeadSource } from '../../core/domain.ts';
import type { AttributionLeadRow, CampaignChannel, CampaignRow, WonDealRow } from '../../db/repos/analytics-campaigns.ts';
import { pct } from '../core/schemas.ts';
import { costShare, type Attribution, type Window } from './campaign-attribution.ts';

// Cost, ROI and unit costs per campaign and per lead source.
//   cost         = campaign cost x the share of its run inside the window (see costShare); null in another currency
//   ROI          = (attributed revenue - cost) / cost in percent; null when the cost is 0 (flag "zero cost") or unknown
//   cost per lead = cost / first-touch leads; cost per win = cost / first-touch wins; null when there are none
//   conversion   = first-touch leads that converted / first-touch leads, percent
// A lead source's cost is the summed cost of the campaigns whose channel buys that source (CHANNEL_SOURCE);
// sources no channel buys (website, referral, import) have an unknown cost (null), not a zero one.

export const CHANNEL_SOURCE: Record<CampaignChannel, LeadSource> = {
  email: 'outbound', paid_search: 'paid_search', social: 'social', event: 'event', webinar: 'webinar', content: 'content', partner: 'partner',
};

export const ZERO_COST_FLAG = 'zero cost: ROI undefined';
export const SMALL_SAMPLE = 30;

export interface Roi {
  firstTouch: number | null;
  anyTouch: number | null;
  linear: number | null;
}

export interface CampaignMetrics {
  campaign: CampaignRow;
  costMinor: number | null;
  costSharePct: number;
  firstTouchLeads: number;
  anyTouchLeads: number;
  convertedLeads: number;
  conversionRate: number | null;
  firstTouchWins: number;
  anyTouchWins: number;
  revenue: { firstTouch: number; anyTouch: number; linear: number };
  roi: Roi;
  costPerLeadMinor: number | null;
  costPerWinMinor: number | null;
  flags: string[];
  dealIds: string[];
}

const percentOf = (part: number, whole: number) => {
  const r = ratio(part, whole);
  return r === null ? null : pct(r * 100);
};
export const roiPct = (revenue: number, cost: number | null) => (cost === null || cost === 0 ? null : pct(((revenue - cost) / cost) * 100));
const perUnit = (cost: number | null, units: number) => {
  if (cost === null) return null;
  const r = ratio(cost, units);
  return r === null ? null : Math.round(r);
};

export function campaignMetrics(campaigns: readonly CampaignRow[], attribution: Attribution, window: Window, now: Date, currency: string): CampaignMetrics[] {
  return campaigns.map((campaign) => {
    const leadCredit = attribution.leads.get(campaign.id);
    const dealCredit = attribution.deals.get(campaign.id);
    const share = costShare(campaign, window, now);
    const costMinor = campaign.currency === currency ? Math.round(campaign.costMinor * share) : null;
    const firstTouchLeads = leadCredit?.firstTouchLeads ?? 0;
    const firstTouchWins = dealCredit?.firstTouchWins ?? 0;
    const revenue = {
      firstTouch: dealCredit?.firstTouchRevenueMinor ?? 0,
      anyTouch: dealCredit?.anyTouchRevenueMinor ?? 0,
      linear: Math.round(dealCredit?.linearRevenueMinor ?? 0),
    };
    const flags: string[] = [];
    if (costMinor === 0) flags.push(ZERO_COST_FLAG);
    if (costMinor === null) flags.push(`cost is in ${campaign.currency}, not ${currency}: ROI not computed`);
    if (window.from !== null && campaign.startsAt === null) flags.push('no start date: whole cost counted in the period');
    if (window.from !== null && share > 0 && share < 1) flags.push(`cost prorated: ${pct(share * 100).toFixed(1)}% of the campaign's run falls in the period`);
    if (firstTouchLeads < SMALL_SAMPLE) flags.push(`small sample: ${firstTouchLeads} first-touch leads`);
    return {
      campaign,
      costMinor,
      costSharePct: pct(share * 100),
      firstTouchLeads,
      anyTouchLeads: leadCredit?.anyTouchLeads ?? 0,
      convertedLeads: leadCredit?.convertedLeads ?? 0,
      conversionRate: percentOf(leadCredit?.convertedLeads ?? 0, firstTouchLeads),
      firstTouchWins,
      anyTouchWins: dealCredit?.anyTouchWins ?? 0,
      revenue,
      roi: { firstTouch: roiPct(revenue.firstTouch, costMinor), anyTouch: roiPct(revenue.anyTouch, costMinor), linear: roiPct(revenue.linear, costMinor) },
      costPerLeadMinor: perUnit(costMinor, firstTouchLeads),
      costPerWinMinor: perUnit(costMinor, firstTouchWins),
      flags,
      dealIds: dealCredit?.dealIds ?? [],
    };
  });
}

export interface SourceMetrics {
  source: LeadSource | null;
  leads: number;
  convertedLeads: number;
  conversionRate: number | null;
  wins: number;
  revenueMinor: number;
  costMinor: number | null;
  costBasis: string;
  roi: number | null;
  costPerLeadMinor: number | null;
  costPerWinMinor: number | null;
  flags: string[];
}

const inWindow = (at: Date, w: Window) => (w.from === null || at.getTime() >= w.from.getTime()) && at.getTime() < w.toExclusive.getTime();

/** Leads created in the window by source; won deals by their source (else their primary contact's). */
export function sourceMetrics(
  leads: readonly AttributionLeadRow[],
  deals: readonly WonDealRow[],
  campaigns: readonly CampaignMetrics[],
  window: Window,
  currency: string,
): SourceMetrics[] {
  const groups = new Map<LeadSource | null, { leads: number; converted: number; wins: number; revenue: number }>();
  const group = (s: LeadSource | null) => groups.get(s) ?? (groups.set(s, { leads: 0, converted: 0, wins: 0, revenue: 0 }), groups.get(s)!);
  // every source some campaign buys gets a row, so spend with no leads still shows
  for (const c of campaigns) group(CHANNEL_SOURCE[c.campaign.channel]);
  for (const lead of leads) {
    if (!inWindow(lead.createdAt, window)) continue;
    const g = group(lead.source);
    g.leads++;
    if (lead.convertedAt) g.converted++;
  }
  for (const deal of deals) {
    const g = group(deal.source ?? deal.primaryContactSource);
    g.wins++;
    if (deal.currency === currency) g.revenue += deal.valueMinor;
  }
  return [...groups.entries()]
    .map(([source, g]) => {
      const bought = campaigns.filter((c) => source !== null && CHANNEL_SOURCE[c.campaign.channel] === source);
      const unknown = bought.length === 0 || bought.some((c) => c.costMinor === null);
      const costMinor = unknown ? null : bought.reduce((s, c) => s + (c.costMinor ?? 0), 0);
      const costBasis =
        bought.length === 0
          ? 'unknown: no campaign channel buys this source'
          : `sum of ${bought.length} campaign${bought.length === 1 ? '' : 's'} on the ${bought.map((c) => c.campaign.channel).filter((v, i, a) => a.indexOf(v) === i).join(', ')} channel`;
      const flags: string[] = [];
      if (costMinor === 0) flags.push(ZERO_COST_FLAG);
      if (bought.length > 0 && unknown) flags.push('a campaign cost is in another currency: cost unknown');
      if (g.leads < SMALL_SAMPLE) flags.push(`small sample: ${g.leads} leads`);
      return {
        source,
        leads: g.leads,
        convertedLeads: g.converted,
        conversionRate: percentOf(g.converted, g.leads),
        wins: g.wins,
        revenueMinor: g.revenue,
        costMinor,
        costBasis,
        roi: roiPct(g.revenue, costMinor),
        costPerLeadMinor: perUnit(costMinor, g.leads),
        costPerWinMinor: perUnit(costMinor, g.wins),
        flags,
      };
    })
    .sort((a, b) => b.revenueMinor - a.revenueMinor || b.leads - a.leads || String(a.source).localeCompare(String(b.source)));
}
