import type { CampaignModel, DealModel, LeadModel, MarketingModel, SeedCtx } from '../model.ts';
import { DAY, addMs, roundSecond } from '../time.ts';
import { campaignActive } from './marketing.ts';

// Marketing touches for attribution: the lead's own campaign as first touch, every click on a
// campaign email, and some later ad clicks, downloads and event visits.

const KIND: Record<string, string> = { paid_search: 'ad_click', social: 'ad_click', content: 'content_download', webinar: 'webinar_attended', event: 'event_visit', partner: 'partner_referral', email: 'email_click' };

export function buildTouches(ctx: SeedCtx, leads: LeadModel[], deals: DealModel[], marketing: MarketingModel): void {
  const rng = ctx.rng('touches');
  const seen = new Set<string>();
  const dealsOf = new Map<string, DealModel[]>();
  for (const deal of deals) for (const c of deal.contacts) dealsOf.set(c.id, [...(dealsOf.get(c.id) ?? []), deal]);
  const campaignIds = new Map([...marketing.campaigns.values()].map((c) => [c.id, c]));
  const leadIds = new Map(leads.map((l) => [l.id, l]));

  const touch = (campaign: CampaignModel, lead: LeadModel, when: Date, kind: string) => {
    const at = roundSecond(when);
    const key = `${campaign.id}|${lead.id}|${at.getTime()}`;
    if (seen.has(key) || at.getTime() > ctx.now.getTime() || at.getTime() < lead.createdAt.getTime()) return;
    seen.add(key);
    // a touch while a deal is open influences that deal
    const open = (dealsOf.get(lead.id) ?? []).find((d) => d.createdAt <= at && at <= (d.closedAt ?? ctx.now));
    ctx.data.campaignTouches.push({ id: ctx.id(), campaignId: campaign.id, leadId: lead.id, opportunityId: open?.id ?? null, touchedAt: at, kind });
  };

  for (const lead of leads) if (lead.campaign) touch(lead.campaign, lead, lead.createdAt, 'first_touch');
  for (const event of ctx.data.engagementEvents) {
    if (event.type !== 'clicked' || !event.campaignId || !event.leadId) continue;
    const campaign = campaignIds.get(event.campaignId);
    const lead = leadIds.get(event.leadId);
    if (campaign && lead) touch(campaign, lead, event.occurredAt, 'email_click');
  }
  const others = [...marketing.campaigns.values()].filter((c) => c.def.channel !== 'email');
  for (const lead of leads) {
    if (lead.kind === 'duplicate' || !rng.chance(0.4)) continue;
    for (let n = rng.int(1, 3); n > 0; n--) {
      const campaign = rng.pick(others);
      const at = campaign.def.oneOff ? addMs(campaign.startsAt, rng.next() * DAY) : addMs(lead.createdAt, rng.next() * (ctx.now.getTime() - lead.createdAt.getTime()));
      if (campaign === lead.campaign || !campaignActive(campaign, at)) continue;
      touch(campaign, lead, at, KIND[campaign.def.channel] ?? 'touch');
    }
  }
}
