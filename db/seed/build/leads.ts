import type { LeadSource, Seniority } from '../../../core/domain.ts';
import { PAIN_POINTS, TITLES, type Department } from '../catalog/market.ts';
import { SOURCE_CAMPAIGN, SOURCE_WEIGHTS } from '../catalog/marketing.ts';
import type { AccountModel, CampaignModel, LeadKind, LeadModel, MarketingModel, SeedCtx } from '../model.ts';
import { lognormal, sample, type Rng } from '../rng.ts';
import { DAY, addMs, roundSecond } from '../time.ts';
import { campaignActive } from './marketing.ts';

// The people at the accounts. A lead here is a person plus facts about them; what happened
// to them (lifecycle, history, counts) is derived later from their interactions.

const SENIORITY_WEIGHTS: readonly (readonly [Seniority, number])[] = [['c_level', 8], ['vp', 17], ['director', 25], ['manager', 25], ['individual', 25]];
const BUYER_SENIORITY: readonly (readonly [Seniority, number])[] = [['c_level', 10], ['vp', 35], ['director', 40], ['manager', 15]];
const DEPT_WEIGHTS: readonly (readonly [Department, number])[] = [['Sales', 30], ['Revenue Operations', 22], ['Marketing', 12], ['Finance', 8], ['IT', 10], ['Customer Success', 9], ['Operations', 9]];

export interface NewLeadSpec {
  kind: LeadKind;
  createdAt: Date;
  source: LeadSource;
  campaign: CampaignModel | undefined;
  senior?: boolean;
}

/** a person at the account with a unique email at its domain */
export function createLead(ctx: SeedCtx, rng: Rng, account: AccountModel, spec: NewLeadSpec): LeadModel {
  const first = ctx.faker.person.firstName();
  const last = ctx.faker.person.lastName();
  const seniority = rng.weighted(spec.senior ? BUYER_SENIORITY : SENIORITY_WEIGHTS);
  const department = rng.weighted(DEPT_WEIGHTS);
  const lead: LeadModel = {
    id: ctx.id(), kind: spec.kind, account, first, last, fullName: `${first} ${last}`,
    email: uniqueEmail(account, first, last), title: TITLES[department][seniority], seniority, department,
    // most people work in the company's zone; some are remote
    timeZone: rng.chance(0.88) ? account.place.timeZone : rng.pick(['America/New_York', 'America/Chicago', 'Europe/London', 'America/Los_Angeles']),
    source: spec.source, campaign: spec.campaign, createdAt: roundSecond(spec.createdAt), owner: account.owner,
    painPoints: sample(rng, PAIN_POINTS, rng.int(1, 3)), responsiveness: lognormal(rng, 0.45), milestones: {}, row: { fullName: '' },
  };
  account.leads.push(lead);
  return lead;
}

function uniqueEmail(account: AccountModel, first: string, last: string): string {
  const clean = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');
  const candidates = [`${clean(first)}.${clean(last)}`, `${clean(first).slice(0, 1)}${clean(last)}`, `${clean(first)}${clean(last).slice(0, 1)}`];
  for (let n = 2; candidates.length < 40; n++) candidates.push(`${clean(first)}.${clean(last)}${n}`);
  const local = candidates.find((c) => !account.usedEmails.has(c)) as string;
  account.usedEmails.add(local);
  return `${local}@${account.domain}`;
}

/**
 * A source, its campaign and a creation date inside [earliest, latest] that fit together: always-on
 * campaigns must be running at the date, one-off ones (events, webinars) pin the date to their day.
 */
export function pickSource(
  rng: Rng, marketing: MarketingModel, account: AccountModel, earliest: Date, latest: Date,
): { source: LeadSource; campaign: CampaignModel | undefined; createdAt: Date } {
  for (let attempt = 0; attempt < 12; attempt++) {
    const source = rng.weighted(SOURCE_WEIGHTS);
    let key = SOURCE_CAMPAIGN[source];
    if (source === 'outbound' && account.segment === 'ent') key = 'seq_ent';
    if (!key) return { source, campaign: undefined, createdAt: latest };
    const campaign = marketing.campaigns.get(key) ?? marketing.campaigns.get('seq_mid');
    if (!campaign) continue;
    if (campaign.def.oneOff) {
      const at = addMs(campaign.startsAt, rng.next() * 2.5 * DAY);
      if (at.getTime() >= earliest.getTime() && at.getTime() <= latest.getTime()) return { source, campaign, createdAt: at };
    } else if (campaignActive(campaign, latest)) {
      return { source, campaign, createdAt: latest };
    }
  }
  return { source: 'website', campaign: undefined, createdAt: latest };
}

/** lead creation dates lean recent (the business is growing): a truncated exponential over `spanDays` */
export function recentLeaning(rng: Rng, now: Date, spanDays: number, tau = 420): Date {
  const age = -tau * Math.log(1 - rng.next() * (1 - Math.exp(-spanDays / tau)));
  return addMs(now, -age * DAY);
}

/** prospects: the leads that have not (yet) turned into deals, to fill the account up to its head count */
export function buildProspects(ctx: SeedCtx, accounts: AccountModel[], marketing: MarketingModel, total: number): LeadModel[] {
  const rng = ctx.rng('prospects');
  const weights = accounts.map((a) => [a, a.segment === 'ent' ? 3 : a.segment === 'mid' ? 2 : 1] as const);
  const out: LeadModel[] = [];
  for (let i = 0; i < total; i++) {
    const account = rng.weighted(weights);
    const at = recentLeaning(rng, ctx.now, 600);
    // one-off campaigns may pin the date anywhere in the window, so allow the whole span
    const { source, campaign, createdAt } = pickSource(rng, marketing, account, addMs(ctx.now, -600 * DAY), at);
    out.push(createLead(ctx, rng, account, { kind: 'prospect', createdAt, source, campaign }));
  }
  return out;
}

/** the same person entered twice: an email differing only in case, or a typo in the name */
export function buildDuplicates(ctx: SeedCtx, candidates: LeadModel[], count: number): LeadModel[] {
  const rng = ctx.rng('duplicates');
  const out: LeadModel[] = [];
  for (const original of sample(rng, candidates, count)) {
    const account = original.account;
    const typo = out.length % 2 === 1;
    const first = typo ? swapLetters(rng, original.first) : original.first;
    const [local, domain] = original.email.split('@') as [string, string];
    const email = typo ? `${first.toLowerCase().replace(/[^a-z]/g, '')}.${original.last.toLowerCase().replace(/[^a-z]/g, '')}@${domain}` : `${capitalise(local)}@${domain}`;
    const createdAt = addMs(original.createdAt, rng.int(5, 120) * DAY);
    if (createdAt.getTime() > ctx.now.getTime() || email === original.email) continue;
    const dup: LeadModel = {
      ...original, id: ctx.id(), kind: 'duplicate', first, fullName: `${first} ${original.last}`, email,
      source: rng.pick(['import', 'event', 'website'] as const), campaign: undefined, createdAt: roundSecond(createdAt),
      milestones: {}, row: { fullName: '' },
    };
    account.leads.push(dup);
    out.push(dup);
  }
  return out;
}

const capitalise = (local: string): string => local.split('.').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('.');

function swapLetters(rng: Rng, name: string): string {
  if (name.length < 4) return `${name}${name.slice(-1)}`;
  const i = rng.int(1, name.length - 3);
  return name.slice(0, i) + name.charAt(i + 1) + name.charAt(i) + name.slice(i + 2);
}
