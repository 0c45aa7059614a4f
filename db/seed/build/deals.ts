import { DECISION_CRITERIA, LOST_REASONS, WON_REASONS } from '../catalog/market.ts';
import { SOURCE_WIN_EFFECT } from '../catalog/marketing.ts';
import { COMPETITORS, type Segment } from '../catalog/org.ts';
import type { AccountModel, DealModel, LeadModel, MarketingModel, OrgModel, RepModel, SeedCtx } from '../model.ts';
import { clamp, sample, sigmoid, type Rng } from '../rng.ts';
import { makeSlots, nextStep, roundSeats } from '../text/compose.ts';
import { DAY, addMs, roundSecond } from '../time.ts';
import { recordHistory } from './deal-history.ts';
import { planPath } from './deal-path.ts';
import { createLead, pickSource, recentLeaning } from './leads.ts';

// ~800 opportunities over the 18 months before now. Each deal gets a latent win propensity from
// rep skill, product, source, competition and size; the outcome is drawn from it, never fixed up later.

const ACCOUNT_WEIGHT: Record<Segment, number> = { smb: 1, mid: 1.6, ent: 2.6 };
const SEAT_SHARE: Record<Segment, readonly [number, number]> = { smb: [0.15, 0.5], mid: [0.06, 0.22], ent: [0.008, 0.05] };
const COMPETITION: Record<Segment, number> = { smb: 0.4, mid: 0.55, ent: 0.7 };
const SEGMENT_WIN: Record<Segment, number> = { smb: 0.15, mid: 0, ent: -0.2 };

export function buildDeals(ctx: SeedCtx, org: OrgModel, accounts: AccountModel[], marketing: MarketingModel): DealModel[] {
  const rng = ctx.rng('deals');
  const count = Math.max(20, Math.round(800 * ctx.scale));
  const weights = accounts.map((a) => [a, ACCOUNT_WEIGHT[a.segment]] as const);
  const bought = new Map<string, Set<string>>();
  const deals: DealModel[] = [];

  for (let i = 0; i < count; i++) {
    const account = rng.weighted(weights);
    const owner = rng.chance(0.85) ? account.owner : pickTeammate(rng, org.reps, account.owner);
    const owned = bought.get(account.id) ?? new Set<string>();
    bought.set(account.id, owned);
    const product = rng.weighted(org.products.map((p) => [p, p.def.fit[account.segment] * (owned.has(p.id) ? 0.25 : 1)] as const));
    const createdAt = roundSecond(recentLeaning(rng, addMs(ctx.now, -1.5 * DAY), 546, 250));
    const primary = pickPrimary(ctx, rng, account, marketing, createdAt);
    const [lo, hi] = SEAT_SHARE[account.segment];
    const seats = Math.min(3000, roundSeats(account.employees * (lo + rng.next() * (hi - lo))));
    const competitors = rng.chance(COMPETITION[account.segment]) ? sample(rng, COMPETITORS, rng.chance(0.7) ? 1 : 2) : [];

    const logit =
      -0.3 + owner.def.skill + product.def.winEffect + SOURCE_WIN_EFFECT[primary.source] + SEGMENT_WIN[account.segment] +
      (competitors.length === 0 ? 0.3 : -0.55 * competitors.length) + rng.normal(0, 0.45);
    const propensity = sigmoid(logit);
    const wins = rng.chance(propensity);
    const plan = planPath(rng, { createdAt, won: wins, segment: account.segment, rep: owner.def, product: product.def, timeZone: owner.timeZone });
    const closed = plan.plannedClose.getTime() <= ctx.now.getTime();
    const moves = plan.moves.filter((m) => m.at.getTime() <= ctx.now.getTime());
    const closedAt = closed ? plan.plannedClose : undefined;

    const discount = wins ? Math.round(clamp(rng.normal(10 - 3 * owner.def.skill + 4 * competitors.length, 4), 0, 30) * 2) / 2 : undefined;
    const listPerSeat = product.def.perSeatMonthly;
    const listValue = seats * listPerSeat * 12 * 100;
    const id = ctx.id();
    const suffix = owned.has(product.id) ? ' - Expansion' : owned.size > 0 ? ' - Cross-sell' : '';
    owned.add(product.id);

    const deal: DealModel = {
      id, name: `${account.name} - ${product.def.name}${suffix}`, account, owner, product, primary, contacts: [primary], seats,
      pricePerSeat: discount === undefined ? listPerSeat : Math.round(listPerSeat * (1 - discount / 100)),
      createdAt, propensity, outcome: closed ? (wins ? 'won' : 'lost') : undefined, closedAt, lostReason: undefined,
      lostToCompetitor: undefined, competitors, path: [], stuck: plan.stuck,
      row: {
        id, name: '', accountId: account.id, ownerId: owner.id, primaryContactId: primary.id, productId: product.id, valueMinor: 0, currency: 'USD',
        discountPct: discount ?? null, competitors, decisionCriteria: sample(rng, DECISION_CRITERIA, rng.int(2, 4)),
        source: primary.source, campaignId: primary.campaign?.id ?? null, createdAt,
      },
    };
    deal.row.name = deal.name;
    if (deal.outcome === 'won') deal.row.wonReason = rng.pick(WON_REASONS);
    if (deal.outcome === 'lost') setLoss(rng, deal);
    if (closedAt) {
      deal.row.closedAt = closedAt;
      deal.row.outcome = deal.outcome ?? null;
    } else {
      deal.row.nextSteps = nextStep(rng, makeSlots(rng, { lead: primary, rep: owner, at: ctx.now, deal }));
    }
    deal.path = recordHistory(ctx, rng, deal, {
      moves, plannedClose: plan.plannedClose, endAt: closedAt ?? ctx.now, open: !closed,
      estimateValue: Math.round((listValue * (0.8 + rng.next() * 0.45)) / 100_000) * 100_000, listValue,
      wonValue: Math.round(listValue * (1 - (discount ?? 0) / 100)), realism: owner.def.realism,
    });
    addContacts(ctx, rng, deal);
    ctx.data.opportunities.push(deal.row);
    deals.push(deal);
  }
  return deals;
}

function pickTeammate(rng: Rng, reps: RepModel[], owner: RepModel): RepModel {
  const mates = reps.filter((r) => r.teamId === owner.teamId && r.id !== owner.id);
  return mates.length > 0 ? rng.pick(mates) : owner;
}

/** an existing contact for repeat business, otherwise a new person who came in through a source */
function pickPrimary(ctx: SeedCtx, rng: Rng, account: AccountModel, marketing: MarketingModel, createdAt: Date): LeadModel {
  const known = account.leads.filter((l) => (l.kind === 'primary' || l.kind === 'contact') && l.createdAt.getTime() < createdAt.getTime() - 5 * DAY);
  if (known.length > 0 && rng.chance(0.5)) return rng.pick(known);
  const leadAt = addMs(createdAt, -rng.int(24, 55) * DAY - rng.next() * DAY);
  // an event or webinar lead may have been met up to four months before the deal opened
  const picked = pickSource(rng, marketing, account, addMs(createdAt, -120 * DAY), leadAt);
  return createLead(ctx, rng, account, { kind: 'primary', createdAt: picked.createdAt, source: picked.source, campaign: picked.campaign, senior: true });
}

function setLoss(rng: Rng, deal: DealModel): void {
  if (deal.competitors.length > 0 && rng.chance(0.65)) {
    const competitor = rng.pick(deal.competitors);
    deal.lostToCompetitor = competitor;
    deal.lostReason = { reason: `Chose ${competitor}: ${rng.pick(['lower price', 'existing relationship', 'stronger forecasting module', 'faster implementation'])}`, objection: 'competitor' };
    deal.row.lostToCompetitor = competitor;
  } else {
    deal.lostReason = rng.pick(LOST_REASONS);
  }
  deal.row.lostReason = deal.lostReason.reason;
}

const ROLES = ['economic_buyer', 'decision_maker', 'influencer', 'user', 'influencer'] as const;

/** the buying group: the primary contact plus people brought in as the deal grows */
function addContacts(ctx: SeedCtx, rng: Rng, deal: DealModel): void {
  const extra = deal.account.segment === 'smb' ? 0 : deal.account.segment === 'mid' ? rng.int(0, 1) : rng.int(0, 2);
  const end = (deal.closedAt ?? ctx.now).getTime();
  for (let i = 0; i < extra; i++) {
    const known = deal.account.leads.filter((l) => l.kind !== 'duplicate' && l.kind !== 'prospect' && !deal.contacts.includes(l) && l.createdAt.getTime() < deal.createdAt.getTime());
    if (known.length > 0 && rng.chance(0.55)) {
      deal.contacts.push(rng.pick(known));
      continue;
    }
    const at = addMs(deal.createdAt, rng.next() * Math.min(40 * DAY, (end - deal.createdAt.getTime()) * 0.6));
    deal.contacts.push(createLead(ctx, rng, deal.account, { kind: 'contact', createdAt: at, source: deal.primary.source, campaign: undefined, senior: rng.chance(0.6) }));
  }
  const lost = deal.outcome === 'lost';
  deal.contacts.forEach((lead, i) => {
    const role = i === 0 ? (lead.seniority === 'c_level' ? 'decision_maker' : 'champion') : lost && rng.chance(0.3) ? 'blocker' : rng.pick(ROLES);
    ctx.data.opportunityContacts.push({ id: ctx.id(), opportunityId: deal.id, leadId: lead.id, role });
  });
}
