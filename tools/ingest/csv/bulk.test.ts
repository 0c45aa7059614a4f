import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client.ts';
import { rows } from '../../../db/rows.ts';
import { createTestStore } from '../../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../../test/helpers/org.ts';
import { callOk } from '../../../test/helpers/tools.ts';
import type { IngestCrmCsvOutput } from './schema.ts';

// The planned, set-based path (bulk.ts): rows of one batch see what earlier rows planned (account,
// contact), rejections found while planning reject their row alone, and a row that fails on the per-row
// way sends its batch back one row per transaction.

let store: Store;
let org: FixtureOrg;

const totals = (o: IngestCrmCsvOutput) => ({ rows: o.rows, created: o.created, updated: o.updated, skipped: o.skipped, rejected: o.rejected });

beforeAll(async () => {
  store = await createTestStore();
  org = await createFixtureOrg(store.db);
});
afterAll(async () => store.close());

const ZETA = [
  'id,name,account,industry,stage,amount,close_date,created_date,owner,contact,contact_email',
  'Z-1,Zeta first,Zeta Labs,software,Proposal,1000,2026-08-01,2026-03-01,Anna Rep,Kim Zeta,kim@zeta.example',
  'Z-2,Zeta second,Zeta Labs,retail,Closed Won,2000,2026-05-01,2026-02-01,Anna Rep,Kim Zeta,KIM@zeta.example',
  'Z-3,Zeta third,Zeta Labs,,Prospecting,300,,,Cara Rep,,',
  'Z-4,Zeta fourth,Zeta Labs,,Proposal,400,,,Nobody Here,,',
  '',
].join('\n');

describe('ingest_crm_csv: planned rows written set-based', () => {
  it('shares the account and contact an earlier row of the batch planned; rejects out-of-scope and unknown owners alone', async () => {
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.managerEast, 'ingest_crm_csv', { content: ZETA, fileName: 'zeta.csv' });
    expect(totals(out)).toEqual({ rows: 4, created: 2, updated: 0, skipped: 0, rejected: 2 });
    expect(out.rejectedRows.map((r) => [r.row, r.reason])).toEqual([
      [3, 'owner is outside your scope: you may import deals owned by you or your team'],
      [4, 'owner "Nobody Here" is not a user here; only an admin can create users from an import'],
    ]);
    const accounts = await rows<{ id: string; industry: string; owner_id: string }>(store.db, sql`select id, industry, owner_id from accounts where name = 'Zeta Labs'`);
    // created by row 1 (software), changed by row 2 (retail) before either was written
    expect(accounts.map((a) => [a.industry, a.owner_id])).toEqual([['Retail', org.users.repAnna.userId]]);
    const contacts = await rows<{ id: string; account_id: string }>(store.db, sql`select id, account_id from leads where lower(email) = 'kim@zeta.example'`);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]?.account_id).toBe(accounts[0]?.id);
    const deals = await rows<{ ext: string; contact: string; stages: string[]; fields: string[]; sourced: number }>(
      store.db,
      sql`select o.external_ids ->> 'csv' as ext, o.primary_contact_id as contact,
                 (select array_agg(h.to_stage::text order by h.changed_at) from opportunity_stage_history h where h.opportunity_id = o.id) as stages,
                 (select array_agg(f.field order by f.field) from opportunity_field_history f where f.opportunity_id = o.id) as fields,
                 (select count(*)::int from opportunity_field_history f join source_items s on s.id = f.source_item_id where f.opportunity_id = o.id) as sourced
          from opportunities o where o.external_ids ->> 'csv' like 'Z-%' order by 1`,
    );
    expect(deals).toEqual([
      { ext: 'Z-1', contact: contacts[0]?.id, stages: ['proposal'], fields: ['expected_close_date', 'value_minor'], sourced: 2 },
      { ext: 'Z-2', contact: contacts[0]?.id, stages: ['prospecting', 'closed_won'], fields: ['expected_close_date', 'probability', 'value_minor'], sourced: 3 },
    ]);
    expect(out.entities).toMatchObject({ accounts: { created: 1, updated: 1 }, contacts: { created: 1 }, opportunities: { created: 2 } });
  });

  it('importing the same file again skips the stored rows and rejects the same two', async () => {
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.managerEast, 'ingest_crm_csv', { content: ZETA, fileName: 'zeta.csv' });
    expect(totals(out)).toEqual({ rows: 4, created: 0, updated: 0, skipped: 2, rejected: 2 });
    const [n] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from opportunities where external_ids ->> 'csv' like 'Z-%'`);
    expect(n?.n).toBe(2);
  });

  it('a row refused on the per-row way sends its batch back row by row: the others are stored, it alone is rejected', async () => {
    // row 2 has no id (found by name at the account: the per-row way) and an owner outside the manager's team
    const csv = 'id,name,account,stage,amount,owner\nF-1,Fall one,Initech Bulk,Proposal,100,Ben Rep\n,Fall two,Initech Bulk,Proposal,200,Cara Rep\nF-3,Fall three,Initech Bulk,Proposal,300,Anna Rep\n';
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.managerEast, 'ingest_crm_csv', { content: csv, fileName: 'fall.csv' });
    expect(totals(out)).toEqual({ rows: 3, created: 2, updated: 0, skipped: 0, rejected: 1 });
    expect(out.rejectedRows.map((r) => [r.row, r.reason])).toEqual([[2, 'owner is outside your scope: you may import deals owned by you or your team']]);
    const stored = await rows<{ name: string; account: string }>(store.db, sql`select o.name, a.name as account from opportunities o join accounts a on a.id = o.account_id where a.name = 'Initech Bulk' order by o.name`);
    expect(stored).toEqual([{ name: 'Fall one', account: 'Initech Bulk' }, { name: 'Fall three', account: 'Initech Bulk' }]);
    const [accounts] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from accounts where name = 'Initech Bulk'`);
    expect(accounts?.n).toBe(1);
  });

  it('changes a stored account the row describes differently, in one statement for the batch', async () => {
    const csv = 'id,name,account,industry,stage,amount,owner\nU-1,Acme update,Acme Corp,retail,Proposal,100,Anna Rep\nU-2,Globex update,Globex,software,Proposal,100,Ben Rep\n';
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.managerEast, 'ingest_crm_csv', { content: csv, fileName: 'accounts-changed.csv' });
    expect(totals(out)).toEqual({ rows: 2, created: 2, updated: 0, skipped: 0, rejected: 0 });
    expect(out.entities).toMatchObject({ accounts: { updated: 1 }, opportunities: { created: 2 } });
    const stored = await rows<{ name: string; industry: string; domain: string }>(store.db, sql`select name, industry, domain from accounts where name in ('Acme Corp', 'Globex') order by name`);
    // Globex is Software already; a blank domain cell erases nothing
    expect(stored).toEqual([{ name: 'Acme Corp', industry: 'Retail', domain: 'acme.com' }, { name: 'Globex', industry: 'Software', domain: 'globex.com' }]);
  });
});
