import type { AttributionLeadRow, TouchRow, WonDealRow } from '../../db/repos/analytics-campaigns.ts';

// Who gets credit for leads and won revenue, apart from the database so it can be checked by hand.
//
// Touches: every campaign_touches row, plus the lead's own campaignId as a touch at its creation when
// no touch of that campaign is recorded (the repo adds those).
// Leads:
//   first-touch: a lead belongs to the campaign of its earliest touch, counted when that touch falls in the window.
//   any-touch:   a lead counts for every campaign that touched it in the window (so campaigns overlap).
// Won deals (closed in the window; a deal's buying group is its primary contact and opportunity_contacts):
//   first-touch: the campaign of the earliest touch on any contact up to the close, else the deal's own campaignId.
//   any-touch:   every campaign that touched a contact up to the close, and the deal's campaignId, gets the
//                FULL value: revenue double-counts across campaigns, so any-touch totals exceed real revenue.
//   linear:      the value split equally between those same campaigns, so shares add up to the deal.
// Deals no campaign touched are "unattributed".

export interface Window {
  /** null = since the beginning */
  from: Date | null;
  toExclusive: Date;
}

const inWindow = (at: Date, w: Window) => (w.from === null || at.getTime() >= w.from.getTime()) && at.getTime() < w.toExclusive.getTime();

export interface LeadCredit {
  firstTouchLeads: number;
  anyTouchLeads: number;
  /** first-touch leads that have converted (became a contact on a deal), as of now */
  convertedLeads: number;
}

export interface DealCredit {
  firstTouchWins: number;
  anyTouchWins: number;
  firstTouchRevenueMinor: number;
  anyTouchRevenueMinor: number;
  /** fractional until rounded for output */
  linearRevenueMinor: number;
  dealIds: string[];
}

export interface AttributedDeal {
  deal: WonDealRow;
  firstTouch: string | null;
  anyTouch: string[];
}

export interface Attribution {
  leads: Map<string, LeadCredit>;
  deals: Map<string, DealCredit>;
  attributedDeals: AttributedDeal[];
  /** won deals in the report currency no campaign touched */
  unattributed: { wins: number; revenueMinor: number };
}

function byLead(touches: readonly TouchRow[]): Map<string, TouchRow[]> {
  const map = new Map<string, TouchRow[]>();
  for (const t of touches) map.set(t.leadId, [...(map.get(t.leadId) ?? []), t]);
  for (const list of map.values()) list.sort((a, b) => a.touchedAt.getTime() - b.touchedAt.getTime() || a.campaignId.localeCompare(b.campaignId));
  return map;
}

const emptyLead = (): LeadCredit => ({ firstTouchLeads: 0, anyTouchLeads: 0, convertedLeads: 0 });
const emptyDeal = (): DealCredit => ({ firstTouchWins: 0, anyTouchWins: 0, firstTouchRevenueMinor: 0, anyTouchRevenueMinor: 0, linearRevenueMinor: 0, dealIds: [] });

/** Credits leads and won deals to campaigns. Revenue counts only deals in `currency`; wins count every deal. */
export function attribute(input: {
  leads: readonly AttributionLeadRow[];
  touches: readonly TouchRow[];
  deals: readonly WonDealRow[];
  window: Window;
  currency: string;
}): Attribution {
  const touchesOf = byLead(input.touches);
  const leads = new Map<string, LeadCredit>();
  const creditLead = (id: string) => leads.get(id) ?? (leads.set(id, emptyLead()), leads.get(id)!);
  for (const lead of input.leads) {
    const list = touchesOf.get(lead.id) ?? [];
    const first = list[0];
    if (first && inWindow(first.touchedAt, input.window)) {
      const credit = creditLead(first.campaignId);
      credit.firstTouchLeads++;
      if (lead.convertedAt) credit.convertedLeads++;
    }
    for (const campaignId of new Set(list.filter((t) => inWindow(t.touchedAt, input.window)).map((t) => t.campaignId))) {
      creditLead(campaignId).anyTouchLeads++;
    }
  }

  const deals = new Map<string, DealCredit>();
  const creditDeal = (id: string) => deals.get(id) ?? (deals.set(id, emptyDeal()), deals.get(id)!);
  const attributedDeals: AttributedDeal[] = [];
  const unattributed = { wins: 0, revenueMinor: 0 };
  for (const deal of input.deals) {
    const value = deal.currency === input.currency ? deal.valueMinor : 0;
    const before = deal.contactIds
      .flatMap((id) => touchesOf.get(id) ?? [])
      .filter((t) => t.touchedAt.getTime() <= deal.closedAt.getTime())
      .sort((a, b) => a.touchedAt.getTime() - b.touchedAt.getTime() || a.campaignId.localeCompare(b.campaignId));
    const firstTouch = before[0]?.campaignId ?? deal.campaignId;
    const anyTouch = [...new Set([...before.map((t) => t.campaignId), ...(deal.campaignId ? [deal.campaignId] : [])])];
    if (!firstTouch) {
      unattributed.wins++;
      unattributed.revenueMinor += value;
      continue;
    }
    attributedDeals.push({ deal, firstTouch, anyTouch });
    const first = creditDeal(firstTouch);
    first.firstTouchWins++;
    first.firstTouchRevenueMinor += value;
    for (const campaignId of anyTouch) {
      const credit = creditDeal(campaignId);
      credit.anyTouchWins++;
      credit.anyTouchRevenueMinor += value;
      credit.linearRevenueMinor += value / anyTouch.length;
      credit.dealIds.push(deal.id);
    }
  }
  return { leads, deals, attributedDeals, unattributed };
}

/**
 * The share of a campaign's cost that falls in the window, assuming even spend over its run
 * [startsAt, endsAt or now]. Lifetime reports (from = null) take the whole cost; a campaign with no
 * start date cannot be spread and counts in full; a one-instant campaign counts in full when it is in the window.
 */
export function costShare(campaign: { startsAt: Date | null; endsAt: Date | null }, window: Window, now: Date): number {
  if (window.from === null || campaign.startsAt === null) return 1;
  const start = campaign.startsAt.getTime();
  const end = Math.max(start, (campaign.endsAt ?? now).getTime());
  if (end === start) return inWindow(campaign.startsAt, window) ? 1 : 0;
  const overlap = Math.min(end, window.toExclusive.getTime()) - Math.max(start, window.from.getTime());
  return Math.max(0, Math.min(1, overlap / (end - start)));
}
