import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { campaigns, campaignTouches, leads, opportunities, opportunityContacts } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import type { CampaignRoiOutput } from './campaign-roi-schema.ts';

// Campaigns (USD unless said):
//   C1 Paid Search  paid_search  10,000  2026-01-01 .. 2026-05-01 (120 days; 2026-Q1 holds 90 of them = 75%)
//   C2 Organic Blog content           0  2025-06-01 .. (running)
//   C3 Webinar      webinar       2,000  one instant, 2026-02-10 15:00
//   C4 EU Event     event     5,000 EUR  2026-03-05
// Leads (owner, source, own campaign, created, converted) and touches:
//   L1 Anna paid_search C1 01-10 converted   touches C1 01-10, C3 02-10, C2 03-20 (after D1 and D6 closed)
//   L2 Anna content     -  01-15 converted   touches C2 01-15, C1 02-20
//   L3 Ben  webinar     C3 02-10 15:00       no touch rows: its own campaign counts as a touch at creation
//   L4 Anna website     -  03-01             no touches
//   L5 Cara paid_search C1 04-10             touch C1 04-10 (Q2)
// Won deals (owner, primary contact [+ contacts], value, closed, source):
//   D1 Anna L1        30,000 USD 03-15 (source from L1: paid_search)   first C1, any {C1, C3}
//   D2 Anna L4 [+L2]  12,000 USD 03-20 (source from L4: website)       first C2, any {C2, C1}
//   D3 Ben  L3         9,000 USD 03-25 webinar                          first C3, any {C3}
//   D4 Anna L4         5,000 USD 03-28 (website)                        unattributed
//   D5 Cara L5        20,000 USD 05-10 (paid_search)                    Q2: first C1
//   D6 Anna L1         8,000 EUR 03-10 paid_search                      first C1, any {C1, C3}: a win, no USD revenue
describe('campaign_roi', () => {
  let store: Store;
  let org: FixtureOrg;
  const [c1, c2, c3, c4] = [fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const [l1, l2, l3, l4, l5] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const [d1, d2, d3, d4, d5, d6] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const at = (day: string, time = '12:00:00') => new Date(`${day}T${time}Z`);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna, repBen, repCara } = org.users;
    const { acme, globex, initech } = org.accounts;
    await store.db.insert(campaigns).values([
      { id: c1, name: 'Paid Search', channel: 'paid_search', costMinor: 10_000_00, startsAt: at('2026-01-01', '00:00:00'), endsAt: at('2026-05-01', '00:00:00') },
      { id: c2, name: 'Organic Blog', channel: 'content', costMinor: 0, startsAt: at('2025-06-01') },
      { id: c3, name: 'Webinar', channel: 'webinar', costMinor: 2_000_00, startsAt: at('2026-02-10', '15:00:00'), endsAt: at('2026-02-10', '15:00:00') },
      { id: c4, name: 'EU Event', channel: 'event', costMinor: 5_000_00, currency: 'EUR', startsAt: at('2026-03-05'), endsAt: at('2026-03-05') },
    ]);
    const lead = (id: string, name: string, ownerId: string, accountId: string, source: 'paid_search' | 'content' | 'webinar' | 'website', campaignId: string | null, created: Date, converted?: string) => ({
      id, fullName: name, ownerId, accountId, source, campaignId, createdAt: created, convertedAt: converted ? at(converted) : null,
    });
    await store.db.insert(leads).values([
      lead(l1, 'Lee One', repAnna.userId, acme, 'paid_search', c1, at('2026-01-10'), '2026-02-01'),
      lead(l2, 'Lee Two', repAnna.userId, acme, 'content', null, at('2026-01-15'), '2026-03-01'),
      lead(l3, 'Lee Three', repBen.userId, globex, 'webinar', c3, at('2026-02-10', '15:00:00')),
      lead(l4, 'Lee Four', repAnna.userId, acme, 'website', null, at('2026-03-01')),
      lead(l5, 'Lee Five', repCara.userId, initech, 'paid_search', c1, at('2026-04-10')),
    ]);
    const touch = (campaignId: string, leadId: string, when: Date) => ({ campaignId, leadId, touchedAt: when, kind: 'touch' });
    await store.db.insert(campaignTouches).values([
      touch(c1, l1, at('2026-01-10')), touch(c3, l1, at('2026-02-10')), touch(c2, l1, at('2026-03-20')),
      touch(c2, l2, at('2026-01-15')), touch(c1, l2, at('2026-02-20')),
      touch(c1, l5, at('2026-04-10')),
    ]);
    const deal = (id: string, name: string, ownerId: string, accountId: string, contact: string, value: number, closed: string, source: 'webinar' | 'paid_search' | null, currency = 'USD') => ({
      id, name, ownerId, accountId, primaryContactId: contact, valueMinor: value * 100, currency, closedAt: at(closed), source,
      stage: 'closed_won' as const, outcome: 'won' as const, forecastCategory: 'closed' as const,
    });
    await store.db.insert(opportunities).values([
      deal(d1, 'D1', repAnna.userId, acme, l1, 30_000, '2026-03-15', null),
      deal(d2, 'D2', repAnna.userId, acme, l4, 12_000, '2026-03-20', null),
      deal(d3, 'D3', repBen.userId, globex, l3, 9_000, '2026-03-25', 'webinar'),
      deal(d4, 'D4', repAnna.userId, acme, l4, 5_000, '2026-03-28', null),
      deal(d5, 'D5', repCara.userId, initech, l5, 20_000, '2026-05-10', 'paid_search'),
      deal(d6, 'D6', repAnna.userId, acme, l1, 8_000, '2026-03-10', 'paid_search', 'EUR'),
    ]);
    await store.db.insert(opportunityContacts).values({ opportunityId: d2, leadId: l2, role: 'champion' });
  });
  afterAll(() => store.close());

  const usd = (dollars: number) => ({ amountMinor: Math.round(dollars * 100), currency: 'USD' });

  it('attributes 2026-Q1 first-touch, any-touch and linear, with prorated cost and ROI', async () => {
    const out = await callOk<CampaignRoiOutput>(store.db, org.users.admin, 'campaign_roi', { period: '2026-Q1' });
    expect(out.period).toEqual({ label: '2026-Q1', from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    // sorted by first-touch revenue: C1 30k, C2 12k, C3 9k, C4 0
    expect(out.campaigns.map((c) => c.name)).toEqual(['Paid Search', 'Organic Blog', 'Webinar', 'EU Event']);
    const [p, blog, web, eu] = out.campaigns;
    // C1: cost 10,000 x 90/120 = 7,500. First-touch leads L1 (converted); any-touch L1 and L2 (02-20).
    // wins first D1 + D6 = 2 (30k USD; D6 is EUR), any D1 D2 D6 = 3 (30k + 12k = 42k), linear 30k/2 + 12k/2 = 21k.
    // ROI first (30,000 - 7,500)/7,500 = 300%; any (42,000 - 7,500)/7,500 = 460%; linear (21,000 - 7,500)/7,500 = 180%
    expect(p).toMatchObject({
      cost: usd(7_500), costSharePct: 75, leads: { firstTouch: 1, anyTouch: 2 }, convertedLeads: 1, conversionRate: 100,
      wins: { firstTouch: 2, anyTouch: 3 }, revenue: { firstTouch: usd(30_000), anyTouch: usd(42_000), linear: usd(21_000) },
      roiPct: { firstTouch: 300, anyTouch: 460, linear: 180 }, costPerLead: usd(7_500), costPerWin: usd(3_750),
    });
    expect(p!.flags).toContain('cost prorated: 75.0% of the campaign\'s run falls in the period');
    // C2 costs nothing: ROI undefined (null, flagged), cost per lead 0 / 1 = 0, per win 0 / 1 = 0.
    // first-touch L2; any-touch L2 and L1 (03-20 is in Q1); D2 first, linear 6k
    expect(blog).toMatchObject({
      cost: usd(0), leads: { firstTouch: 1, anyTouch: 2 }, wins: { firstTouch: 1, anyTouch: 1 },
      revenue: { firstTouch: usd(12_000), anyTouch: usd(12_000), linear: usd(6_000) },
      roiPct: { firstTouch: null, anyTouch: null, linear: null }, costPerLead: usd(0), costPerWin: usd(0),
    });
    expect(blog!.flags).toContain('zero cost: ROI undefined');
    // C3 instant in Q1: whole 2,000. first L3 (own campaign, no touch row), any L1 + L3; wins first D3, any D1 D3 D6
    // revenue first 9k, any 30k + 9k = 39k, linear 15k + 9k = 24k: ROI 350%, 1,850%, 1,100%
    expect(web).toMatchObject({
      cost: usd(2_000), costSharePct: 100, leads: { firstTouch: 1, anyTouch: 2 }, convertedLeads: 0, conversionRate: 0,
      wins: { firstTouch: 1, anyTouch: 3 }, revenue: { firstTouch: usd(9_000), anyTouch: usd(39_000), linear: usd(24_000) },
      roiPct: { firstTouch: 350, anyTouch: 1850, linear: 1100 }, costPerLead: usd(2_000), costPerWin: usd(2_000),
    });
    // C4 is costed in EUR: no cost, no ROI, no unit costs, and no leads: conversion null
    expect(eu).toMatchObject({ cost: null, conversionRate: null, roiPct: { firstTouch: null, anyTouch: null, linear: null }, costPerLead: null, costPerWin: null });
    expect(eu!.flags[0]).toBe('cost is in EUR, not USD: ROI not computed');
    // won USD in Q1: 30 + 12 + 9 + 5 = 56k; attributed first-touch 30 + 12 + 9 = 51k; D4 unattributed.
    // cost 7,500 + 0 + 2,000 = 9,500: ROI (51,000 - 9,500) / 9,500 = 436.84% -> 436.8
    expect(out.totals).toEqual({
      cost: usd(9_500), wonRevenue: usd(56_000), attributedRevenue: usd(51_000), unattributedRevenue: usd(5_000), wins: 5, unattributedWins: 1, roiPct: 436.8,
    });
    expect(out.otherCurrencyWins).toBe(1);
    expect(out.page).toEqual({ total: 4, limit: 20, offset: 0, hasMore: false });
    expect(out.notes).toEqual(['Some campaigns are costed in another currency than USD: their cost and ROI are left out.']);
    expectFiniteNumbers(out);
    expect(out.evidence.map((e) => e.sourceId)).toEqual([c1, c2, c3, c4, d1, d2, d3]);
    expect(out.evidence[4]!.quote).toBe('D1 (Acme Corp): won USD 30,000.00; first touch Paid Search; touched by 2 campaigns');
  });

  it('takes the same quarter as from/to dates, and a rolling span cut at now', async () => {
    const byName = await callOk<CampaignRoiOutput>(store.db, org.users.admin, 'campaign_roi', { period: '2026-Q1' });
    const byDates = await callOk<CampaignRoiOutput>(store.db, org.users.admin, 'campaign_roi', { from: '2026-01-01', to: '2026-03-31' });
    expect(byDates.period).toEqual({ label: '2026-01-01 to 2026-03-31', from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    expect(byDates.totals).toEqual(byName.totals);
    // last_30_days at 2026-06-15T12:00Z: 05-17 00:00 up to and including now
    const rolling = await callOk<CampaignRoiOutput>(store.db, org.users.admin, 'campaign_roi', { period: 'last_30_days' });
    expect(rolling.period).toEqual({ label: 'last 30 days', from: '2026-05-17T00:00:00.000Z', to: '2026-06-15T12:00:00.001Z' });
  });

  it('reports lead sources: a bought source carries its campaigns\' cost, an organic one has none', async () => {
    const out = await callOk<CampaignRoiOutput>(store.db, org.users.admin, 'campaign_roi', { period: '2026-Q1' });
    // Q1 leads: L1 paid_search, L2 content, L3 webinar, L4 website (L5 is Q2).
    // wins: paid_search D1 + D6 (30k USD), website D2 + D4 (12k + 5k), webinar D3 (9k)
    expect(out.bySource.map((s) => [s.source, s.leads, s.convertedLeads, s.wins, s.revenue.amountMinor / 100, s.cost?.amountMinor ?? null, s.roiPct])).toEqual([
      ['paid_search', 1, 1, 2, 30_000, 7_500_00, 300], // (30,000 - 7,500) / 7,500
      ['website', 1, 0, 2, 17_000, null, null],
      ['webinar', 1, 0, 1, 9_000, 2_000_00, 350], // (9,000 - 2,000) / 2,000
      ['content', 1, 1, 0, 0, 0, null],
      ['event', 0, 0, 0, 0, null, null],
    ]);
    const [paid, website, , content, event] = out.bySource;
    expect(paid).toMatchObject({ costPerLead: usd(7_500), costPerWin: usd(3_750), conversionRate: 100 });
    expect(website).toMatchObject({ costBasis: 'unknown: no campaign channel buys this source', costPerLead: null, costPerWin: null });
    expect(content).toMatchObject({ costPerLead: usd(0), costPerWin: null, flags: ['zero cost: ROI undefined', 'small sample: 1 leads'] });
    expect(event).toMatchObject({ leads: 0, conversionRate: null, costPerLead: null, flags: ['a campaign cost is in another currency: cost unknown', 'small sample: 0 leads'] });
  });

  it('takes whole costs over all time', async () => {
    const out = await callOk<CampaignRoiOutput>(store.db, org.users.admin, 'campaign_roi', {});
    expect(out.period).toEqual({ label: 'all time', from: null, to: '2026-06-15T12:00:00.001Z' });
    const p = out.campaigns.find((c) => c.id === c1)!;
    // first-touch leads L1 + L5 (L1 converted); wins D1 D6 D5 = 3: 30k + 20k = 50k; any adds D2: 62k; linear 15 + 6 + 20 = 41k
    // cost 10,000: ROI 400%, 520%, 310%; per lead 10,000/2 = 5,000; per win 10,000/3 = 3,333.33
    expect(p).toMatchObject({
      cost: usd(10_000), costSharePct: 100, leads: { firstTouch: 2, anyTouch: 3 }, conversionRate: 50, wins: { firstTouch: 3, anyTouch: 4 },
      revenue: { firstTouch: usd(50_000), anyTouch: usd(62_000), linear: usd(41_000) }, roiPct: { firstTouch: 400, anyTouch: 520, linear: 310 },
      costPerLead: usd(5_000), costPerWin: { amountMinor: 333_333, currency: 'USD' },
    });
    expect(out.totals.wonRevenue).toEqual(usd(76_000));
  });

  it('returns zeros and nulls, never NaN, for an empty period', async () => {
    const out = await callOk<CampaignRoiOutput>(store.db, org.users.admin, 'campaign_roi', { period: '2020' });
    // no campaign ran in 2020: every cost share is 0, so every cost is 0 (or null for EUR) and ROI is undefined;
    // with nothing to rank by, campaigns come by name
    expect(out.campaigns.map((c) => [c.name, c.cost?.amountMinor ?? null, c.leads.firstTouch, c.wins.anyTouch, c.roiPct.firstTouch, c.costPerLead, c.conversionRate])).toEqual([
      ['EU Event', null, 0, 0, null, null, null], ['Organic Blog', 0, 0, 0, null, null, null], ['Paid Search', 0, 0, 0, null, null, null], ['Webinar', 0, 0, 0, null, null, null],
    ]);
    expect(out.totals).toEqual({ cost: usd(0), wonRevenue: usd(0), attributedRevenue: usd(0), unattributedRevenue: usd(0), wins: 0, unattributedWins: 0, roiPct: null });
    expect(out.notes).toContain('No deals were won in the period: revenue and ROI show no return yet.');
    expectFiniteNumbers(out);
    // a period that has not started yet is empty too, and ends where it starts
    const next = await callOk<CampaignRoiOutput>(store.db, org.users.admin, 'campaign_roi', { period: 'next_quarter' });
    expect(next.period).toEqual({ label: '2026-Q3', from: '2026-07-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' });
    expect(next.totals.wins).toBe(0);
    expectFiniteNumbers(next);
  });

  it('shows a rep only their own leads and deals, and says the view is partial', async () => {
    const out = await callOk<CampaignRoiOutput>(store.db, org.users.repBen, 'campaign_roi', { period: '2026-Q1' });
    // Ben sees L3 and D3 only: Webinar 1 lead, 1 win, 9k against its whole 2,000 cost; Anna's touches stay invisible
    const web = out.campaigns.find((c) => c.id === c3)!;
    expect(web).toMatchObject({ leads: { firstTouch: 1, anyTouch: 1 }, wins: { firstTouch: 1, anyTouch: 1 }, revenue: { firstTouch: usd(9_000) }, roiPct: { firstTouch: 350 } });
    expect(out.campaigns.find((c) => c.id === c1)).toMatchObject({ leads: { firstTouch: 0, anyTouch: 0 }, wins: { firstTouch: 0 } });
    expect(out.totals).toMatchObject({ wonRevenue: usd(9_000), wins: 1 });
    expect(out.notes[0]).toMatch(/^Leads and revenue are only those you can see/);
    expect(out.evidence.some((e) => e.sourceId === d1)).toBe(false);
  });

  it('filters by channel, pages, and names bad input', async () => {
    const paid = await callOk<CampaignRoiOutput>(store.db, org.users.admin, 'campaign_roi', { period: '2026-Q1', channel: 'paid_search' });
    // only C1: (30,000 - 7,500) / 7,500 = 300%
    expect(paid.campaigns.map((c) => c.id)).toEqual([c1]);
    expect(paid.totals).toMatchObject({ cost: usd(7_500), attributedRevenue: usd(30_000), roiPct: 300 });
    const second = await callOk<CampaignRoiOutput>(store.db, org.users.admin, 'campaign_roi', { period: '2026-Q1', limit: 2, offset: 2 });
    expect([second.campaigns.map((c) => c.name), second.page]).toEqual([['Webinar', 'EU Event'], { total: 4, limit: 2, offset: 2, hasMore: false }]);
    const bad = await call(store.db, org.users.admin, 'campaign_roi', { period: 'spring' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'period' }] } });
    const money = await call(store.db, org.users.admin, 'campaign_roi', { currency: 'dollars' });
    expect(money).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'currency' }] } });
  });
});

/** Fails on NaN or Infinity anywhere in a tool's output (JSON would silently turn them into null). */
function expectFiniteNumbers(value: unknown, path = '$'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (Array.isArray(value)) value.forEach((v, i) => expectFiniteNumbers(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectFiniteNumbers(v, `${path}.${k}`);
}
