import { AB_TESTS, CAMPAIGNS, TEMPLATES } from '../catalog/marketing.ts';
import type { CampaignModel, MarketingModel, SeedCtx } from '../model.ts';
import { addDays, atLocal } from '../time.ts';

/** Campaigns, email templates and the two A/B tests, dated relative to `now`. */
export function buildMarketing(ctx: SeedCtx): MarketingModel {
  const { data, now } = ctx;
  const campaigns = new Map<string, CampaignModel>();
  for (const def of CAMPAIGNS) {
    const id = ctx.id();
    // campaigns start at 9:00 New York time on their day, which keeps event leads on sensible dates
    const startsAt = atLocal(addDays(now, -def.startDaysAgo), 'America/New_York', 9);
    const endsAt = def.endDaysAgo === undefined ? undefined : atLocal(addDays(now, -def.endDaysAgo), 'America/New_York', 18);
    campaigns.set(def.key, { id, def, startsAt, endsAt });
    data.campaigns.push({
      id, name: def.name, channel: def.channel, costMinor: def.cost * 100, startsAt, endsAt: endsAt ?? null, createdAt: addDays(startsAt, -14),
    });
  }

  const templates = new Map<string, string>();
  for (const def of TEMPLATES) {
    const id = ctx.id();
    templates.set(def.key, id);
    data.templates.push({ id, name: def.name, channel: 'email', purpose: def.purpose, subject: def.subject, body: def.body, createdAt: addDays(now, -620) });
  }

  const abTests: MarketingModel['abTests'] = [];
  for (const def of AB_TESTS) {
    const id = ctx.id();
    const startsAt = addDays(now, -def.startDaysAgo);
    const endsAt = def.endDaysAgo === undefined ? undefined : addDays(now, -def.endDaysAgo);
    abTests.push({ id, key: def.key, step: def.step, metric: def.metric, a: def.a, b: def.b, rateA: def.rateA, rateB: def.rateB, startsAt, endsAt });
    data.abTests.push({
      id, name: def.name, metric: def.metric, variantATemplateId: templates.get(def.a) ?? null, variantBTemplateId: templates.get(def.b) ?? null,
      splitB: 0.5, startsAt, endsAt: endsAt ?? null, createdAt: addDays(startsAt, -2),
    });
  }
  return { campaigns, templates, abTests };
}

/** whether a campaign was running at `at` (one-off campaigns count for the few days after) */
export function campaignActive(campaign: CampaignModel, at: Date): boolean {
  const end = campaign.def.oneOff ? addDays(campaign.startsAt, 4) : (campaign.endsAt ?? at);
  return at.getTime() >= campaign.startsAt.getTime() && at.getTime() <= end.getTime();
}
