import { Faker, en } from '@faker-js/faker';
import { buildAccounts } from './build/accounts.ts';
import { runDealActivity } from './build/deal-activity.ts';
import { buildDeals } from './build/deals.ts';
import { buildDuplicates, buildProspects } from './build/leads.ts';
import { finalizeLeads } from './build/lifecycle.ts';
import { buildMarketing } from './build/marketing.ts';
import { buildOrg } from './build/org.ts';
import { runProspecting } from './build/prospecting.ts';
import { buildTouches } from './build/touches.ts';
import { buildWork } from './build/work.ts';
import { emptyDataset, type AccountModel, type DealModel, type LeadModel, type OrgModel, type SeedCtx } from './model.ts';
import { forkRng, uuidFactory } from './rng.ts';
import { DAY, roundSecond } from './time.ts';

// Builds the whole demo org in memory, in dependency order. Pure: same seed, scale and now give
// the same rows, ids included. Loading into a database is index.ts's job.

export interface Generated {
  ctx: SeedCtx;
  org: OrgModel;
  accounts: AccountModel[];
  leads: LeadModel[];
  deals: DealModel[];
}

export function generateDemoOrg(seed: number, scale: number, now: Date): Generated {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const ctx: SeedCtx = { seed, scale, now, faker, id: uuidFactory(forkRng(seed, 'ids')), rng: (label) => forkRng(seed, label), data: emptyDataset() };

  const org = buildOrg(ctx);
  const marketing = buildMarketing(ctx);
  const accounts = buildAccounts(ctx, org);
  const deals = buildDeals(ctx, org, accounts, marketing);
  const dealLeads = accounts.reduce((n, a) => n + a.leads.length, 0);
  const target = Math.round(2000 * scale);
  const duplicates = Math.max(3, Math.round(12 * scale));
  const prospects = buildProspects(ctx, accounts, marketing, Math.max(Math.round(target * 0.3), target - dealLeads - duplicates));
  const oldEnough = prospects.filter((l) => l.createdAt.getTime() < now.getTime() - 130 * DAY);
  buildDuplicates(ctx, oldEnough, duplicates);
  const leads = accounts.flatMap((a) => a.leads);
  // an account exists before anyone at it does
  const accountRng = ctx.rng('account-dates');
  for (const account of accounts) {
    const earliest = Math.min(...account.leads.map((l) => l.createdAt.getTime()));
    if (earliest <= account.createdAt.getTime()) {
      account.createdAt = roundSecond(new Date(earliest - accountRng.int(1, 30) * DAY));
      account.row.createdAt = account.createdAt;
      account.row.updatedAt = account.createdAt;
    }
  }

  // the lead phase ends where the lead's first deal begins
  const firstDeal = new Map<string, Date>();
  for (const deal of deals) {
    for (const c of deal.contacts) {
      const seen = firstDeal.get(c.id);
      if (!seen || deal.createdAt < seen) firstDeal.set(c.id, deal.createdAt);
    }
  }
  const timeline = ctx.rng('timeline');
  for (const lead of leads) {
    if (lead.kind === 'primary') runProspecting(ctx, timeline, lead, marketing, firstDeal.get(lead.id));
    else if (lead.kind === 'prospect') runProspecting(ctx, timeline, lead, marketing);
  }
  const activity = ctx.rng('activity');
  for (const deal of deals) runDealActivity(ctx, activity, deal);

  finalizeLeads(ctx, leads, deals);
  buildTouches(ctx, leads, deals, marketing);
  buildWork(ctx, org, leads, deals);
  return { ctx, org, accounts, leads, deals };
}
