import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { rows } from '../rows.ts';
import { leads, opportunities, opportunityFieldHistory, opportunityStageHistory } from '../schema/index.ts';
import { bulkInsertCsvPlan, type CsvBulkPlan } from './ingest-csv-bulk.ts';

// The CSV import's set-based write: COPY in the text format (values with tabs, newlines, backslashes,
// quotes, arrays and JSON stored as given), foreign keys checked once per batch instead of per row
// (a missing reference still fails the whole write with Postgres's wording, and nothing stays behind),
// and the per-row triggers back on afterwards.

let store: Store;
let org: FixtureOrg;
beforeAll(async () => {
  store = await createTestStore();
  org = await createFixtureOrg(store.db);
});
afterAll(() => store.close());

const empty = (): CsvBulkPlan => ({ users: [], products: [], accounts: [], contacts: [], deals: [], stages: [], fields: [] });

function deal(id: string, over: Partial<CsvBulkPlan['deals'][number]> = {}): CsvBulkPlan['deals'][number] {
  return {
    id, name: 'Tab\there, new\nline, back\\slash, "quoted"', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, valueMinor: 1_250_000, currency: 'USD',
    stage: 'proposal', stageEnteredAt: ORG_NOW, competitors: ['Sensortec', 'A "B" {c}'], externalIds: { crm: 'X-1', note: 'tab\tin json' }, expectedCloseDate: '2026-09-30',
    createdAt: ORG_NOW, updatedAt: ORG_NOW, ...over,
  };
}

describe('bulkInsertCsvPlan', () => {
  it('stores a contact, a deal and its history exactly as given, referring to each other in one batch', async () => {
    const plan = empty();
    const contactId = randomUUID();
    const dealId = randomUUID();
    plan.contacts.push({ id: contactId, fullName: 'Zoë O\'Neil', email: 'zoe@acme.example', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, attributes: { externalIds: { crm: 'C-1' } }, createdAt: ORG_NOW, updatedAt: ORG_NOW });
    plan.deals.push(deal(dealId, { primaryContactId: contactId }));
    plan.stages.push({ opportunityId: dealId, fromStage: null, toStage: 'proposal', probability: 40, valueMinor: 1_250_000, expectedCloseDate: '2026-09-30', reason: 'CRM import', changedById: org.users.admin.userId, changedAt: ORG_NOW });
    plan.fields.push({ opportunityId: dealId, field: 'value_minor', oldValue: null, newValue: 1_250_000, changedById: org.users.admin.userId, sourceItemId: null, changedAt: ORG_NOW });
    await store.db.transaction((tx) => bulkInsertCsvPlan(tx, plan));

    const [stored] = await store.db.select().from(opportunities).where(eq(opportunities.id, dealId));
    expect(stored).toMatchObject({ name: 'Tab\there, new\nline, back\\slash, "quoted"', competitors: ['Sensortec', 'A "B" {c}'], externalIds: { crm: 'X-1', note: 'tab\tin json' }, primaryContactId: contactId, valueMinor: 1_250_000, expectedCloseDate: '2026-09-30', forecastCategory: 'pipeline' });
    expect(stored!.createdAt.toISOString()).toBe(ORG_NOW.toISOString());
    const [lead] = await store.db.select({ fullName: leads.fullName, attributes: leads.attributes, status: leads.status }).from(leads).where(eq(leads.id, contactId));
    expect(lead).toEqual({ fullName: 'Zoë O\'Neil', attributes: { externalIds: { crm: 'C-1' } }, status: 'open' });
    expect(await store.db.select({ to: opportunityStageHistory.toStage }).from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunityId, dealId))).toEqual([{ to: 'proposal' }]);
    expect(await store.db.select({ v: opportunityFieldHistory.newValue }).from(opportunityFieldHistory).where(eq(opportunityFieldHistory.opportunityId, dealId))).toEqual([{ v: 1_250_000 }]);
  });

  it('fails the batch naming the key when a deal refers to an account that does not exist, leaving nothing behind', async () => {
    const plan = empty();
    const good = randomUUID();
    const missingAccount = randomUUID();
    plan.deals.push(deal(good, { externalIds: { crm: 'X-2' } }), deal(randomUUID(), { accountId: missingAccount, externalIds: { crm: 'X-3' } }));
    await expect(store.db.transaction((tx) => bulkInsertCsvPlan(tx, plan))).rejects.toThrow(`Key (account_id)=(${missingAccount}) is not present in table "accounts"`);
    expect(await store.db.select({ id: opportunities.id }).from(opportunities).where(eq(opportunities.id, good))).toEqual([]);
  });

  it('checks history rows against deals outside the batch too, and turns the per-row checks back on', async () => {
    const plan = empty();
    plan.fields.push({ opportunityId: randomUUID(), field: 'value_minor', oldValue: null, newValue: 1, changedById: null, sourceItemId: null, changedAt: ORG_NOW });
    await expect(store.db.transaction((tx) => bulkInsertCsvPlan(tx, plan))).rejects.toThrow(/violates foreign key constraint .* is not present in table "opportunities"/);
    const [role] = await rows<{ role: string }>(store.db, sql`select current_setting('session_replication_role') as role`);
    expect(role!.role).toBe('origin');
    // an ordinary insert after a bulk write still gets Postgres's own per-row check
    await store.db.transaction((tx) => bulkInsertCsvPlan(tx, { ...empty(), deals: [deal(randomUUID(), { externalIds: { crm: 'X-4' } })] }));
    await expect(store.db.insert(opportunities).values({ ...deal(randomUUID()), accountId: randomUUID() })).rejects.toThrow();
  });
});
