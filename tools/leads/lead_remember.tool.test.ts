import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { listLeadMemories } from '../../db/repos/lead-memory.ts';
import { auditLog, leads } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

describe('lead_remember', () => {
  let store: Store;
  let org: FixtureOrg;
  let danaId: string;

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const [dana] = await store.db.insert(leads).values({ fullName: 'Dana Kim', email: 'dana@acme.com', ownerId: org.users.repAnna.userId, accountId: org.accounts.acme }).returning({ id: leads.id });
    danaId = dana!.id;
  });
  afterAll(async () => store.close());

  it('keeps a note on the lead once, audited, and lists the newest first within scope', async () => {
    const first = await callOk(store.db, org.users.repAnna, 'lead_remember', { lead: 'Dana Kim', note: 'prefers calls before 10am' }, new Date('2026-06-15T09:00:00Z'));
    expect(first).toEqual({ leadId: danaId, lead: 'Dana Kim', note: 'prefers calls before 10am', added: true, notes: 1 });
    const again = await callOk(store.db, org.users.repAnna, 'lead_remember', { lead: 'dana@acme.com', note: 'Prefers calls before 10am' });
    expect(again).toMatchObject({ added: false, notes: 1 });
    await callOk(store.db, org.users.repAnna, 'lead_remember', { lead: danaId, note: 'their pain is onboarding time' }, new Date('2026-06-15T10:00:00Z'));

    const notes = await listLeadMemories(store.db, { kind: 'owners', userIds: [org.users.repAnna.userId] }, [danaId], 5);
    expect(notes.map((n) => n.note)).toEqual(['their pain is onboarding time', 'prefers calls before 10am']);
    expect(await listLeadMemories(store.db, { kind: 'owners', userIds: [org.users.repBen.userId] }, [danaId], 5)).toEqual([]);
    const audits = await store.db.select().from(auditLog).where(eq(auditLog.tool, 'lead_remember'));
    expect(audits.map((a) => a.action).sort()).toEqual(['lead.memory_added', 'lead.memory_added', 'lead.memory_unchanged']);
  });

  it('keeps another rep out and names a bad field', async () => {
    expect(await call(store.db, org.users.repBen, 'lead_remember', { lead: 'Dana Kim', note: 'likes golf' })).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
    expect(await call(store.db, org.users.repAnna, 'lead_remember', { lead: 'Dana Kim', note: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'note' }] } });
  });
});
