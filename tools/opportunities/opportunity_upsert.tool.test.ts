import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, opportunities, opportunityFieldHistory, opportunityStageHistory } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface UpsertOut {
  opportunityId: string;
  name: string;
  result: 'created' | 'updated' | 'unchanged';
  changes: { field: string; from: unknown; to: unknown }[];
}

describe('opportunity_upsert', () => {
  let store: Store;
  let org: FixtureOrg;
  let dealId = '';
  const later = new Date('2026-06-16T12:00:00Z');
  const create = { name: 'Acme Analytics', account: 'Acme Corp', valueMinor: 12_000_00, currency: 'usd', probability: 20, expectedCloseDate: '2026-08-31' };

  const deal = async () => (await store.db.select().from(opportunities).where(eq(opportunities.id, dealId)))[0]!;
  const fieldHistory = () => store.db.select().from(opportunityFieldHistory).where(eq(opportunityFieldHistory.opportunityId, dealId)).orderBy(opportunityFieldHistory.field);
  const audits = () => store.db.select().from(auditLog).where(eq(auditLog.recordId, dealId)).orderBy(auditLog.at, auditLog.id);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
  });
  afterAll(() => store.close());

  it('previews a create on a dry run without writing anything', async () => {
    const out = await callOk<UpsertOut>(store.db, org.users.repAnna, 'opportunity_upsert', { ...create, dryRun: true });
    expect(out.result).toBe('created');
    expect(await store.db.select().from(opportunities)).toEqual([]);
    expect(await store.db.select().from(auditLog)).toEqual([]);
  });

  it('creates a deal owned by the rep, with its first stage history row', async () => {
    const out = await callOk<UpsertOut>(store.db, org.users.repAnna, 'opportunity_upsert', create);
    dealId = out.opportunityId;
    expect(out.result).toBe('created');
    const row = await deal();
    expect([row.ownerId, row.accountId, row.currency, row.stage, row.stageEnteredAt.toISOString(), row.valueMinor, row.probability, row.expectedCloseDate]).toEqual([
      org.users.repAnna.userId, org.accounts.acme, 'USD', 'prospecting', ORG_NOW.toISOString(), 12_000_00, 20, '2026-08-31',
    ]);
    const history = await store.db.select().from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunityId, dealId));
    expect(history.map((h) => [h.fromStage, h.toStage, h.probability, h.valueMinor, h.expectedCloseDate, h.reason])).toEqual([
      [null, 'prospecting', 20, 12_000_00, '2026-08-31', 'created'],
    ]);
    expect(await fieldHistory()).toEqual([]);
    expect((await audits()).map((a) => [a.action, a.recordType])).toEqual([['opportunity.created', 'opportunity']]);
  });

  it('finds the same deal by name + account the second time and changes nothing', async () => {
    const out = await callOk<UpsertOut>(store.db, org.users.repAnna, 'opportunity_upsert', { ...create, name: 'acme analytics' }, later);
    expect(out).toEqual({ opportunityId: dealId, name: 'Acme Analytics', result: 'unchanged', changes: [] });
    expect(await store.db.select().from(opportunities)).toHaveLength(1);
    expect((await deal()).updatedAt.toISOString()).toBe(ORG_NOW.toISOString());
    expect((await audits()).map((a) => a.action)).toEqual(['opportunity.created', 'opportunity.unchanged']);
  });

  it('writes field history (old -> new) for value, probability and close date, not for other fields', async () => {
    const out = await callOk<UpsertOut>(store.db, org.users.repAnna, 'opportunity_upsert', {
      opportunity: dealId, valueMinor: 15_000_00, probability: 25, expectedCloseDate: '2026-09-15', nextSteps: 'demo on Friday', currency: 'USD',
    }, later);
    expect(out.result).toBe('updated');
    // currency USD is unchanged, so four fields changed
    expect(out.changes.map((c) => c.field).sort()).toEqual(['expectedCloseDate', 'nextSteps', 'probability', 'valueMinor']);
    expect((await fieldHistory()).map((f) => [f.field, f.oldValue, f.newValue, f.changedById, f.changedAt.toISOString()])).toEqual([
      ['expected_close_date', '2026-08-31', '2026-09-15', org.users.repAnna.userId, later.toISOString()],
      ['probability', 20, 25, org.users.repAnna.userId, later.toISOString()],
      ['value_minor', 12_000_00, 15_000_00, org.users.repAnna.userId, later.toISOString()],
    ]);
    const row = await deal();
    expect([row.valueMinor, row.probability, row.nextSteps, row.updatedAt.toISOString()]).toEqual([15_000_00, 25, 'demo on Friday', later.toISOString()]);
  });

  it('keeps a rep to their own deals: no other owner, no reassignment, other reps\' deals unseen', async () => {
    const other = await call(store.db, org.users.repAnna, 'opportunity_upsert', { name: 'For Ben', account: 'Globex', valueMinor: 1_00, owner: 'Ben Rep' });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const reassign = await call(store.db, org.users.repAnna, 'opportunity_upsert', { opportunity: dealId, owner: 'Ben Rep' });
    expect(reassign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const ben = await call(store.db, org.users.repBen, 'opportunity_upsert', { opportunity: dealId, valueMinor: 1_00 });
    expect(ben).toMatchObject({ ok: false, error: { code: 'not_found:opportunity' } });
    expect((await deal()).valueMinor).toBe(15_000_00);
  });

  it('lets a manager create for and reassign within the team, not outside it', async () => {
    const forBen = await callOk<UpsertOut>(store.db, org.users.managerEast, 'opportunity_upsert', { name: 'Globex Core', account: 'globex.com', valueMinor: 9_000_00, owner: 'ben.rep@dealwise.demo' });
    const [row] = await store.db.select().from(opportunities).where(eq(opportunities.id, forBen.opportunityId));
    expect([row?.ownerId, row?.accountId]).toEqual([org.users.repBen.userId, org.accounts.globex]);
    const forCara = await call(store.db, org.users.managerEast, 'opportunity_upsert', { name: 'Initech Core', account: 'Initech', valueMinor: 9_000_00, owner: 'Cara Rep' });
    expect(forCara).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const moved = await callOk<UpsertOut>(store.db, org.users.managerEast, 'opportunity_upsert', { opportunity: dealId, owner: 'Ben Rep' });
    expect(moved.changes).toEqual([{ field: 'ownerId', from: org.users.repAnna.userId, to: org.users.repBen.userId }]);
  });

  it('names bad and missing fields', async () => {
    const bad = await call(store.db, org.users.repBen, 'opportunity_upsert', { name: 'X deal', account: 'Globex', valueMinor: -5, currency: 'US', stage: 'won' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.field).sort()).toEqual(['currency', 'stage', 'valueMinor']);
    const missing = await call(store.db, org.users.repBen, 'opportunity_upsert', { name: 'Y deal', valueMinor: 5 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'account' }] } });
    const noValue = await call(store.db, org.users.repBen, 'opportunity_upsert', { name: 'Z deal', account: 'Globex' });
    expect(noValue).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'valueMinor' }] } });
    const closed = await call(store.db, org.users.repBen, 'opportunity_upsert', { name: 'Z deal', account: 'Globex', valueMinor: 5, stage: 'closed_won' });
    expect(closed).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'stage' }] } });
    const unknown = await call(store.db, org.users.repBen, 'opportunity_upsert', { name: 'Z deal', account: 'Umbrella Inc', valueMinor: 5 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found:account' } });
  });

  it('sends stage moves to opportunity_set_stage', async () => {
    const result = await call(store.db, org.users.repBen, 'opportunity_upsert', { opportunity: dealId, stage: 'proposal' });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!result.ok) expect(result.error.hint).toContain('opportunity_set_stage');
  });
});
