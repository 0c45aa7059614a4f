import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, leads } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface RememberOut {
  leadId: string;
  kind: string;
  remembered: number;
  duplicate: boolean;
}

describe('lead_remember', () => {
  let store: Store;
  let org: FixtureOrg;
  const dana = fixtureId();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(leads).values({ id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, painPoints: ['pricing'] });
  });
  afterAll(() => store.close());

  it('files a preference in memory and a pain point in the pain points too, with an audit row each', async () => {
    const pref = await callOk<RememberOut>(store.db, org.users.repAnna, 'lead_remember', { lead: 'Dana Ruiz', note: 'prefers calls before 10' });
    expect(pref).toMatchObject({ leadId: dana, kind: 'preference', remembered: 1, duplicate: false });
    const pain = await callOk<RememberOut>(store.db, org.users.repAnna, 'lead_remember', { lead: 'dana@acme.com', note: 'their pain is onboarding time' });
    expect(pain).toMatchObject({ kind: 'pain_point', remembered: 2 });
    const [row] = await store.db.select().from(leads).where(eq(leads.id, dana));
    expect(row!.painPoints).toEqual(['pricing', 'their pain is onboarding time']);
    expect((row!.attributes.memory as { note: string }[]).map((m) => m.note)).toEqual(['prefers calls before 10', 'their pain is onboarding time']);
    const audits = await store.db.select().from(auditLog).where(and(eq(auditLog.tool, 'lead_remember'), eq(auditLog.recordId, dana)));
    expect(audits.map((a) => a.action)).toEqual(['lead.memory_added', 'lead.memory_added']);
  });

  it('does not store the same note twice', async () => {
    const again = await callOk<RememberOut>(store.db, org.users.repAnna, 'lead_remember', { lead: 'Dana Ruiz', note: 'Prefers calls before 10' });
    expect(again).toMatchObject({ duplicate: true, remembered: 2 });
  });

  it('keeps other reps and execs out, and names a bad field', async () => {
    const other = await call(store.db, org.users.repCara, 'lead_remember', { lead: 'Dana Ruiz', note: 'likes email' });
    expect(other.ok === false && other.error.code).toBe('not_found:lead');
    const exec = await call(store.db, org.users.exec, 'lead_remember', { lead: 'Dana Ruiz', note: 'likes email' });
    expect(exec.ok === false && exec.error.code).toMatch(/^forbidden/);
    const bad = await call(store.db, org.users.repAnna, 'lead_remember', { lead: 'Dana Ruiz', note: '' });
    expect(bad.ok === false && JSON.stringify(bad.error)).toContain('note');
  });
});
