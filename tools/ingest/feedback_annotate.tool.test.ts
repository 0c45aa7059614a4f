import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, feedbackAnnotations, leads, opportunities, opportunityFieldHistory, opportunityStageHistory } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface Out {
  result: 'annotated' | 'unchanged';
  recordId: string;
  label: string;
  field: string;
  value: unknown;
  previous: unknown;
  annotationId: string | null;
  superseded: string[];
  changes: { field: string; from: unknown; to: unknown }[];
}

describe('feedback_annotate', () => {
  let store: Store;
  let org: FixtureOrg;
  const annasDeal = fixtureId();
  const carasDeal = fixtureId();
  const dana = fixtureId();
  const later = new Date(ORG_NOW.getTime() + 3_600_000);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const base = { valueMinor: 4_000_000, currency: 'USD', stage: 'proposal' as const, stageEnteredAt: ORG_NOW, createdAt: ORG_NOW, updatedAt: ORG_NOW };
    await store.db.insert(opportunities).values([
      { ...base, id: annasDeal, name: 'Acme rollout', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, expectedCloseDate: '2026-07-31' },
      { ...base, id: carasDeal, name: 'Initech pilot', accountId: org.accounts.initech, ownerId: org.users.repCara.userId },
    ]);
    await store.db.insert(leads).values({ id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId });
  });
  afterAll(() => store.close());

  const annotate = (input: Record<string, unknown>, actor = org.users.repAnna, now = ORG_NOW) => callOk<Out>(store.db, actor, 'feedback_annotate', input, now);
  const deal = async (id: string) => (await store.db.select().from(opportunities).where(eq(opportunities.id, id)))[0]!;
  const notes = (recordId: string, field: string) =>
    store.db.select().from(feedbackAnnotations).where(and(eq(feedbackAnnotations.recordId, recordId), eq(feedbackAnnotations.field, field))).orderBy(feedbackAnnotations.createdAt);

  it('applies a corrected value through the deal\'s own rules, stores the annotation, and is idempotent', async () => {
    const out = await annotate({ record: 'opportunity', target: 'Acme rollout', field: 'value', value: 3_500_000, note: 'signed order form' });
    expect(out).toMatchObject({
      result: 'annotated', recordId: annasDeal, label: 'Acme rollout', value: { amountMinor: 3_500_000, currency: 'USD' }, previous: { amountMinor: 4_000_000, currency: 'USD' },
      superseded: [], changes: [{ field: 'valueMinor', from: 4_000_000, to: 3_500_000 }],
    });
    expect((await deal(annasDeal)).valueMinor).toBe(3_500_000);
    const history = await store.db.select().from(opportunityFieldHistory).where(eq(opportunityFieldHistory.opportunityId, annasDeal));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.changedById, h.sourceItemId])).toEqual([['value_minor', 4_000_000, 3_500_000, org.users.repAnna.userId, null]]);
    expect(await notes(annasDeal, 'value')).toEqual([
      expect.objectContaining({ id: out.annotationId, recordType: 'opportunity', value: { amountMinor: 3_500_000, currency: 'USD' }, previousValue: { amountMinor: 4_000_000, currency: 'USD' }, note: 'signed order form', authorId: org.users.repAnna.userId, supersededAt: null }),
    ]);
    const [audit] = await store.db.select().from(auditLog).where(and(eq(auditLog.tool, 'feedback_annotate'), eq(auditLog.recordId, annasDeal)));
    expect(audit).toMatchObject({ action: 'feedback.annotated', recordType: 'opportunity', changes: { field: 'value', annotationId: out.annotationId } });

    const again = await annotate({ record: 'opportunity', target: annasDeal, field: 'value', value: { amountMinor: 3_500_000, currency: 'usd' } });
    expect(again).toMatchObject({ result: 'unchanged', annotationId: out.annotationId, changes: [], superseded: [] });
    expect(await notes(annasDeal, 'value')).toHaveLength(1);
  });

  it('supersedes the previous correction of the same field', async () => {
    const [first] = await notes(annasDeal, 'value');
    const out = await annotate({ record: 'opportunity', target: annasDeal, field: 'value', value: 3_600_000 }, org.users.repAnna, later);
    expect(out).toMatchObject({ result: 'annotated', superseded: [first!.id], previous: { amountMinor: 3_500_000, currency: 'USD' } });
    const all = await notes(annasDeal, 'value');
    expect(all.map((n) => n.supersededAt?.toISOString() ?? null)).toEqual([later.toISOString(), null]);
  });

  it('corrects stage, close date and quantity, and a lead\'s title and stage', async () => {
    const stage = await annotate({ record: 'opportunity', target: annasDeal, field: 'stage', value: 'negotiation', note: 'verbal yes on the call' });
    expect(stage.changes).toEqual([{ field: 'stage', from: 'proposal', to: 'negotiation' }]);
    const moves = await store.db.select().from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunityId, annasDeal));
    expect(moves.map((m) => [m.toStage, m.reason])).toEqual([['negotiation', 'verbal yes on the call']]);

    const close = await annotate({ record: 'opportunity', target: annasDeal, field: 'expectedCloseDate', value: null });
    expect(close).toMatchObject({ value: null, previous: '2026-07-31', changes: [{ field: 'expectedCloseDate', from: '2026-07-31', to: null }] });

    const quantity = await annotate({ record: 'opportunity', target: annasDeal, field: 'quantity', value: 450 });
    expect(quantity).toMatchObject({ value: { value: 450, unit: 'units' }, previous: null, changes: [{ field: 'quantity', from: null, to: { value: 450, unit: 'units' } }] });
    const seats = await annotate({ record: 'opportunity', target: annasDeal, field: 'quantity', value: { value: 450, unit: 'seats' } }, org.users.repAnna, later);
    expect(seats.previous).toEqual({ value: 450, unit: 'units' });

    const title = await annotate({ record: 'lead', target: 'dana@acme.com', field: 'title', value: 'CFO' });
    expect(title).toMatchObject({ recordId: dana, label: 'Dana Ruiz', value: 'CFO', previous: null, changes: [{ field: 'title', from: null, to: 'CFO' }] });
    const lifecycle = await annotate({ record: 'lead', target: dana, field: 'lifecycleStage', value: 'qualified' });
    expect(lifecycle.changes).toEqual([{ field: 'lifecycleStage', from: 'new', to: 'qualified' }]);
  });

  it('keeps the editing rules: a rep cannot reassign a deal, a manager can (the owner stored as an id)', async () => {
    const rep = await call(store.db, org.users.repAnna, 'feedback_annotate', { record: 'opportunity', target: annasDeal, field: 'owner', value: 'Ben Rep' });
    expect(!rep.ok && rep.error.code).toBe('forbidden');
    const manager = await annotate({ record: 'opportunity', target: annasDeal, field: 'owner', value: 'ben.rep@dealwise.demo' }, org.users.managerEast);
    expect(manager).toMatchObject({ value: org.users.repBen.userId, previous: org.users.repAnna.userId });
    expect((await deal(annasDeal)).ownerId).toBe(org.users.repBen.userId);
  });

  it('names the wrong field or value, hides records outside scope, refuses execs, and a dry run stores nothing', async () => {
    const wrongField = await call(store.db, org.users.managerEast, 'feedback_annotate', { record: 'lead', target: dana, field: 'value', value: 5 });
    expect(!wrongField.ok && wrongField.error.issues).toEqual([{ field: 'field', message: 'a lead\'s correctable fields are lifecycleStage, owner, title, fullName, phone' }]);
    const badDate = await call(store.db, org.users.managerEast, 'feedback_annotate', { record: 'opportunity', target: annasDeal, field: 'expectedCloseDate', value: 'next week' });
    expect(!badDate.ok && badDate.error.issues?.[0]?.field).toBe('value');
    const badStage = await call(store.db, org.users.managerEast, 'feedback_annotate', { record: 'opportunity', target: annasDeal, field: 'stage', value: 'won' });
    expect(!badStage.ok && badStage.error.code).toBe('invalid_input');
    const missing = await call(store.db, org.users.managerEast, 'feedback_annotate', { record: 'opportunity', target: annasDeal, field: 'bogus', value: 1 });
    expect(!missing.ok && missing.error.issues?.[0]?.field).toBe('field');

    const hidden = await call(store.db, org.users.repAnna, 'feedback_annotate', { record: 'opportunity', target: carasDeal, field: 'value', value: 1 });
    expect(!hidden.ok && hidden.error.code).toBe('not_found:opportunity');
    expect((await deal(carasDeal)).valueMinor).toBe(4_000_000);
    const exec = await call(store.db, org.users.exec, 'feedback_annotate', { record: 'opportunity', target: carasDeal, field: 'value', value: 1 });
    expect(!exec.ok && exec.error.code).toBe('forbidden');

    const dry = await annotate({ record: 'opportunity', target: carasDeal, field: 'probability', value: 35, dryRun: true }, org.users.managerWest);
    expect(dry).toMatchObject({ result: 'annotated', previous: null, value: 35 });
    expect((await deal(carasDeal)).probability).toBeNull();
    expect(await notes(carasDeal, 'probability')).toEqual([]);
  });
});
