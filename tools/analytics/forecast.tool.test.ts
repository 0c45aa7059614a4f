import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { opportunities, products, users } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg, type NewOpportunity } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import type { ForecastOutput } from './forecast/schema.ts';

// Now = 2026-06-15T12:00Z; this_month = June 2026. No deal has stage or field history, so there is nothing
// to calibrate on and no slips to learn: every open deal closes on its expected date (the fallback).
//   W1 Anna  won 2026-06-03          5,000.00   -> won so far
//   W2 Ben   won 2026-05-20          7,000.00   (May: not in June)
//   O1 Anna  negotiation commit p 80 10,000.00  expected 06-20
//   O2 Anna  proposal best_case p 40 20,000.00  expected 06-28
//   O3 Ben   negotiation commit p 60 30,000.00  expected 07-10  (July: outside June)
//   O4 Ben   discovery, no probability 40,000.00 expected 06-25 (no stored p, no stage history: left out)
//   O5 Cara  negotiation commit p 75 50,000.00  expected 06-18  (team West), product Core
//   E1 Anna  proposal EUR p 50 99,000.00 expected 06-20 (other currency)
// June, all deals (admin):
//   won = 5,000.00; commit = O1 + O5 = 60,000.00; weighted = 10,000 x 0.8 + 20,000 x 0.4 + 50,000 x 0.75 = 53,500.00
//   expected = 5,000 + 53,500 = 58,500.00
//   simulated: O1 (0.8, 10k), O2 (0.4, 20k), O5 (0.75, 50k), all inside June:
//     O5 lost (0.25): 0 (0.2 x 0.6 x 0.25 = 0.03), 10k (0.12, cum 0.15), 20k (0.02, cum 0.17), 30k (0.08, cum 0.25)
//     O5 won (0.75): 50k (0.09, cum 0.34), 60k (0.36, cum 0.70), 70k (0.06, cum 0.76), 80k (0.24, cum 1.00)
//   P10 in the 10k plateau, P50 in 60k, P90 in 80k, plus won 5k: 15,000.00 / 65,000.00 / 85,000.00
// Anna alone: O1, O2: 0 (0.12), 10k (0.48, cum 0.60), 20k (0.08, cum 0.68), 30k (0.32): + 5k = 5,000 / 15,000 / 35,000.
// Cara alone: O5: 0 (0.25) or 50k: P10 0, P50 50,000, P90 50,000.
describe('forecast', () => {
  let store: Store;
  let org: FixtureOrg;
  const ids = { w1: fixtureId(), w2: fixtureId(), o1: fixtureId(), o2: fixtureId(), o3: fixtureId(), o4: fixtureId(), o5: fixtureId(), e1: fixtureId() };
  const core = fixtureId();
  const danId = fixtureId();
  const dan = { userId: danId, role: 'rep' as const, teamId: '' };

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    dan.teamId = org.teams.east;
    await store.db.insert(users).values({ id: danId, email: 'dan.rep@dealwise.demo', fullName: 'Dan Rep', role: 'rep', teamId: org.teams.east, timeZone: 'America/New_York' });
    await store.db.insert(products).values({ id: core, name: 'Core Platform' });
    const { repAnna, repBen, repCara } = org.users;
    const { acme, globex, initech } = org.accounts;
    const created = new Date('2026-03-01T00:00:00Z');
    const deal = (id: string, name: string, ownerId: string, accountId: string, extra: Partial<NewOpportunity> & { valueMinor: number }): NewOpportunity => ({ id, name, ownerId, accountId, createdAt: created, ...extra });
    await store.db.insert(opportunities).values([
      deal(ids.w1, 'Acme renewal', repAnna.userId, acme, { valueMinor: 5_000_00, stage: 'closed_won', forecastCategory: 'closed', outcome: 'won', closedAt: new Date('2026-06-03T15:00:00Z') }),
      deal(ids.w2, 'Globex pilot', repBen.userId, globex, { valueMinor: 7_000_00, stage: 'closed_won', forecastCategory: 'closed', outcome: 'won', closedAt: new Date('2026-05-20T15:00:00Z') }),
      deal(ids.o1, 'Acme expansion', repAnna.userId, acme, { valueMinor: 10_000_00, stage: 'negotiation', forecastCategory: 'commit', probability: 80, expectedCloseDate: '2026-06-20' }),
      deal(ids.o2, 'Acme analytics', repAnna.userId, acme, { valueMinor: 20_000_00, stage: 'proposal', forecastCategory: 'best_case', probability: 40, expectedCloseDate: '2026-06-28' }),
      deal(ids.o3, 'Globex platform', repBen.userId, globex, { valueMinor: 30_000_00, stage: 'negotiation', forecastCategory: 'commit', probability: 60, expectedCloseDate: '2026-07-10' }),
      deal(ids.o4, 'Globex services', repBen.userId, globex, { valueMinor: 40_000_00, stage: 'discovery', forecastCategory: 'pipeline', probability: null, expectedCloseDate: '2026-06-25' }),
      deal(ids.o5, 'Initech core', repCara.userId, initech, { valueMinor: 50_000_00, stage: 'negotiation', forecastCategory: 'commit', probability: 75, expectedCloseDate: '2026-06-18', productId: core }),
      deal(ids.e1, 'Acme Europe', repAnna.userId, acme, { valueMinor: 99_000_00, currency: 'EUR', stage: 'proposal', forecastCategory: 'best_case', probability: 50, expectedCloseDate: '2026-06-20' }),
    ]);
  });
  afterAll(async () => {
    await store.close();
  });

  const amounts = (g: ForecastOutput['total']) => [g.won, g.commit, g.weighted, g.expected, g.p10, g.p50, g.p90].map((m) => m.amountMinor);
  const forecast = (actor: FixtureOrg['users']['admin'], input: Record<string, unknown>) => callOk<ForecastOutput>(store.db, actor, 'forecast', input);

  it('adds won, commit, weighted and the simulated worst/most likely/best case for the month', async () => {
    const out = await forecast(org.users.admin, { period: 'this_month' });
    expect(out.period).toEqual({ label: '2026-06', granularity: 'month', start: '2026-06-01', end: '2026-07-01' });
    expect(amounts(out.total)).toEqual([5_000_00, 60_000_00, 53_500_00, 58_500_00, 15_000_00, 65_000_00, 85_000_00]);
    expect(out.total.interval).toEqual({ low: out.total.p10, high: out.total.p90, level: 80 });
    expect([out.total.wonDeals, out.total.commitDeals, out.total.expectedDeals, out.total.simulatedDeals]).toEqual([1, 2, 4, 3]);
    expect(out.probabilitySources).toEqual({ stored: 4, stageWinRate: 0, model: 0, none: 1 });
    expect(out.otherCurrencyDeals).toBe(1);
    expect(out.simulation).toMatchObject({ runs: 10_000, seed: 1, closeDates: { method: 'slips', source: 'none', observations: 0 } });
    expect(out.notes.join(' ')).toMatch(/too little history to calibrate/);
    expect(out.notes.join(' ')).toMatch(/1 open deal\(s\) have no probability/);
    // biggest contributor first: O5 50,000 x 75% x 100% = 37,500.00
    expect(out.total.topDeals[0]).toMatchObject({ id: ids.o5, probability: 75, closeChance: 100, contribution: { amountMinor: 37_500_00 }, commit: true });
    expect(out.evidence[0]).toMatchObject({ sourceId: ids.o5, kind: 'opportunity' });
    expect(out.evidence.find((e) => e.sourceId === ids.w1)?.quote).toMatch(/won USD 5,000\.00 on 2026-06-03/);
  });

  it('gives the same numbers for the same seed', async () => {
    const a = await forecast(org.users.admin, { period: 'this_month', seed: 99, simulations: 2_000 });
    const b = await forecast(org.users.admin, { period: 'this_month', seed: 99, simulations: 2_000 });
    expect(amounts(b.total)).toEqual(amounts(a.total));
  });

  it('forecasts per rep, including reps with no deals', async () => {
    const out = await forecast(org.users.admin, { period: 'this_month', groupBy: 'rep' });
    const rows = Object.fromEntries(out.groups.map((g) => [g.label, amounts(g)]));
    expect(rows['Anna Rep']).toEqual([5_000_00, 10_000_00, 16_000_00, 21_000_00, 5_000_00, 15_000_00, 35_000_00]);
    expect(rows['Cara Rep']).toEqual([0, 50_000_00, 37_500_00, 37_500_00, 0, 50_000_00, 50_000_00]);
    // Ben: W2 is May, O3 July, O4 has no probability; Dan has no deals at all
    expect(rows['Ben Rep']).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(rows['Dan Rep']).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(out.groupsTotal).toBe(4);
    expect(amounts(out.total)).toEqual([5_000_00, 60_000_00, 53_500_00, 58_500_00, 15_000_00, 65_000_00, 85_000_00]);
  });

  it('forecasts per product, deals without one apart', async () => {
    const out = await forecast(org.users.admin, { period: 'this_month', groupBy: 'product' });
    const rows = Object.fromEntries(out.groups.map((g) => [g.key, amounts(g)]));
    expect(rows[core]).toEqual([0, 50_000_00, 37_500_00, 37_500_00, 0, 50_000_00, 50_000_00]);
    expect(rows.none).toEqual([5_000_00, 10_000_00, 16_000_00, 21_000_00, 5_000_00, 15_000_00, 35_000_00]);
  });

  it('shows a rep only their own deals, a manager their team', async () => {
    const anna = await forecast(org.users.repAnna, { period: 'this_month' });
    expect(amounts(anna.total)).toEqual([5_000_00, 10_000_00, 16_000_00, 21_000_00, 5_000_00, 15_000_00, 35_000_00]);
    expect(anna.otherCurrencyDeals).toBe(1);
    const east = await forecast(org.users.managerEast, { period: 'this_month', groupBy: 'rep' });
    expect(east.groups.map((g) => g.label).sort()).toEqual(['Anna Rep', 'Ben Rep', 'Dan Rep']);
    expect(east.total.commit.amountMinor).toBe(10_000_00);
    // Ben asking for Anna's forecast sees nothing of hers
    const peek = await forecast(org.users.repBen, { period: 'this_month', owner: 'Anna Rep' });
    expect(amounts(peek.total)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(peek.notes.join(' ')).toMatch(/outside what you may see/);
  });

  it('gives zeros, not NaN, for a rep with no deals and for empty periods', async () => {
    const danOut = await forecast(dan, { period: 'this_quarter', groupBy: 'rep' });
    expect(amounts(danOut.total)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(danOut.groups.map((g) => [g.label, g.p50.amountMinor])).toEqual([['Dan Rep', 0]]);
    expect(danOut.notes.join(' ')).toMatch(/every figure is zero/);
    expect(JSON.stringify(danOut)).not.toMatch(/NaN|Infinity/);

    // a period that has not started: nothing won or expected from today's deals; the only revenue is the run
    // rate of deals not yet created. Of the 31-day windows laid back before now, the latest (05-15 to 06-15)
    // held W1 + W2 (created and won inside it, 12,000.00); the earlier ones ended before the store's first
    // recorded close (W2, 05-20) and are no evidence. So every figure of the simulation is 12,000.00.
    const future = await forecast(org.users.admin, { period: '2027-01', groupBy: 'rep' });
    expect(amounts(future.total)).toEqual([0, 0, 0, 12_000_00, 12_000_00, 12_000_00, 12_000_00]);
    expect(future.notes.join(' ')).toMatch(/has not started/);
    expect(future.notes.join(' ')).toMatch(/deals not yet created: USD 12,000\.00 expected .* 1 equal window\(s\) before now/);
    const past = await forecast(org.users.admin, { period: '2025-01' });
    expect(amounts(past.total)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(past.notes.join(' ')).toMatch(/has ended/);
  });

  it('takes a quarter and counts May wins in it', async () => {
    // Q2 2026: won W1 + W2 = 12,000.00; open deals expected in Q2: O1, O2, O4, O5 (O3 is July)
    const out = await forecast(org.users.admin, { period: '2026-Q2' });
    expect(out.total.won.amountMinor).toBe(12_000_00);
    expect(out.total.commit.amountMinor).toBe(60_000_00);
    expect(out.total.p50.amountMinor).toBe(72_000_00);
  });

  it('can weight deals with the win-probability model instead', async () => {
    const out = await forecast(org.users.admin, { period: 'this_month', probabilitySource: 'model' });
    // every open USD deal is scored by the model, O4 (no stored probability) included
    expect(out.probabilitySources).toEqual({ stored: 0, stageWinRate: 0, model: 5, none: 0 });
    expect(out.total.won.amountMinor).toBe(5_000_00);
    expect(out.total.commit.amountMinor).toBe(60_000_00);
    expect(out.notes.join(' ')).toMatch(/win probabilities from the model fitted on 2 deals/);
    expect(JSON.stringify(out)).not.toMatch(/NaN|Infinity/);
  });

  it('names the field on bad input', async () => {
    const bad = await call(store.db, org.users.admin, 'forecast', { period: 'Q3' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.[0]?.field).toBe('period');
    const group = await call(store.db, org.users.admin, 'forecast', { groupBy: 'team' });
    expect(!group.ok && group.error.issues?.[0]?.field).toBe('groupBy');
    const owner = await call(store.db, org.users.admin, 'forecast', { owner: 'Nobody Known' });
    expect(!owner.ok && owner.error.code).toBe('not_found:user');
  });
});
