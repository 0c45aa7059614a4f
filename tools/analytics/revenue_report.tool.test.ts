import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { opportunities, products, users } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface Money { amountMinor: number; currency: string }
interface Trend { previous: Money; delta: Money; changePct: number | null }
interface RevenueOut {
  period: { label: string; start: string; end: string };
  previousPeriod: { label: string };
  bucket: string;
  total: { won: Money; deals: number; target: Money | null; attainment: number | null; trend: Trend };
  buckets: { label: string; complete: boolean; won: Money; deals: number; target: Money | null; attainment: number | null }[];
  groups: { key: string; label: string; won: Money; deals: number; target: Money | null; attainment: number | null; trend: Trend; byBucket: { period: string; wonMinor: number }[] }[];
  groupsTotal: number;
  otherCurrencyDeals: number;
  notes: string[];
  evidence: { sourceId: string; quote: string }[];
}

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

// Quarterly quotas (USD): Anna 300,000.00, Ben 250,000.00, Cara 200,000.00 (fixture org), Dan 150,000.00 (added, no deals).
// Won in 2026-Q2 (now = 2026-06-15T12:00Z):
//   W1 Anna  40,000.00 Core    04-10     W2 Anna 20,000.00 Add-on 05-05
//   W3 Ben   30,000.00 Core    05-20     W4 Cara 10,000.00 (none) 06-01
//   L1 Ben   50,000.00 lost 05-10 (not revenue)   E1 Anna EUR 99,000.00 won 05-15 (other currency)
//   F1 Anna   5,000.00 "won" 06-16, after now: not counted yet
// Won in 2026-Q1: P1 Anna 50,000.00 Core 02-10; P2 Ben 10,000.00 (none) 03-31T23:00Z.
describe('revenue_report', () => {
  let store: Store;
  let org: FixtureOrg;
  const dan = fixtureId();
  const core = fixtureId();
  const addOn = fixtureId();
  const [w1, w2, w3, w4] = [fixtureId(), fixtureId(), fixtureId(), fixtureId()];

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(users).values({ id: dan, email: 'dan.rep@dealwise.demo', fullName: 'Dan Rep', role: 'rep', teamId: org.teams.east, quarterlyQuotaMinor: 150_000_00 });
    await store.db.insert(products).values([{ id: core, name: 'Core Platform' }, { id: addOn, name: 'Add-on' }]);
    const { repAnna, repBen, repCara } = org.users;
    const deal = (id: string, name: string, ownerId: string, valueMinor: number, closedAt: string, extra: Partial<typeof opportunities.$inferInsert> = {}) => ({
      id, name, accountId: org.accounts.acme, ownerId, valueMinor, stage: 'closed_won' as const, outcome: 'won' as const, closedAt: new Date(closedAt), ...extra,
    });
    await store.db.insert(opportunities).values([
      deal(w1, 'W1', repAnna.userId, 40_000_00, '2026-04-10T10:00:00Z', { productId: core }),
      deal(w2, 'W2', repAnna.userId, 20_000_00, '2026-05-05T10:00:00Z', { productId: addOn }),
      deal(w3, 'W3', repBen.userId, 30_000_00, '2026-05-20T10:00:00Z', { productId: core }),
      deal(w4, 'W4', repCara.userId, 10_000_00, '2026-06-01T10:00:00Z'),
      deal(fixtureId(), 'L1', repBen.userId, 50_000_00, '2026-05-10T10:00:00Z', { stage: 'closed_lost', outcome: 'lost' }),
      deal(fixtureId(), 'E1', repAnna.userId, 99_000_00, '2026-05-15T10:00:00Z', { currency: 'EUR' }),
      deal(fixtureId(), 'F1', repAnna.userId, 5_000_00, '2026-06-16T10:00:00Z'),
      deal(fixtureId(), 'P1', repAnna.userId, 50_000_00, '2026-02-10T10:00:00Z', { productId: core }),
      deal(fixtureId(), 'P2', repBen.userId, 10_000_00, '2026-03-31T23:00:00Z'),
    ]);
  });
  afterAll(() => store.close());

  it('sums the quarter by month against the pro-rated quotas, with the trend on the previous quarter', async () => {
    const out = await callOk<RevenueOut>(store.db, org.users.admin, 'revenue_report', { period: 'this_quarter' });
    expect([out.period, out.previousPeriod.label, out.bucket]).toEqual([{ label: '2026-Q2', start: '2026-04-01', end: '2026-06-30' }, '2026-Q1', 'month']);
    // won 40,000 + 20,000 + 30,000 + 10,000 = 100,000.00; target 300k + 250k + 200k + 150k = 900,000.00
    // attainment 100,000 / 900,000 = 11.11% -> 11.1; previous 50,000 + 10,000 = 60,000; +40,000 = +66.67% -> 66.7
    expect(out.total).toEqual({
      won: usd(100_000_00), deals: 4, target: usd(900_000_00), attainment: 11.1,
      trend: { previous: usd(60_000_00), delta: usd(40_000_00), changePct: 66.7 },
    });
    // monthly target 900,000 / 3 = 300,000.00: April 40,000 -> 13.3%; May 50,000 -> 16.7%; June 10,000 -> 3.3% (running)
    expect(out.buckets.map((b) => [b.label, b.complete, b.won.amountMinor, b.deals, b.target?.amountMinor, b.attainment])).toEqual([
      ['2026-04', true, 40_000_00, 1, 300_000_00, 13.3],
      ['2026-05', true, 50_000_00, 2, 300_000_00, 16.7],
      ['2026-06', false, 10_000_00, 1, 300_000_00, 3.3],
    ]);
    expect(out.otherCurrencyDeals).toBe(1);
    expect(out.groups).toEqual([]);
    expect(out.evidence[0]).toMatchObject({ sourceId: w1, quote: 'W1 (Acme Corp) won 2026-04-10 for USD 40,000.00 by Anna Rep, product Core Platform' });
    expect(out.evidence.map((e) => e.sourceId)).toEqual([w1, w3, w2, w4]);
    expect(out.notes.join(' ')).toMatch(/2026-Q2 is still running/);
  });

  it('breaks down by rep, every rep in scope included, each against their own quota', async () => {
    const out = await callOk<RevenueOut>(store.db, org.users.managerEast, 'revenue_report', { period: '2026-Q2', groupBy: 'rep' });
    // East sees Anna, Ben, Dan: 60,000 + 30,000 = 90,000.00 of 300k + 250k + 150k = 700,000.00 -> 12.86% -> 12.9
    expect([out.total.won.amountMinor, out.total.target?.amountMinor, out.total.attainment]).toEqual([90_000_00, 700_000_00, 12.9]);
    expect(out.groups.map((g) => [g.label, g.won.amountMinor, g.deals, g.target?.amountMinor, g.attainment, g.trend.delta.amountMinor, g.trend.changePct])).toEqual([
      // Anna 60,000 / 300,000 = 20.0%; Q1 50,000 -> +10,000 = +20.0%
      ['Anna Rep', 60_000_00, 2, 300_000_00, 20, 10_000_00, 20],
      // Ben 30,000 / 250,000 = 12.0%; Q1 10,000 -> +20,000 = +200.0%
      ['Ben Rep', 30_000_00, 1, 250_000_00, 12, 20_000_00, 200],
      // Dan: no deals at all -> zeros, 0.0% of his quota, no % change on a zero base
      ['Dan Rep', 0, 0, 150_000_00, 0, 0, null],
    ]);
    expect(out.groups[0]?.byBucket).toEqual([{ period: '2026-04', wonMinor: 40_000_00 }, { period: '2026-05', wonMinor: 20_000_00 }, { period: '2026-06', wonMinor: 0 }]);
    expect(out.groupsTotal).toBe(3);
  });

  it('pro-rates a quarterly quota to a month: a third of it', async () => {
    const out = await callOk<RevenueOut>(store.db, org.users.admin, 'revenue_report', { period: '2026-05', owner: 'Ben Rep' });
    // Ben's May target 250,000.00 / 3 = 83,333.33; won 30,000.00 -> 36.0%; April (previous month) 0 -> change null
    expect(out.total).toEqual({
      won: usd(30_000_00), deals: 1, target: usd(8_333_333), attainment: 36,
      trend: { previous: usd(0), delta: usd(30_000_00), changePct: null },
    });
    expect(out.buckets).toHaveLength(1);
  });

  it('breaks down by product, with no product target, and a single-row group for a rep', async () => {
    const out = await callOk<RevenueOut>(store.db, org.users.admin, 'revenue_report', { period: '2026-Q2', groupBy: 'product' });
    // Core 40,000 + 30,000 = 70,000 (Q1 50,000 -> +40.0%); Add-on 20,000 (Q1 0 -> null); none 10,000 (Q1 10,000 -> 0.0%)
    expect(out.groups.map((g) => [g.label, g.won.amountMinor, g.deals, g.target, g.attainment, g.trend.changePct])).toEqual([
      ['Core Platform', 70_000_00, 2, null, null, 40],
      ['Add-on', 20_000_00, 1, null, null, null],
      ['(no product)', 10_000_00, 1, null, null, 0],
    ]);
    const cara = await callOk<RevenueOut>(store.db, org.users.repCara, 'revenue_report', { period: '2026-Q2', groupBy: 'rep' });
    // Cara alone: 10,000 / 200,000 = 5.0%; Q1 nothing
    expect(cara.groups).toEqual([{
      key: org.users.repCara.userId, label: 'Cara Rep', won: usd(10_000_00), deals: 1, target: usd(200_000_00), attainment: 5,
      trend: { previous: usd(0), delta: usd(10_000_00), changePct: null },
      byBucket: [{ period: '2026-04', wonMinor: 0 }, { period: '2026-05', wonMinor: 0 }, { period: '2026-06', wonMinor: 10_000_00 }],
    }]);
    const filtered = await callOk<RevenueOut>(store.db, org.users.admin, 'revenue_report', { period: '2026-Q2', product: 'Core Platform' });
    expect([filtered.total.won.amountMinor, filtered.total.target, filtered.total.attainment]).toEqual([70_000_00, null, null]);
  });

  it('reports a year by quarter, leaving out deals dated after now', async () => {
    const out = await callOk<RevenueOut>(store.db, org.users.admin, 'revenue_report', { period: '2026' });
    expect([out.bucket, out.previousPeriod.label]).toEqual(['quarter', '2025']);
    // Q1 60,000; Q2 100,000 (F1 on 06-16 is after now); target per quarter 900,000; year 3,600,000 -> 160,000 / 3,600,000 = 4.4%
    expect(out.buckets.map((b) => [b.label, b.won.amountMinor, b.target?.amountMinor, b.attainment])).toEqual([
      ['2026-Q1', 60_000_00, 900_000_00, 6.7], ['2026-Q2', 100_000_00, 900_000_00, 11.1], ['2026-Q3', 0, 900_000_00, 0], ['2026-Q4', 0, 900_000_00, 0],
    ]);
    expect([out.total.won.amountMinor, out.total.target?.amountMinor, out.total.attainment, out.total.trend.changePct]).toEqual([160_000_00, 3_600_000_00, 4.4, null]);
  });

  it('answers an empty period with zeros and nulls, never NaN', async () => {
    const out = await callOk<RevenueOut>(store.db, org.users.admin, 'revenue_report', { period: '2025-Q3', groupBy: 'product' });
    expect(out.total).toEqual({ won: usd(0), deals: 0, target: usd(900_000_00), attainment: 0, trend: { previous: usd(0), delta: usd(0), changePct: null } });
    expect(out.buckets.map((b) => b.won.amountMinor)).toEqual([0, 0, 0]);
    expect([out.groups, out.evidence]).toEqual([[], []]);
    expect(JSON.stringify(out)).not.toMatch(/NaN|Infinity/);
  });

  it('keeps currencies apart: EUR revenue has no USD quota behind it', async () => {
    const out = await callOk<RevenueOut>(store.db, org.users.admin, 'revenue_report', { period: '2026-Q2', currency: 'eur' });
    expect([out.total.won, out.total.target, out.otherCurrencyDeals]).toEqual([{ amountMinor: 99_000_00, currency: 'EUR' }, null, 4]);
    expect(out.notes.join(' ')).toMatch(/4 rep\(s\) have a quota in another currency than EUR/);
  });

  it('keeps a rep to their own numbers and names bad input', async () => {
    const anna = await callOk<RevenueOut>(store.db, org.users.repAnna, 'revenue_report', { period: '2026-Q2' });
    expect([anna.total.won.amountMinor, anna.total.target?.amountMinor, anna.total.attainment]).toEqual([60_000_00, 300_000_00, 20]);
    expect(await call(store.db, org.users.repAnna, 'revenue_report', { owner: 'Ben Rep' })).toMatchObject({ ok: false, error: { code: 'not_found:user' } });
    expect(await call(store.db, org.users.admin, 'revenue_report', { period: '2026-Q2', bucket: 'year' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'bucket' }] } });
    expect(await call(store.db, org.users.admin, 'revenue_report', { period: '2026-13' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'period' }] } });
  });
});
