import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { opportunities } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg, type NewOpportunity } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface Summary { evaluated: number; mape: number | null; mapeSample: number; meanError: { amountMinor: number } | null; meanPercentError: number | null; bias: string | null; coverage: number | null; inside: number; over: number; under: number }
interface Row { runId: string; period: string; groupKey: string; group: string; p50: { amountMinor: number }; actual: { amountMinor: number }; actualDeals: number; error: { amountMinor: number }; absolutePercentError: number | null; bias: string; inInterval: boolean; note: string | null }
interface AccuracyOut { pending: number; overall: Summary; periods: (Summary & { period: string })[]; rows: Row[]; page: { total: number; hasMore: boolean }; notes: string[]; evidence: { sourceId: string; kind: string; quote: string }[] }

// Snapshots taken at 2026-06-15T12:00Z for June (see forecast_snapshot.tool.test.ts for the arithmetic):
//   admin, by rep: total P10/P50/P90 15,000 / 65,000 / 85,000; Anna 5,000 / 15,000 / 35,000; Ben 0 / 0 / 0; Cara 0 / 50,000 / 50,000
//   Anna, total (her deals only): 5,000 / 15,000 / 35,000
// Then O1 (Anna) is won on 06-25 at 9,000.00 and O5 (Cara) lost on 06-26. Scored on 2026-07-02:
//   actual June = W1 5,000 + O1 9,000 = 14,000.00 (all Anna's)
//   admin total: error 65,000 - 14,000 = 51,000; APE 51,000 / 14,000 = 364.29% -> 364.3; over; 14,000 < P10 15,000: outside
//   Anna total:  error 15,000 - 14,000 = 1,000;  APE 1,000 / 14,000 = 7.14% -> 7.1; over; inside [5,000, 35,000]
//   MAPE (364.29 + 7.14) / 2 = 185.7; mean error (51,000 + 1,000) / 2 = 26,000.00; coverage 1 / 2 = 50%
// By rep (admin's run): Anna 1,000 / 7.1% inside; Ben 0 vs 0: APE null, exact, inside; Cara 50,000 vs 0: APE null, over, inside
//   MAPE 7.1 (1 row); mean error (1,000 + 0 + 50,000) / 3 = 17,000.00; coverage 3 / 3 = 100%
describe('forecast_accuracy', () => {
  let store: Store;
  let org: FixtureOrg;
  const o1 = fixtureId();
  const o5 = fixtureId();
  const july = new Date('2026-07-02T09:00:00Z');
  let adminRun = '';
  let annaRun = '';

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna, repCara } = org.users;
    const { acme, initech } = org.accounts;
    const deal = (id: string, name: string, ownerId: string, accountId: string, extra: Partial<NewOpportunity> & { valueMinor: number }): NewOpportunity => ({ id, name, ownerId, accountId, createdAt: new Date('2026-03-01T00:00:00Z'), ...extra });
    await store.db.insert(opportunities).values([
      deal(fixtureId(), 'Acme renewal', repAnna.userId, acme, { valueMinor: 5_000_00, stage: 'closed_won', forecastCategory: 'closed', outcome: 'won', closedAt: new Date('2026-06-03T15:00:00Z') }),
      deal(o1, 'Acme expansion', repAnna.userId, acme, { valueMinor: 10_000_00, stage: 'negotiation', forecastCategory: 'commit', probability: 80, expectedCloseDate: '2026-06-20' }),
      deal(fixtureId(), 'Acme analytics', repAnna.userId, acme, { valueMinor: 20_000_00, stage: 'proposal', forecastCategory: 'best_case', probability: 40, expectedCloseDate: '2026-06-28' }),
      deal(o5, 'Initech core', repCara.userId, initech, { valueMinor: 50_000_00, stage: 'negotiation', forecastCategory: 'commit', probability: 75, expectedCloseDate: '2026-06-18' }),
    ]);
    adminRun = (await callOk<{ runId: string }>(store.db, org.users.admin, 'forecast_snapshot', { period: 'this_month', groupBy: 'rep' })).runId;
    annaRun = (await callOk<{ runId: string }>(store.db, repAnna, 'forecast_snapshot', { period: 'this_month' })).runId;
    await store.db.update(opportunities).set({ stage: 'closed_won', forecastCategory: 'closed', outcome: 'won', closedAt: new Date('2026-06-25T16:00:00Z'), valueMinor: 9_000_00 }).where(eq(opportunities.id, o1));
    await store.db.update(opportunities).set({ stage: 'closed_lost', forecastCategory: 'closed', outcome: 'lost', closedAt: new Date('2026-06-26T16:00:00Z') }).where(eq(opportunities.id, o5));
  });
  afterAll(async () => {
    await store.close();
  });

  const accuracy = (actor: FixtureOrg['users']['admin'], input: Record<string, unknown>, now = july) => callOk<AccuracyOut>(store.db, actor, 'forecast_accuracy', input, now);

  it('scores each total snapshot against what closed in its period', async () => {
    const out = await accuracy(org.users.admin, {});
    const byRun = Object.fromEntries(out.rows.map((r) => [r.runId, r]));
    expect(byRun[adminRun]).toMatchObject({ period: '2026-06', p50: { amountMinor: 65_000_00 }, actual: { amountMinor: 14_000_00 }, actualDeals: 2, error: { amountMinor: 51_000_00 }, absolutePercentError: 364.3, bias: 'over', inInterval: false });
    expect(byRun[annaRun]).toMatchObject({ actual: { amountMinor: 14_000_00 }, error: { amountMinor: 1_000_00 }, absolutePercentError: 7.1, bias: 'over', inInterval: true });
    expect(out.overall).toEqual({ evaluated: 2, mape: 185.7, mapeSample: 2, meanError: { amountMinor: 26_000_00, currency: 'USD' }, meanPercentError: 185.7, bias: 'over', coverage: 50, inside: 1, over: 2, under: 0 });
    expect(out.periods).toHaveLength(1);
    expect(out.periods[0]).toMatchObject({ period: '2026-06', evaluated: 2, mape: 185.7, coverage: 50 });
    expect(out.pending).toBe(0);
    expect(out.evidence.some((e) => e.kind === 'forecast_snapshot' && /P50 USD 65,000\.00/.test(e.quote))).toBe(true);
    expect(out.evidence.some((e) => e.sourceId === o1 && /won USD 9,000\.00 on 2026-06-25/.test(e.quote))).toBe(true);
  });

  it('scores per-rep rows, with no percentage where nothing was won', async () => {
    const out = await accuracy(org.users.admin, { groupBy: 'rep', runId: adminRun });
    const byRep = Object.fromEntries(out.rows.map((r) => [r.group, r]));
    expect(byRep['Anna Rep']).toMatchObject({ error: { amountMinor: 1_000_00 }, absolutePercentError: 7.1, inInterval: true });
    expect(byRep['Ben Rep']).toMatchObject({ actual: { amountMinor: 0 }, error: { amountMinor: 0 }, absolutePercentError: null, bias: 'exact', inInterval: true });
    expect(byRep['Ben Rep']?.note).toMatch(/nothing was won/);
    expect(byRep['Cara Rep']).toMatchObject({ error: { amountMinor: 50_000_00 }, absolutePercentError: null, bias: 'over', inInterval: true });
    expect(out.overall).toMatchObject({ evaluated: 3, mape: 7.1, mapeSample: 1, meanError: { amountMinor: 17_000_00 }, coverage: 100, over: 2, under: 0 });
    expect(out.notes.join(' ')).toMatch(/2 row\(s\) had nothing won/);
    expect(JSON.stringify(out)).not.toMatch(/NaN|Infinity/);
  });

  it('leaves periods that have not ended pending, with empty aggregates and no NaN', async () => {
    const out = await accuracy(org.users.admin, {}, new Date('2026-06-20T00:00:00Z'));
    expect(out.pending).toBe(2);
    expect(out.overall).toMatchObject({ evaluated: 0, mape: null, meanError: null, bias: null, coverage: null });
    expect(out.rows).toEqual([]);
    const none = await accuracy(org.users.admin, { period: '2026-05' });
    expect(none.overall.evaluated).toBe(0);
    expect(none.notes.join(' ')).toMatch(/no forecast snapshots match/);
  });

  it('shows a caller only the snapshots of people in their scope', async () => {
    const anna = await accuracy(org.users.repAnna, {});
    expect(anna.rows.map((r) => r.runId)).toEqual([annaRun]);
    const east = await accuracy(org.users.managerEast, {});
    expect(east.rows.map((r) => r.runId)).toEqual([annaRun]);
    const cara = await accuracy(org.users.repCara, {});
    expect(cara.overall.evaluated).toBe(0);
  });

  it('pages the rows and names bad input', async () => {
    const page = await accuracy(org.users.admin, { limit: 1, offset: 1 });
    expect(page.rows).toHaveLength(1);
    expect(page.page).toMatchObject({ total: 2, hasMore: false });
    expect(page.overall.evaluated).toBe(2);
    const bad = await call(store.db, org.users.admin, 'forecast_accuracy', { runId: 'yesterday' }, july);
    expect(!bad.ok && bad.error.issues?.[0]?.field).toBe('runId');
  });
});
