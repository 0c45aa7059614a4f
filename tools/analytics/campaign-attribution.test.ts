import { describe, expect, it } from 'vitest';
import type { TouchRow, WonDealRow } from '../../db/repos/analytics-campaigns.ts';
import { attribute, costShare } from './campaign-attribution.ts';

const d = (day: string) => new Date(`${day}T00:00:00Z`);
const now = d('2026-06-15');
const q1 = { from: d('2026-01-01'), toExclusive: d('2026-04-01') };

describe('costShare', () => {
  it('spreads a campaign\'s cost evenly over its run', () => {
    // 2026-01-01 .. 2026-05-01 is 120 days, Q1 holds 90 of them
    expect(costShare({ startsAt: d('2026-01-01'), endsAt: d('2026-05-01') }, q1, now)).toBe(0.75);
    // still running: the run ends at now. 2025-12-17 .. 2026-06-15 = 180 days, Q1 holds 90
    expect(costShare({ startsAt: d('2025-12-17'), endsAt: null }, q1, now)).toBe(0.5);
    // wholly inside, wholly outside
    expect(costShare({ startsAt: d('2026-02-01'), endsAt: d('2026-02-10') }, q1, now)).toBe(1);
    expect(costShare({ startsAt: d('2026-05-01'), endsAt: d('2026-05-10') }, q1, now)).toBe(0);
  });

  it('counts one-instant and undated campaigns whole, and everything whole over all time', () => {
    expect(costShare({ startsAt: d('2026-02-10'), endsAt: d('2026-02-10') }, q1, now)).toBe(1);
    expect(costShare({ startsAt: d('2026-04-01'), endsAt: d('2026-04-01') }, q1, now)).toBe(0); // the end is exclusive
    expect(costShare({ startsAt: null, endsAt: null }, q1, now)).toBe(1);
    expect(costShare({ startsAt: d('2026-01-01'), endsAt: d('2026-05-01') }, { from: null, toExclusive: now }, now)).toBe(1);
    // an end before the start is read as one instant
    expect(costShare({ startsAt: d('2026-03-01'), endsAt: d('2026-02-01') }, q1, now)).toBe(1);
  });
});

describe('attribute', () => {
  const touch = (leadId: string, campaignId: string, day: string): TouchRow => ({ leadId, campaignId, touchedAt: d(day), opportunityId: null, origin: 'touch' });
  const deal = (id: string, contactIds: string[], value: number, closed: string, campaignId: string | null = null, currency = 'USD'): WonDealRow => ({
    id, name: id, account: 'Acme', valueMinor: value, currency, closedAt: d(closed), source: null, campaignId, primaryContactId: contactIds[0] ?? null, primaryContactSource: null, contactIds,
  });

  it('splits one deal three ways linearly and gives each campaign the full value any-touch', () => {
    // touches before the close: X 01-05, Y 01-10, Z 02-01 (on a second contact); W 03-20 is after the close
    const out = attribute({
      leads: [],
      touches: [touch('a', 'X', '2026-01-05'), touch('a', 'Y', '2026-01-10'), touch('b', 'Z', '2026-02-01'), touch('a', 'W', '2026-03-20')],
      deals: [deal('D', ['a', 'b'], 900, '2026-03-01')],
      window: q1,
      currency: 'USD',
    });
    // first touch X gets 900; any-touch X, Y, Z get 900 each (2,700 in all); linear 300 each
    expect(out.deals.get('X')).toMatchObject({ firstTouchWins: 1, firstTouchRevenueMinor: 900, anyTouchRevenueMinor: 900, linearRevenueMinor: 300 });
    expect(out.deals.get('Y')).toMatchObject({ firstTouchWins: 0, anyTouchWins: 1, anyTouchRevenueMinor: 900, linearRevenueMinor: 300 });
    expect(out.deals.get('Z')).toMatchObject({ anyTouchWins: 1, linearRevenueMinor: 300 });
    expect(out.deals.has('W')).toBe(false);
    expect(out.unattributed).toEqual({ wins: 0, revenueMinor: 0 });
  });

  it('falls back to the deal\'s campaign, counts other currencies as wins without revenue, and leaves the rest unattributed', () => {
    const out = attribute({
      leads: [],
      touches: [],
      deals: [deal('D1', ['a'], 500, '2026-02-01', 'C'), deal('D2', ['a'], 700, '2026-02-02', 'C', 'EUR'), deal('D3', [], 300, '2026-02-03')],
      window: q1,
      currency: 'USD',
    });
    expect(out.deals.get('C')).toMatchObject({ firstTouchWins: 2, anyTouchWins: 2, firstTouchRevenueMinor: 500, linearRevenueMinor: 500 });
    expect(out.unattributed).toEqual({ wins: 1, revenueMinor: 300 });
  });
});
