import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { accounts, auditLog, leads } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface UpsertOut {
  result: 'created' | 'updated' | 'unchanged';
  leadId: string;
  lead: string;
  matchedBy: string | null;
  similarity: number | null;
  changes: { field: string; from: unknown; to: unknown }[];
  account: { id: string; name: string; created: boolean } | null;
}

describe('lead_upsert', () => {
  let store: Store;
  let org: FixtureOrg;
  const samAcme = fixtureId();
  const carlInitech = fixtureId();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(leads).values([
      { id: samAcme, fullName: 'Sam Lee', email: 'sam@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, painPoints: ['Slow reports'] },
      { id: carlInitech, fullName: 'Carl Mendez', email: 'carl@initech.com', accountId: org.accounts.initech, ownerId: org.users.repCara.userId },
    ]);
  });
  afterAll(() => store.close());

  const leadRow = async (id: string) => (await store.db.select().from(leads).where(eq(leads.id, id)))[0];

  it('creates a lead owned by the rep, links the company by name and splits the name', async () => {
    const input = { fullName: 'Lee Park', email: 'Lee.Park@acme.com', company: 'acme corp', phone: '+1 (212) 555-0101', painPoints: ['manual forecasts'] };
    const out = await callOk<UpsertOut>(store.db, org.users.repAnna, 'lead_upsert', input);
    expect(out).toMatchObject({ result: 'created', lead: 'Lee Park', matchedBy: null, account: { id: org.accounts.acme, name: 'Acme Corp', created: false } });
    expect(out.changes.map((c) => c.field).sort()).toEqual(['accountId', 'email', 'firstName', 'fullName', 'lastName', 'ownerId', 'painPoints', 'phone']);
    const row = await leadRow(out.leadId);
    expect(row).toMatchObject({ ownerId: org.users.repAnna.userId, accountId: org.accounts.acme, firstName: 'Lee', lastName: 'Park', phone: '+1 (212) 555-0101' });
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.recordId, out.leadId));
    expect(audit.map((a) => [a.tool, a.action])).toEqual([['lead_upsert', 'lead.created']]);

    // the same call again finds the record by email and changes nothing
    const again = await callOk<UpsertOut>(store.db, org.users.repAnna, 'lead_upsert', input);
    expect(again).toMatchObject({ result: 'unchanged', leadId: out.leadId, matchedBy: 'email', changes: [] });
  });

  it('matches email ignoring case and reports exactly the fields that changed', async () => {
    const out = await callOk<UpsertOut>(store.db, org.users.repAnna, 'lead_upsert', {
      email: 'SAM@ACME.COM',
      title: 'VP Sales',
      // 'slow reports' is already known (case-insensitive); 'no CRM' is new
      painPoints: ['slow reports', 'no CRM'],
      attributes: { newsletter: 'monthly' },
    });
    expect(out).toMatchObject({ result: 'updated', leadId: samAcme, matchedBy: 'email', similarity: 1 });
    expect(out.changes).toEqual([
      { field: 'title', from: null, to: 'VP Sales' },
      { field: 'painPoints', from: ['Slow reports'], to: ['Slow reports', 'no CRM'] },
      { field: 'attributes.newsletter', from: null, to: 'monthly' },
    ]);
    expect((await leadRow(samAcme))?.email).toBe('sam@acme.com');
  });

  it('matches the same name at the same company at similarity >= 0.8, and not below', async () => {
    // trigrams of "sam lee": {"  s"," sa",sam,"am ","  l"," le",lee,"ee "} (8); "sam leee" adds "eee": 8 shared / 9 in all = 0.889
    const close = await callOk<UpsertOut>(store.db, org.users.repAnna, 'lead_upsert', { fullName: 'Sam Leee', company: 'Acme Corp', department: 'Sales' });
    expect(close).toMatchObject({ result: 'updated', leadId: samAcme, matchedBy: 'name_and_company', similarity: 0.889 });
    expect(close.changes).toEqual([
      { field: 'fullName', from: 'Sam Lee', to: 'Sam Leee' },
      { field: 'department', from: null, to: 'Sales' },
    ]);
    // "sam lea" vs "sam leee": shared {"  s"," sa",sam,"am ","  l"," le"} = 6 of 11 -> 0.545: a different person
    const far = await callOk<UpsertOut>(store.db, org.users.repAnna, 'lead_upsert', { fullName: 'Sam Lea', company: 'Acme Corp' });
    expect(far.result).toBe('created');
    expect(far.leadId).not.toBe(samAcme);
  });

  it('creates a company it does not know, naming its domain from the email but never from free mail', async () => {
    const out = await callOk<UpsertOut>(store.db, org.users.repBen, 'lead_upsert', { fullName: 'Ola Nordmann', email: 'ola@umbrella.io', company: 'Umbrella Ltd' });
    expect(out.account).toMatchObject({ name: 'Umbrella Ltd', created: true });
    const [account] = await store.db.select().from(accounts).where(eq(accounts.id, out.account!.id));
    expect(account).toMatchObject({ domain: 'umbrella.io', ownerId: org.users.repBen.userId });
    const free = await callOk<UpsertOut>(store.db, org.users.repBen, 'lead_upsert', { fullName: 'Pat Free', email: 'pat@gmail.com', company: 'Pat Consulting' });
    const [freeAccount] = await store.db.select().from(accounts).where(eq(accounts.id, free.account!.id));
    expect(freeAccount?.domain).toBeNull();
    // no company named: the email's company domain links the account
    const byDomain = await callOk<UpsertOut>(store.db, org.users.repBen, 'lead_upsert', { fullName: 'Gil Globex', email: 'gil@globex.com' });
    expect(byDomain.account).toMatchObject({ id: org.accounts.globex, created: false });
  });

  it('refuses to touch a duplicate outside the caller\'s scope instead of creating a second record', async () => {
    const byEmail = await call(store.db, org.users.repAnna, 'lead_upsert', { fullName: 'Carl M', email: 'CARL@initech.com' });
    expect(byEmail).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!byEmail.ok) expect(byEmail.error.message).not.toContain('Cara');
    const byName = await call(store.db, org.users.repAnna, 'lead_upsert', { fullName: 'Carl Mendez', company: 'Initech' });
    expect(byName).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await store.db.select().from(leads).where(eq(leads.fullName, 'Carl M')))).toEqual([]);
    // Cara herself updates it
    const own = await callOk<UpsertOut>(store.db, org.users.repCara, 'lead_upsert', { email: 'carl@initech.com', isDecisionMaker: true });
    expect(own).toMatchObject({ result: 'updated', leadId: carlInitech, changes: [{ field: 'isDecisionMaker', from: false, to: true }] });
  });

  it('lets a manager give a new lead to a rep in the team, not outside it, and a rep only to themself', async () => {
    const mine = await call(store.db, org.users.repAnna, 'lead_upsert', { fullName: 'Nia Owner', owner: 'Ben Rep' });
    expect(mine).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const toBen = await callOk<UpsertOut>(store.db, org.users.managerEast, 'lead_upsert', { fullName: 'Nia Owner', owner: 'ben.rep@dealwise.demo' });
    expect((await leadRow(toBen.leadId))?.ownerId).toBe(org.users.repBen.userId);
    const toCara = await call(store.db, org.users.managerEast, 'lead_upsert', { fullName: 'Oz Other', owner: 'Cara Rep' });
    expect(toCara).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Cara Rep is outside your team' } });
  });

  it('names every bad field: email, phone, time zone, budget order, missing name', async () => {
    const bad = await call(store.db, org.users.repAnna, 'lead_upsert', { fullName: 'X', email: 'not-an-email', phone: 'call me', timeZone: 'Mars/Base' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.field).sort()).toEqual(['email', 'phone', 'timeZone']);
    expect(await call(store.db, org.users.repAnna, 'lead_upsert', { fullName: 'Y', phone: '12-34' })).toMatchObject({ ok: false, error: { issues: [{ field: 'phone' }] } });
    const budget = await call(store.db, org.users.repAnna, 'lead_upsert', { fullName: 'Z', budgetMinMinor: 500, budgetMaxMinor: 100 });
    expect(budget).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'budgetMaxMinor' }] } });
    const nameless = await call(store.db, org.users.repAnna, 'lead_upsert', { email: 'new.person@acme.com' });
    expect(nameless).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'fullName' }] } });
  });

  it('previews a creation on dryRun without writing the lead or an audit row', async () => {
    const before = (await store.db.select().from(auditLog)).length;
    const out = await call(store.db, org.users.repAnna, 'lead_upsert', { fullName: 'Dry Run', email: 'dry@acme.com', dryRun: true });
    expect(out).toMatchObject({ ok: true, data: { result: 'created', lead: 'Dry Run' } });
    expect(await store.db.select().from(leads).where(eq(leads.email, 'dry@acme.com'))).toEqual([]);
    expect(await store.db.select().from(auditLog)).toHaveLength(before);
  });
});
