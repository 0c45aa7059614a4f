import type { DealModel, LeadModel, RepModel } from '../model.ts';
import { dollars } from '../text/slots.ts';
import { addDays, atLocal, spokenDate, wallClock } from '../time.ts';

// The facts a sample file talks about, taken from a real seeded deal, so an ingested file links
// back to an account, a contact and an opportunity that exist in the store.

export interface Story {
  deal: DealModel;
  rep: RepModel;
  buyer: LeadModel;
  second: LeadModel;
  company: string;
  product: string;
  seats: number;
  pilotSeats: number;
  perSeat: number;
  total: string;
  discounted: string;
  competitor: string;
  /** "July 15" style dates after now, nearest first */
  dates: [string, string, string];
  slug: string;
}

export function storyOf(deal: DealModel, now: Date): Story {
  const perSeat = deal.product.def.perSeatMonthly;
  const total = deal.seats * perSeat * 12;
  const second = deal.contacts.find((c) => c !== deal.primary) ?? deal.primary;
  return {
    deal, rep: deal.owner, buyer: deal.primary, second, company: deal.account.name, product: deal.product.def.name, seats: deal.seats,
    pilotSeats: Math.min(25, Math.max(5, Math.round(deal.seats / 10 / 5) * 5)), perSeat, total: dollars(total), discounted: dollars(Math.round(total * 0.9)),
    competitor: deal.competitors[0] ?? 'Closewell',
    dates: [spokenDate(addDays(now, 12)), spokenDate(addDays(now, 26)), spokenDate(addDays(now, 45))],
    slug: deal.account.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
  };
}

/** local hour:minute in `tz` on the weekday `daysAgo` days before now (earlier if that is a weekend) */
export function workdayAgo(now: Date, daysAgo: number, tz: string, hour: number, minute: number): Date {
  let at = atLocal(addDays(now, -daysAgo), tz, hour, minute);
  while ([0, 6].includes(wallClock(at, tz).getUTCDay())) at = atLocal(addDays(at, -1), tz, hour, minute);
  return at;
}
