import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import type { Actor } from '../../db/repos/scope.ts';
import { opportunities, products, users } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { closedAs } from '../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface Group { label: string; n: number; wins: number; losses: number; winRate: number | null; smallSample: boolean }
interface WinLossOut {
  period: { label: string; from: string; to: string };
  overall: { closed: number; won: number; lost: number; winRate: number | null; wonValue: { amountMinor: number }; lostValue: { amountMinor: number } };
  wonReasons: { reason: string; count: number; share: number | null }[];
  lostReasons: { reason: string; count: number; share: number | null }[];
  byRep: Group[];
  byProduct: Group[];
  byCompetitor: (Group & { lostTo: number })[];
  bySource: Group[];
  patterns: { dimension: string; group: string; n: number; winRate: number; differencePoints: number; text: string }[];
  evidence: { sourceId: string; quote: string }[];
}

// Seven deals closed in the default period (the 180 days before 2026-06-15T12:00Z), oldest first:
//   W4 Cara  Analytics referral [Hooli]              won  40,000  Relationship       02-01
//   L3 Cara  Analytics event    [Globex Soft]        lost 25,000  No budget, lost to globex soft   03-01
//   L1 Anna  Core      website  [Globex Soft]        lost  5,000  Price, lost to Globex Soft       04-01
//   L2 Ben   Analytics website  [Globex Soft, Hooli] lost 15,000  price, lost to Hooli             04-15
//   W1 Anna  Core      referral [Globex Soft]        won  10,000  Integration        05-01
//   W2 Anna  Core      referral []                   won  20,000  integration        05-10
//   W3 Ben   Core      website  [Globex Soft]        won  30,000  Price              05-20
// plus one won deal of Anna's closed 2025-10-01, outside the period. Dan is a rep with no deals.
describe('win_loss_analysis', () => {
  let store: Store;
  let org: FixtureOrg;
  const [w1, w2, w3, w4, l1, l2, l3, old] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const [core, analytics] = [fixtureId(), fixtureId()];
  const dan: Actor = { userId: fixtureId(), role: 'rep', teamId: null };
  const at = (day: string) => new Date(`${day}T12:00:00Z`);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    dan.teamId = org.teams.east;
    await store.db.insert(users).values({ id: dan.userId, email: 'dan.rep@dealwise.demo', fullName: 'Dan Rep', role: 'rep', teamId: org.teams.east });
    await store.db.insert(products).values([{ id: core, name: 'Core' }, { id: analytics, name: 'Analytics' }]);
    const { repAnna, repBen, repCara } = org.users;
    const { acme, globex, initech } = org.accounts;
    const deal = (id: string, name: string, owner: Actor, accountId: string, productId: string, source: 'referral' | 'website' | 'event', competitors: string[],
      outcome: 'won' | 'lost', value: number, reason: string, day: string, lostTo?: string) => ({
      id, name, accountId, ownerId: owner.userId, productId, source, competitors, valueMinor: value * 100, ...closedAs(outcome, at(day)),
      forecastCategory: 'closed' as const,
      ...(outcome === 'won' ? { wonReason: reason } : { lostReason: reason, lostToCompetitor: lostTo ?? null }),
    });
    await store.db.insert(opportunities).values([
      deal(w4, 'W4', repCara, initech, analytics, 'referral', ['Hooli'], 'won', 40_000, 'Relationship', '2026-02-01'),
      deal(l3, 'L3', repCara, initech, analytics, 'event', ['Globex Soft'], 'lost', 25_000, 'No budget', '2026-03-01', 'globex soft'),
      deal(l1, 'L1', repAnna, acme, core, 'website', ['Globex Soft'], 'lost', 5_000, 'Price', '2026-04-01', 'Globex Soft'),
      deal(l2, 'L2', repBen, globex, analytics, 'website', ['Globex Soft', 'Hooli'], 'lost', 15_000, 'price', '2026-04-15', 'Hooli'),
      deal(w1, 'W1', repAnna, acme, core, 'referral', ['Globex Soft'], 'won', 10_000, 'Integration', '2026-05-01'),
      deal(w2, 'W2', repAnna, acme, core, 'referral', [], 'won', 20_000, 'integration', '2026-05-10'),
      deal(w3, 'W3', repBen, globex, core, 'website', ['Globex Soft'], 'won', 30_000, 'Price', '2026-05-20'),
      deal(old, 'Old', repAnna, acme, core, 'referral', [], 'won', 99_000, 'Integration', '2025-10-01'),
    ]);
  });
  afterAll(() => store.close());

  it('counts the period: rates, values, reasons, breakdowns and the one pattern with n >= 5', async () => {
    const out = await callOk<WinLossOut>(store.db, org.users.admin, 'win_loss_analysis', {});
    expect(out.period).toEqual({ label: 'last 180 days', from: '2025-12-17T12:00:00.000Z', to: '2026-06-15T12:00:00.001Z' });
    // 4 won of 7 = 57.14% -> 57.1; won 10k + 20k + 30k + 40k = 100k; lost 5k + 15k + 25k = 45k
    expect(out.overall).toEqual({
      closed: 7, won: 4, lost: 3, winRate: 57.1, wonValue: { amountMinor: 100_000_00, currency: 'USD' }, lostValue: { amountMinor: 45_000_00, currency: 'USD' },
    });
    // reasons group case-insensitively and keep the first spelling; shares are of the 4 wins / 3 losses
    expect(out.wonReasons).toEqual([
      { reason: 'Integration', count: 2, share: 50 },
      { reason: 'Price', count: 1, share: 25 },
      { reason: 'Relationship', count: 1, share: 25 },
    ]);
    expect(out.lostReasons).toEqual([
      { reason: 'Price', count: 2, share: 66.7 },
      { reason: 'No budget', count: 1, share: 33.3 },
    ]);
    // Anna W1 W2 L1 = 2/3; Ben W3 L2 = 1/2; Cara W4 L3 = 1/2; Dan none
    expect(out.byRep.map((g) => [g.label, g.n, g.wins, g.losses, g.winRate, g.smallSample])).toEqual([
      ['Anna Rep', 3, 2, 1, 66.7, true],
      ['Ben Rep', 2, 1, 1, 50, true],
      ['Cara Rep', 2, 1, 1, 50, true],
      ['Dan Rep', 0, 0, 0, null, true],
    ]);
    expect(out.byProduct.map((g) => [g.label, g.n, g.wins, g.winRate])).toEqual([['Core', 4, 3, 75], ['Analytics', 3, 1, 33.3]]);
    // Globex Soft on W1 W3 L1 L2 L3 = 2/5 = 40%, lost to it: L1 and L3 ("globex soft"); Hooli on L2 W4 = 1/2, lost to it: L2
    expect(out.byCompetitor.map((g) => [g.label, g.n, g.wins, g.losses, g.winRate, g.lostTo, g.smallSample])).toEqual([
      ['Globex Soft', 5, 2, 3, 40, 2, false],
      ['Hooli', 2, 1, 1, 50, 1, true],
    ]);
    expect(out.bySource.map((g) => [g.label, g.n, g.wins, g.winRate])).toEqual([['referral', 3, 3, 100], ['website', 3, 1, 33.3], ['event', 1, 0, 0]]);
    // only Globex Soft has n >= 5: 40.0 - 57.1 = -17.1 points
    expect(out.patterns).toEqual([
      { dimension: 'competitor', group: 'Globex Soft', n: 5, winRate: 40, differencePoints: -17.1, text: 'Deals against Globex Soft won 2 of 5 (40.0%) against 57.1% overall: 17.1 points lower.' },
    ]);
    // an example per top reason (first deal giving it), then the pattern's first two deals, without repeats
    expect(out.evidence.map((e) => e.sourceId)).toEqual([w1, w3, w4, l1, l3]);
    expect(out.evidence[3]?.quote).toBe('L1 (Acme Corp, Anna Rep): lost, USD 5,000.00: Price; lost to Globex Soft');
  });

  it('takes whole days for from/to', async () => {
    const out = await callOk<WinLossOut>(store.db, org.users.admin, 'win_loss_analysis', { from: '2026-04-01', to: '2026-04-15' });
    expect([out.overall.closed, out.overall.lost, out.overall.winRate]).toEqual([2, 2, 0]);
    expect(out.period).toEqual({ label: '2026-04-01 to 2026-04-15', from: '2026-04-01T00:00:00.000Z', to: '2026-04-16T00:00:00.000Z' });
  });

  it('takes a named period, not the default 180 days (the "2017" question)', async () => {
    // 2025 holds only "Old", won 2025-10-01 for 99k; the default window would not reach it
    const year = await callOk<WinLossOut>(store.db, org.users.admin, 'win_loss_analysis', { period: '2025' });
    expect(year.period).toEqual({ label: '2025', from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
    expect([year.overall.closed, year.overall.won, year.overall.wonValue.amountMinor]).toEqual([1, 1, 99_000_00]);
    const lastQuarter = await callOk<WinLossOut>(store.db, org.users.admin, 'win_loss_analysis', { period: 'last_quarter' });
    expect(lastQuarter.period.label).toBe('2026-Q1');
    const both = await call(store.db, org.users.admin, 'win_loss_analysis', { period: '2025', to: '2025-12-31' });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'period' }] } });
  });

  it('reports an empty period with null rates and every rep at n = 0', async () => {
    const out = await callOk<WinLossOut>(store.db, org.users.managerEast, 'win_loss_analysis', { from: '2020-01-01', to: '2020-12-31' });
    expect(out.overall).toMatchObject({ closed: 0, won: 0, lost: 0, winRate: null, wonValue: { amountMinor: 0 } });
    expect([out.wonReasons, out.lostReasons, out.byProduct, out.byCompetitor, out.patterns, out.evidence]).toEqual([[], [], [], [], [], []]);
    expect(out.byRep.map((g) => [g.label, g.n, g.winRate])).toEqual([['Anna Rep', 0, null], ['Ben Rep', 0, null], ['Dan Rep', 0, null]]);
  });

  it('shows a rep only their own deals, and a rep with none gets zeros', async () => {
    const anna = await callOk<WinLossOut>(store.db, org.users.repAnna, 'win_loss_analysis', {});
    expect([anna.overall.closed, anna.overall.won, anna.overall.winRate]).toEqual([3, 2, 66.7]);
    expect(anna.byRep.map((g) => g.label)).toEqual(['Anna Rep']);
    const none = await callOk<WinLossOut>(store.db, dan, 'win_loss_analysis', {});
    expect(none.overall).toMatchObject({ closed: 0, winRate: null });
    expect(none.byRep).toEqual([{ label: 'Dan Rep', n: 0, wins: 0, losses: 0, winRate: null, smallSample: true }]);
  });

  it('filters by team and owner, and names bad input', async () => {
    // East: Anna's W1 W2 L1 and Ben's W3 L2 = 3 of 5
    const east = await callOk<WinLossOut>(store.db, org.users.admin, 'win_loss_analysis', { team: 'East' });
    expect([east.overall.closed, east.overall.winRate]).toEqual([5, 60]);
    const ben = await callOk<WinLossOut>(store.db, org.users.admin, 'win_loss_analysis', { owner: 'Ben Rep' });
    expect([ben.overall.closed, ben.byRep.map((g) => g.label)]).toEqual([2, ['Ben Rep']]);
    const inverted = await call(store.db, org.users.admin, 'win_loss_analysis', { from: '2026-05-01', to: '2026-04-01' });
    expect(inverted).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'from' }] } });
    const bad = await call(store.db, org.users.admin, 'win_loss_analysis', { from: 'last spring' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'from' }] } });
  });
});
