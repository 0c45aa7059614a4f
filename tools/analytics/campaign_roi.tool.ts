import { z } from 'zod';
import { CAMPAIGN_CHANNELS } from '../../core/domain.ts';
import { attributionLeads, attributionTouches, listCampaigns, wonDeals } from '../../db/repos/analytics-campaigns.ts';
import { pageInput } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { currencyField, formatMoney, moneyOf } from '../opportunities/opportunity-shared.ts';
import { attribute, type Window } from './campaign-attribution.ts';
import { campaignMetrics, roiPct, sourceMetrics, type CampaignMetrics } from './campaign-metrics.ts';
import { campaignRoiOutput, METHOD, type CampaignRoiOutput } from './campaign-roi-schema.ts';
import { pastWindow, resolveSpan, spanBound, spanInput } from './period.ts';

const EVIDENCE_CAMPAIGNS = 8;
const EVIDENCE_DEALS = 7;

export const campaignRoi = defineTool({
  name: 'campaign_roi',
  description:
    'Marketing return per campaign and per lead source over a period (default all time): cost (prorated to the period), leads and won revenue attributed first-touch, any-touch (full value to every campaign that touched the deal, so it double-counts) and linear (split equally), ROI under each, conversion, cost per lead and per win. Zero-cost campaigns get ROI null with a flag; small samples are flagged. Revenue and leads are those you can see.',
  input: z.object({
    period: spanInput.optional().describe('the period: "2026-Q1", "2026-03", "2025", last_quarter, last_90_days, ytd...; leads by first touch, deals by close date. Omit (and from/to) for all time'),
    from: spanBound.optional().describe('start of a custom range, a date or instant (instead of period)'),
    to: spanBound.optional().describe('end of a custom range, inclusive: a date includes its whole day (instead of period)'),
    channel: z.enum(CAMPAIGN_CHANNELS).optional().describe('only campaigns on this channel'),
    currency: currencyField.default('USD').describe('currency costs and revenue are summed in'),
    ...pageInput,
  }),
  output: campaignRoiOutput,
  annotations: { title: 'Campaign ROI', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const currency = input.currency.toUpperCase();
    const period = resolveSpan(input, ctx.now);
    const window: Window = {
      // nothing after now counts: a period still running ends at now, one that starts later is empty
      ...pastWindow(period, ctx.now),
    };
    const [allCampaigns, leads, touches, deals] = await Promise.all([
      listCampaigns(ctx.db),
      attributionLeads(ctx.db, ctx.scope, ctx.now),
      attributionTouches(ctx.db, ctx.scope, ctx.now),
      wonDeals(ctx.db, ctx.scope, window),
    ]);
    const attribution = attribute({ leads, touches, deals, window, currency });
    const metrics = campaignMetrics(allCampaigns, attribution, window, ctx.now, currency);
    const listed = metrics
      .filter((m) => !input.channel || m.campaign.channel === input.channel)
      .sort((a, b) => b.revenue.firstTouch - a.revenue.firstTouch || b.firstTouchLeads - a.firstTouchLeads || a.campaign.name.localeCompare(b.campaign.name));
    const page = listed.slice(input.offset, input.offset + input.limit);
    const sources = sourceMetrics(leads, deals, metrics, window, currency);

    const sameCurrency = deals.filter((d) => d.currency === currency);
    const wonRevenue = sameCurrency.reduce((s, d) => s + d.valueMinor, 0);
    const totalCost = listed.reduce((s, m) => s + (m.costMinor ?? 0), 0);
    // first-touch credit of the listed campaigns: without a channel filter, all won revenue some campaign touched
    const attributedRevenue = listed.reduce((s, m) => s + m.revenue.firstTouch, 0);
    const notes: string[] = [];
    if (ctx.scope.kind !== 'all') {
      notes.push('Leads and revenue are only those you can see (your own or your team\'s), while costs are whole campaigns: ROI here understates each campaign.');
    }
    if (listed.some((m) => m.costMinor === null)) notes.push(`Some campaigns are costed in another currency than ${currency}: their cost and ROI are left out.`);
    if (deals.length === 0) notes.push('No deals were won in the period: revenue and ROI show no return yet.');

    const byDeal = new Map(deals.map((d) => [d.id, d]));
    const campaignName = new Map(metrics.map((m) => [m.campaign.id, m.campaign.name]));
    const evidence = [
      ...page.slice(0, EVIDENCE_CAMPAIGNS).map((m) => ({
        sourceId: m.campaign.id,
        kind: 'campaign',
        date: m.campaign.startsAt?.toISOString() ?? null,
        quote: campaignQuote(m, currency),
      })),
      ...attribution.attributedDeals
        .filter((a) => a.deal.currency === currency)
        .sort((x, y) => y.deal.valueMinor - x.deal.valueMinor)
        .slice(0, EVIDENCE_DEALS)
        .map(({ deal, firstTouch, anyTouch }) => ({
          sourceId: deal.id,
          kind: 'opportunity',
          date: byDeal.get(deal.id)?.closedAt.toISOString() ?? null,
          quote: `${deal.name} (${deal.account}): won ${formatMoney(deal.valueMinor, deal.currency)}; first touch ${campaignName.get(firstTouch ?? '') ?? 'none'}; touched by ${anyTouch.length} campaign${anyTouch.length === 1 ? '' : 's'}`,
        })),
    ];

    const out: CampaignRoiOutput = {
      period: { label: period?.label ?? 'all time', from: window.from?.toISOString() ?? null, to: window.toExclusive.toISOString() },
      currency,
      campaigns: page.map((m) => ({
        id: m.campaign.id,
        name: m.campaign.name,
        channel: m.campaign.channel,
        cost: m.costMinor === null ? null : moneyOf(m.costMinor, currency),
        costSharePct: m.costSharePct,
        leads: { firstTouch: m.firstTouchLeads, anyTouch: m.anyTouchLeads },
        convertedLeads: m.convertedLeads,
        conversionRate: m.conversionRate,
        wins: { firstTouch: m.firstTouchWins, anyTouch: m.anyTouchWins },
        revenue: { firstTouch: moneyOf(m.revenue.firstTouch, currency), anyTouch: moneyOf(m.revenue.anyTouch, currency), linear: moneyOf(m.revenue.linear, currency) },
        roiPct: m.roi,
        costPerLead: m.costPerLeadMinor === null ? null : moneyOf(m.costPerLeadMinor, currency),
        costPerWin: m.costPerWinMinor === null ? null : moneyOf(m.costPerWinMinor, currency),
        flags: m.flags,
      })),
      page: { total: listed.length, limit: input.limit, offset: input.offset, hasMore: input.offset + page.length < listed.length },
      bySource: sources.map((s) => ({
        source: s.source,
        leads: s.leads,
        convertedLeads: s.convertedLeads,
        conversionRate: s.conversionRate,
        wins: s.wins,
        revenue: moneyOf(s.revenueMinor, currency),
        cost: s.costMinor === null ? null : moneyOf(s.costMinor, currency),
        costBasis: s.costBasis,
        roiPct: s.roi,
        costPerLead: s.costPerLeadMinor === null ? null : moneyOf(s.costPerLeadMinor, currency),
        costPerWin: s.costPerWinMinor === null ? null : moneyOf(s.costPerWinMinor, currency),
        flags: s.flags,
      })),
      totals: {
        cost: moneyOf(totalCost, currency),
        wonRevenue: moneyOf(wonRevenue, currency),
        attributedRevenue: moneyOf(attributedRevenue, currency),
        unattributedRevenue: moneyOf(attribution.unattributed.revenueMinor, currency),
        wins: deals.length,
        unattributedWins: attribution.unattributed.wins,
        roiPct: roiPct(attributedRevenue, totalCost),
      },
      otherCurrencyWins: deals.length - sameCurrency.length,
      method: METHOD,
      notes,
      evidence,
    };
    return out;
  },
});

function campaignQuote(m: CampaignMetrics, currency: string): string {
  const cost = m.costMinor === null ? `cost in ${m.campaign.currency}` : `cost ${formatMoney(m.costMinor, currency)}`;
  const roi = m.roi.firstTouch === null ? 'ROI undefined' : `first-touch ROI ${m.roi.firstTouch.toFixed(1)}%`;
  return `${m.campaign.name} (${m.campaign.channel}): ${cost}, ${m.firstTouchLeads} first-touch leads, ${m.firstTouchWins} first-touch wins worth ${formatMoney(m.revenue.firstTouch, currency)}, ${roi}`;
}
