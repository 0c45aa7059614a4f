import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, leads, leadStageHistory, opportunities, tasks } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { ago } from '../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

type Undo = { undone: { auditId: string; tool: string }; deleted: boolean; restored: { field: string; from: unknown; to: unknown }[] };

describe('audit_undo', () => {
  let store: Store;
  let org: FixtureOrg;
  const kenji = fixtureId();
  const deal = fixtureId();

  const lastAuditOf = async (tool: string, recordId: string) => {
    const [row] = await store.db.select().from(auditLog).where(and(eq(auditLog.tool, tool), eq(auditLog.recordId, recordId))).orderBy(desc(auditLog.seq)).limit(1);
    return row!;
  };

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    await store.db.insert(leads).values({ id: kenji, fullName: 'Kenji Sato', email: 'kenji@example.jp', ownerId: anna, title: 'Buyer', createdAt: ago(30) });
    await store.db.insert(opportunities).values({
      id: deal, name: 'Acme rollout', accountId: org.accounts.acme, ownerId: anna, valueMinor: 50_000_00, stage: 'proposal', probability: 60,
      forecastCategory: 'best_case', stageEnteredAt: ago(10), createdAt: ago(60),
    });
  });
  afterAll(() => store.close());

  it('undoes "my last change": a lead stage move goes back, with a history row, and the undo is audited', async () => {
    await callOk(store.db, org.users.repAnna, 'lead_set_stage', { lead: kenji, stage: 'contacted', reason: 'first call done' });
    const out = await callOk<Undo>(store.db, org.users.repAnna, 'audit_undo', { last: true });
    expect(out.undone.tool).toBe('lead_set_stage');
    expect(out.restored).toEqual([{ field: 'lifecycleStage', from: 'contacted', to: 'new' }]);
    const [lead] = await store.db.select().from(leads).where(eq(leads.id, kenji));
    expect(lead!.lifecycleStage).toBe('new');
    const history = await store.db.select().from(leadStageHistory).where(eq(leadStageHistory.leadId, kenji)).orderBy(leadStageHistory.changedAt);
    expect(history.map((h) => `${h.fromStage}->${h.toStage}`)).toEqual(['new->contacted', 'contacted->new']);
    const undoRow = await lastAuditOf('audit_undo', kenji);
    expect(undoRow.changes).toMatchObject({ undoneAuditId: out.undone.auditId, lifecycleStage: { from: 'contacted', to: 'new' } });
    // the same change cannot be undone twice
    const again = await call(store.db, org.users.repAnna, 'audit_undo', { auditId: out.undone.auditId });
    expect(again.ok ? 'ok' : again.error.message).toMatch(/already undone/);
  });

  it('puts a closed-lost deal back exactly: stage, close time, outcome, probability, forecast category', async () => {
    await callOk(store.db, org.users.repAnna, 'opportunity_set_stage', { opportunity: deal, stage: 'closed_lost', reason: 'went quiet', lostReason: 'budget frozen' });
    const closing = await lastAuditOf('opportunity_set_stage', deal);
    const out = await callOk<Undo>(store.db, org.users.repAnna, 'audit_undo', { auditId: closing.id });
    expect(out.restored.map((r) => r.field).sort()).toEqual(['closedAt', 'forecastCategory', 'lostReason', 'outcome', 'probability', 'stage', 'stageEnteredAt']);
    const [row] = await store.db.select().from(opportunities).where(eq(opportunities.id, deal));
    expect(row).toMatchObject({ stage: 'proposal', probability: 60, forecastCategory: 'best_case', outcome: null, closedAt: null, lostReason: null, stageEnteredAt: ago(10) });
  });

  it('refuses when a later audited write touched the same field, and names it; a different field still undoes', async () => {
    const task = await callOk<{ task: { id: string } }>(store.db, org.users.repAnna, 'task_create', { title: 'Call Kenji', lead: kenji, priority: 'medium' });
    await callOk(store.db, org.users.repAnna, 'task_update', { task: task.task.id, priority: 'high', title: 'Call Kenji today' });
    const annas = await lastAuditOf('task_update', task.task.id);
    await callOk(store.db, org.users.managerEast, 'task_update', { task: task.task.id, priority: 'urgent' });
    const managers = await lastAuditOf('task_update', task.task.id);
    const refused = await call(store.db, org.users.repAnna, 'audit_undo', { auditId: annas.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('conflict');
      expect(refused.error.message).toContain(`task_update (audit ${managers.id}`);
      expect(refused.error.message).toContain('later changed priority');
    }
    // nothing was written by the refused undo
    const [still] = await store.db.select().from(tasks).where(eq(tasks.id, task.task.id));
    expect(still).toMatchObject({ priority: 'urgent', title: 'Call Kenji today' });
    // a rep may not undo the manager's change; the manager may
    const notYours = await call(store.db, org.users.repAnna, 'audit_undo', { auditId: managers.id });
    expect(notYours.ok ? 'ok' : notYours.error.code).toBe('forbidden');
    await callOk(store.db, org.users.managerEast, 'audit_undo', { auditId: managers.id });
    // now Anna's change is the latest on priority: undoing it restores medium and the old title
    const out = await callOk<Undo>(store.db, org.users.repAnna, 'audit_undo', { auditId: annas.id });
    expect(out.restored).toEqual(expect.arrayContaining([{ field: 'priority', from: 'high', to: 'medium' }, { field: 'title', from: 'Call Kenji today', to: 'Call Kenji' }]));
  });

  it('refuses when the record changed without an audit entry since', async () => {
    await callOk(store.db, org.users.repAnna, 'lead_upsert', { lead: kenji, title: 'Head of Buying' });
    const upsert = await lastAuditOf('lead_upsert', kenji);
    await store.db.update(leads).set({ title: 'Chief Buyer' }).where(eq(leads.id, kenji));
    const refused = await call(store.db, org.users.repAnna, 'audit_undo', { auditId: upsert.id });
    expect(refused.ok ? 'ok' : refused.error.message).toMatch(/title is now "Chief Buyer", not "Head of Buying"/);
  });

  it('removes a task it created; undoing an undo redoes the field change', async () => {
    const task = await callOk<{ task: { id: string } }>(store.db, org.users.repAnna, 'task_create', { title: 'Throwaway', lead: kenji });
    const out = await callOk<Undo>(store.db, org.users.repAnna, 'audit_undo', { last: true });
    expect(out).toMatchObject({ deleted: true, undone: { tool: 'task_create' } });
    expect(await store.db.select().from(tasks).where(eq(tasks.id, task.task.id))).toEqual([]);

    await callOk(store.db, org.users.repAnna, 'lead_set_stage', { lead: kenji, stage: 'qualified', reason: 'budget confirmed' });
    const undo = await callOk<Undo>(store.db, org.users.repAnna, 'audit_undo', { last: true });
    const undoRow = await lastAuditOf('audit_undo', kenji);
    expect(undo.restored).toEqual([{ field: 'lifecycleStage', from: 'qualified', to: 'new' }]);
    const redo = await callOk<Undo>(store.db, org.users.repAnna, 'audit_undo', { auditId: undoRow.id });
    expect(redo.restored).toEqual([{ field: 'lifecycleStage', from: 'new', to: 'qualified' }]);
  });

  it('explains what it cannot undo and rejects a confused request', async () => {
    const both = await call(store.db, org.users.repAnna, 'audit_undo', {});
    expect(both.ok ? 'ok' : both.error.code).toBe('invalid_input');
    const exec = await call(store.db, org.users.exec, 'audit_undo', { last: true });
    expect(exec.ok ? 'ok' : exec.error.code).toBe('forbidden');
    const nobody = await call(store.db, org.users.repCara, 'audit_undo', { last: true });
    expect(nobody.ok ? 'ok' : nobody.error.code).toBe('nothing_to_undo');
  });
});
