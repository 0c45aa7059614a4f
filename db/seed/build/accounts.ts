import { HERO_ACCOUNTS, INDUSTRIES, PLACES, SEGMENT_EMPLOYEES, SEGMENT_WEIGHTS, TECHNOLOGIES, type PlaceDef } from '../catalog/market.ts';
import type { Segment } from '../catalog/org.ts';
import type { AccountModel, OrgModel, RepModel, SeedCtx } from '../model.ts';
import { sample, type Rng } from '../rng.ts';
import { addDays, roundSecond } from '../time.ts';

/** ~400 accounts at scale 1; the owning team follows from company size, the rep from territory. */
export function buildAccounts(ctx: SeedCtx, org: OrgModel): AccountModel[] {
  const rng = ctx.rng('accounts');
  const count = Math.max(12, Math.round(400 * ctx.scale));
  const names = new Set<string>();
  const domains = new Set<string>();
  const accounts: AccountModel[] = [];

  for (let i = 0; i < count; i++) {
    const hero = HERO_ACCOUNTS[i];
    const segment: Segment = hero?.segment ?? rng.weighted(SEGMENT_WEIGHTS);
    const industry = INDUSTRIES.find((d) => d.name === hero?.industry) ?? rng.pick(INDUSTRIES);
    const place = PLACES.find((p) => p.city === hero?.city) ?? rng.weighted(PLACES.map((p) => [p, p.weight] as const));
    const name = hero?.name ?? uniqueName(ctx, rng, industry.suffixes, names);
    names.add(name);
    const domain = hero?.domain ?? uniqueDomain(name, place, domains);
    domains.add(domain);
    const [lo, hi] = SEGMENT_EMPLOYEES[segment];
    // log-uniform: many companies near the bottom of a band, a few near the top
    const employees = Math.round(Math.exp(Math.log(lo) + rng.next() * Math.log(hi / lo)));
    const owner = pickOwner(rng, org.reps, segment, place.territory);
    const createdAt = roundSecond(addDays(ctx.now, -rng.int(60, 900) - rng.next()));
    const technologies = sample(rng, TECHNOLOGIES, rng.int(2, 6)).sort();
    const id = ctx.id();
    const revenue = Math.round(employees * industry.revenuePerEmployee * (0.7 + rng.next() * 0.6));
    const row: AccountModel['row'] = {
      id, name, domain, industry: industry.name, employees, annualRevenueMinor: Math.round(revenue / 1000) * 1000 * 100,
      technologies, country: place.country, region: place.region, city: place.city, timeZone: place.timeZone,
      ownerId: owner.id, createdAt, updatedAt: createdAt,
    };
    accounts.push({ id, name, domain, segment, industry, place, employees, technologies, owner, createdAt, leads: [], usedEmails: new Set(), row });
    ctx.data.accounts.push(row);
  }
  return accounts;
}

function pickOwner(rng: Rng, reps: RepModel[], segment: Segment, territory: string): RepModel {
  const team = reps.filter((r) => r.def.team === segment);
  const local = team.filter((r) => r.def.territory === territory);
  return rng.pick(local.length > 0 ? local : team);
}

function uniqueName(ctx: SeedCtx, rng: Rng, suffixes: string[], taken: Set<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const style = rng.next();
    const last = ctx.faker.person.lastName().replace(/[^A-Za-z' -]/g, '');
    const name =
      style < 0.55 ? `${last} ${rng.pick(suffixes)}`
      : style < 0.75 ? `${last} & ${ctx.faker.person.lastName()}`
      : style < 0.9 ? `${ctx.faker.word.adjective({ length: { min: 4, max: 8 } }).replace(/^./, (c) => c.toUpperCase())} ${rng.pick(suffixes)}`
      : `${last} ${rng.pick(['Group', 'Holdings', 'Inc.', 'Co.'])}`;
    if (!taken.has(name)) return name;
  }
  return `${ctx.faker.person.lastName()} ${rng.pick(suffixes)} ${taken.size}`;
}

function uniqueDomain(name: string, place: PlaceDef, taken: Set<string>): string {
  const slug = name.toLowerCase().replace(/&/g, 'and').replace(/\b(inc|co|group|holdings)\b\.?/g, '').replace(/[^a-z0-9]+/g, '').slice(0, 24);
  let domain = `${slug}.${place.tld}`;
  for (let n = 2; taken.has(domain); n++) domain = `${slug}${n}.${place.tld}`;
  return domain;
}
