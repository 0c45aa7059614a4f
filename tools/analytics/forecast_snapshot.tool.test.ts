import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, forecastSnapshots, opportunities } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg, type NewOpportunity } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import type { ForecastOutput } from './forecast/schema.ts';

type SnapshotOut = ForecastOutput & { runId: string; created: boolean; rows: number };

// Now = 2026-06-15T12:00Z, June 2026 (no history: expected close dates are taken as exact):
//   W1 Anna won 06-03 5,000.00; O1 Anna commit p 80 10,000.00 exp 06-20; O2 Anna p 40 20,000.00 exp 06-28;
//   O5 Cara commit p 75 50,000.00 exp 06-18.
// Total (see forecast.tool.test.ts): won 5,000; commit 60,000; weighted 53,500; P10/P50/P90 15,000 / 65,000 / 85,000.
// Anna: won 5,000, commit 10,000, weighted 16,000, P10/P50/P90 5,000 / 15,000 / 35,000. Ben: zeros. Cara: 0 / 50,000 / 50,000.
describe('forecast_snapshot', () => {
  let store: Store;
  let org: FixtureOrg;

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna, repCara } = org.users;
    const { acme, initech } = org.accounts;
    const deal = (name: string, ownerId: string, accountId: string, extra: Partial<NewOpportunity> & { valueMinor: number }): NewOpportunity => ({ id: fixtureId(), name, ownerId, accountId, createdAt: new Date('2026-03-01T00:00:00Z'), ...extra });
    await store.db.insert(opportunities).values([
      deal('Acme renewal', repAnna.userId, acme, { valueMinor: 5_000_00, stage: 'closed_won', forecastCategory: 'closed', outcome: 'won', closedAt: new Date('2026-06-03T15:00:00Z') }),
      deal('Acme expansion', repAnna.userId, acme, { valueMinor: 10_000_00, stage: 'negotiation', forecastCategory: 'commit', probability: 80, expectedCloseDate: '2026-06-20' }),
      deal('Acme analytics', repAnna.userId, acme, { valueMinor: 20_000_00, stage: 'proposal', forecastCategory: 'best_case', probability: 40, expectedCloseDate: '2026-06-28' }),
      deal('Initech core', repCara.userId, initech, { valueMinor: 50_000_00, stage: 'negotiation', forecastCategory: 'commit', probability: 75, expectedCloseDate: '2026-06-18' }),
    ]);
  });
  afterAll(async () => {
    await store.close();
  });

  let runId = '';

  it('stores the total and one row per rep under one run id, with an audit row', async () => {
    const out = await callOk<SnapshotOut>(store.db, org.users.admin, 'forecast_snapshot', { period: 'this_month', groupBy: 'rep' });
    runId = out.runId;
    expect(out).toMatchObject({ created: true, rows: 4 });
    expect(out.total.p50.amountMinor).toBe(65_000_00);
    const rows = await store.db.select().from(forecastSnapshots).where(eq(forecastSnapshots.runId, runId));
    const byKey = Object.fromEntries(rows.map((r) => [`${r.groupBy}:${r.groupKey}`, r]));
    expect(byKey['total:all']).toMatchObject({
      periodStart: '2026-06-01', periodEnd: '2026-07-01', periodLabel: '2026-06', wonMinor: 5_000_00, commitMinor: 60_000_00, weightedMinor: 53_500_00,
      p10Minor: 15_000_00, p50Minor: 65_000_00, p90Minor: 85_000_00, currency: 'USD', simulations: 10_000, seed: 1, createdById: org.users.admin.userId,
    });
    expect(byKey['total:all']?.asOf.toISOString()).toBe(ORG_NOW.toISOString());
    expect(byKey['total:all']?.params).toMatchObject({ groupLabel: 'all deals', scope: 'all', expectedMinor: 58_500_00 });
    expect(byKey[`rep:${org.users.repAnna.userId}`]).toMatchObject({ p10Minor: 5_000_00, p50Minor: 15_000_00, p90Minor: 35_000_00, weightedMinor: 16_000_00 });
    expect(byKey[`rep:${org.users.repBen.userId}`]).toMatchObject({ p10Minor: 0, p50Minor: 0, p90Minor: 0, wonMinor: 0 });
    expect(byKey[`rep:${org.users.repCara.userId}`]).toMatchObject({ p10Minor: 0, p50Minor: 50_000_00, p90Minor: 50_000_00 });
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.tool, 'forecast_snapshot'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'forecast.snapshot', recordId: runId, actorId: org.users.admin.userId, dryRun: false });
    expect(audit[0]?.changes).toMatchObject({ runId, period: '2026-06', groupBy: 'rep', rows: 4 });
  });

  it('writes nothing the second time the same run is asked for', async () => {
    const again = await callOk<SnapshotOut>(store.db, org.users.admin, 'forecast_snapshot', { period: 'this_month', groupBy: 'rep' });
    expect(again).toMatchObject({ runId, created: false, rows: 4 });
    expect(await store.db.select().from(forecastSnapshots)).toHaveLength(4);
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.tool, 'forecast_snapshot'));
    expect(audit.map((a) => a.action)).toEqual(['forecast.snapshot', 'forecast.snapshot_exists']);
    // another seed is another run
    const other = await callOk<SnapshotOut>(store.db, org.users.admin, 'forecast_snapshot', { period: 'this_month', groupBy: 'rep', seed: 2 });
    expect(other.runId).not.toBe(runId);
    expect(await store.db.select().from(forecastSnapshots)).toHaveLength(8);
  });

  it('previews a dry run without storing or auditing', async () => {
    const before = (await store.db.select().from(auditLog)).length;
    const out = await callOk<SnapshotOut>(store.db, org.users.admin, 'forecast_snapshot', { period: 'next_month', dryRun: true });
    expect(out).toMatchObject({ created: true, rows: 1 });
    expect(await store.db.select().from(forecastSnapshots).where(eq(forecastSnapshots.runId, out.runId))).toHaveLength(0);
    expect(await store.db.select().from(auditLog)).toHaveLength(before);
  });

  it('keeps a rep\'s snapshot to the rep\'s own deals, and lets no exec write', async () => {
    const anna = await callOk<SnapshotOut>(store.db, org.users.repAnna, 'forecast_snapshot', { period: 'this_month' });
    const [row] = await store.db.select().from(forecastSnapshots).where(eq(forecastSnapshots.runId, anna.runId));
    expect(row).toMatchObject({ groupBy: 'total', p50Minor: 15_000_00, createdById: org.users.repAnna.userId });
    expect(row?.params).toMatchObject({ scope: [org.users.repAnna.userId] });
    const exec = await call(store.db, org.users.exec, 'forecast_snapshot', { period: 'this_month' });
    expect(!exec.ok && exec.error.code).toBe('forbidden');
  });
});
