import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { feedbackAnnotations } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import type { IngestCrmCsvOutput } from './csv/schema.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/csv');
const GENERIC = path.join(FIXTURES, 'generic-deals.csv');
const SALESFORCE = path.join(FIXTURES, 'salesforce-opportunities.csv');
const MAVEN = path.join(FIXTURES, 'maven-mini');

let store: Store;
let org: FixtureOrg;

const totals = (o: IngestCrmCsvOutput) => ({ rows: o.rows, created: o.created, updated: o.updated, skipped: o.skipped, rejected: o.rejected });

async function deal(system: string, id: string) {
  const [row] = await rows<Record<string, unknown>>(
    store.db,
    sql`select o.name, o.stage, o.value_minor::int as value, o.currency, o.discount_pct, o.expected_close_date, o.probability, o.next_steps, o.created_at, o.closed_at, o.owner_id,
               a.name as account, p.name as product, l.full_name as contact,
               (select array_agg(h.to_stage order by h.changed_at) from opportunity_stage_history h where h.opportunity_id = o.id) as stages
        from opportunities o join accounts a on a.id = o.account_id left join products p on p.id = o.product_id left join leads l on l.id = o.primary_contact_id
        where o.external_ids ->> ${system} = ${id}`,
  );
  return row;
}

async function count(table: string): Promise<number> {
  const [row] = await rows<{ n: number }>(store.db, sql.raw(`select count(*)::int as n from ${table}`));
  return row?.n ?? 0;
}

beforeAll(async () => {
  store = await createTestStore();
  org = await createFixtureOrg(store.db);
});
afterAll(async () => store.close());

describe('ingest_crm_csv: maven preset (miniature of the four-file layout, CRLF)', () => {
  it('imports owners with managers and teams, products, accounts and deals; rejects the impossible date with row, line and column', async () => {
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { path: MAVEN, preset: 'maven' });
    // 4 agents + 3 products + 3 accounts + 6 deals = 16 rows; the deal engaged on 2017-02-30 is refused
    expect(totals(out)).toEqual({ rows: 16, created: 15, updated: 0, skipped: 0, rejected: 1 });
    expect(out.files.map((f) => [f.file, f.status, f.rows, f.created, f.rejected])).toEqual([
      ['sales_teams.csv', 'imported', 4, 4, 0],
      ['products.csv', 'imported', 3, 3, 0],
      ['accounts.csv', 'imported', 3, 3, 0],
      ['sales_pipeline.csv', 'imported', 6, 5, 1],
      ['data_dictionary.csv', 'skipped', 0, 0, 0],
    ]);
    expect(out.files[2]?.ignoredColumns).toEqual(['year_established', 'subsidiary_of']);
    // users: 4 agents + 3 managers; one team per manager; accounts: 3 + the "(no account)" placeholder
    expect(out.entities).toEqual({
      users: { created: 7, updated: 0 },
      teams: { created: 3, updated: 0 },
      products: { created: 3, updated: 0 },
      accounts: { created: 4, updated: 0 },
      opportunities: { created: 5, updated: 0 },
    });
    expect(out.rejectedRows).toEqual([{ file: 'sales_pipeline.csv', row: 6, line: 7, reason: 'engage_date: not a date: "2017-02-30" (expected YYYY-MM-DD or M/D/YYYY)' }]);
    const norm = Object.fromEntries(out.normalisations.map((n) => [`${n.column}: ${n.from} -> ${n.to}`, n.rows]));
    expect(norm).toEqual({
      'account:  -> (no account)': 2,
      'amount:  -> list price of the product': 2,
      'amount: 0 -> list price of the product': 1,
      'deal_stage: Won -> closed_won': 2,
      'deal_stage: Lost -> closed_lost': 1,
      'deal_stage: Engaging -> discovery': 1,
      'product: GTXPro -> GTX Pro': 2,
      'sector: technolgy -> Technology': 1,
    });
  });

  it('stores what each row says: amounts, list-price fallbacks, discounts, stage histories from the dates', async () => {
    // Won at 4,514 against a 4,821 list price: discount (4821 - 4514) / 4821 = 6.37% -> 6.4
    expect(await deal('maven', 'Z063OYW0')).toMatchObject({ name: 'Isdom – GTX Pro', stage: 'closed_won', value: 451400, discount_pct: 6.4, probability: 100, account: 'Isdom', product: 'GTX Pro', stages: ['discovery', 'closed_won'] });
    // Lost with close_value 0: the amount at stake is GTX Pro's list price
    expect(await deal('maven', 'KWVA7VR1')).toMatchObject({ stage: 'closed_lost', value: 482100, discount_pct: null, probability: 0, stages: ['discovery', 'closed_lost'] });
    // open deal with no account and no dates: placeholder account, MG Special list price 55.00, created at the import
    const open = await deal('maven', '8I5ONXJX');
    expect(open).toMatchObject({ name: '(no account) – MG Special', stage: 'prospecting', value: 5500, account: '(no account)', stages: ['prospecting'], closed_at: null });
    expect(new Date(open?.created_at as string).toISOString()).toBe('2026-06-15T12:00:00.000Z');
    const [team] = await rows<{ name: string; region: string; manager: string; members: string[] }>(
      store.db,
      sql`select t.name, t.region, m.full_name as manager, array(select u.full_name from users u where u.team_id = t.id order by u.full_name) as members
          from teams t join users m on m.id = t.manager_id where t.name = 'East – Cara Losch'`,
    );
    expect(team).toEqual({ name: 'East – Cara Losch', region: 'East', manager: 'Cara Losch', members: ['Cara Losch', 'Idle Agent', 'Violet Mclelland'] });
    const [agent] = await rows<{ role: string; email: string; manager_id: string }>(store.db, sql`select role, email, manager_id from users where full_name = 'Violet Mclelland'`);
    expect(agent).toMatchObject({ role: 'rep', email: 'violet.mclelland@maven.invalid' });
    const [industry] = await rows<{ industry: string; revenue: number }>(store.db, sql`select industry, annual_revenue_minor::float8 as revenue from accounts where name = 'Isdom'`);
    // revenue column is in millions: 3178.24 -> 3,178,240,000.00 -> 317,824,000,000 minor
    expect(industry).toEqual({ industry: 'Technology', revenue: 317_824_000_000 });
  });

  it('re-importing the same files changes nothing: every stored row is skipped', async () => {
    const before = await Promise.all(['opportunities', 'accounts', 'users', 'teams', 'products', 'source_items', 'opportunity_stage_history'].map(count));
    const again = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { path: MAVEN, preset: 'maven' });
    expect(totals(again)).toEqual({ rows: 16, created: 0, updated: 0, skipped: 15, rejected: 1 });
    expect(await Promise.all(['opportunities', 'accounts', 'users', 'teams', 'products', 'source_items', 'opportunity_stage_history'].map(count))).toEqual(before);
  });
});

describe('ingest_crm_csv: generic preset', () => {
  it('imports with product variant, sector typo, a deal without account, CRLF and three bad rows', async () => {
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { path: GENERIC });
    expect(totals(out)).toEqual({ rows: 7, created: 4, updated: 0, skipped: 0, rejected: 3 });
    expect(out.rejectedRows).toEqual([
      { file: 'generic-deals.csv', row: 4, line: 5, reason: 'close_date: not a date: "31/31/2026" (expected YYYY-MM-DD or M/D/YYYY)' },
      { file: 'generic-deals.csv', row: 6, line: 7, reason: 'amount: an amount cannot be negative' },
      { file: 'generic-deals.csv', row: 7, line: 8, reason: 'has 3 fields where the header has 13' },
    ]);
    // Globex: "technolgy" -> Technology replaces Software; Acme and Initech already say what the rows say
    expect(out.entities).toMatchObject({ accounts: { created: 0, updated: 1 }, contacts: { created: 1, updated: 0 }, opportunities: { created: 4, updated: 0 } });
    expect(await deal('csv', 'D-1')).toMatchObject({ stage: 'negotiation', value: 5_400_000, product: 'GTX Pro', contact: 'Dana Ruiz', account: 'Acme Corp', owner_id: org.users.repAnna.userId, expected_close_date: '2026-07-31' });
    expect(await deal('csv', 'D-3')).toMatchObject({ account: '(no account)', stage: 'qualification', value: 500_000 });
    expect(await deal('csv', 'D-5')).toMatchObject({ stage: 'closed_won', value: 123_450, currency: 'EUR', stages: ['prospecting', 'closed_won'] });
  });

  it('updates the rows that changed, keeps reviewer corrections, skips the rest', async () => {
    const [d2] = await rows<{ id: string }>(store.db, sql`select id from opportunities where external_ids ->> 'csv' = 'D-2'`);
    await store.db.insert(feedbackAnnotations).values({ recordType: 'opportunity', recordId: d2?.id as string, field: 'stage', value: 'prospecting', authorId: org.users.managerEast.userId });
    const text = readFileSync(GENERIC, 'utf8')
      .replace('Negotiation,"$54,000.00"', 'Closed Won,"$56,000.00"')
      .replace('D-2,Globex pilot,Globex,technolgy,Prospecting,12000', 'D-2,Globex pilot,Globex,technolgy,Qualification,15000');
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { content: text, fileName: 'generic-deals.csv' });
    expect(totals(out)).toEqual({ rows: 7, created: 0, updated: 2, skipped: 2, rejected: 3 });
    expect(out.samples.map((s) => [s.externalId, s.status, s.changed, s.kept])).toEqual([
      ['D-1', 'updated', ['valueMinor', 'stage', 'probability', 'closedAt'], []],
      ['D-2', 'updated', ['valueMinor'], ['stage']],
    ]);
    expect(await deal('csv', 'D-1')).toMatchObject({ stage: 'closed_won', value: 5_600_000, probability: 100, stages: ['negotiation', 'closed_won'] });
    expect(await deal('csv', 'D-2')).toMatchObject({ stage: 'prospecting', value: 1_500_000 });
    // field history names the columns (as opportunity_upsert and the seed do) and the row each value came from:
    // the changed rows' values, after the values each deal started with (named by the first import's rows)
    const history = await rows<{ deal: string; field: string; old_value: unknown; new_value: unknown; row: string }>(
      store.db,
      sql`select o.external_ids ->> 'csv' as deal, f.field, f.old_value, f.new_value, split_part(s.raw_text, ',', 5) as row
          from opportunity_field_history f join opportunities o on o.id = f.opportunity_id join source_items s on s.id = f.source_item_id
          where o.external_ids ->> 'csv' in ('D-1', 'D-2') order by 1, 2, f.old_value nulls first`,
    );
    expect(history).toEqual([
      { deal: 'D-1', field: 'expected_close_date', old_value: null, new_value: '2026-07-31', row: 'Negotiation' },
      { deal: 'D-1', field: 'probability', old_value: null, new_value: 100, row: 'Closed Won' },
      { deal: 'D-1', field: 'value_minor', old_value: null, new_value: 5_400_000, row: 'Negotiation' },
      { deal: 'D-1', field: 'value_minor', old_value: 5_400_000, new_value: 5_600_000, row: 'Closed Won' },
      { deal: 'D-2', field: 'value_minor', old_value: null, new_value: 1_200_000, row: 'Prospecting' },
      { deal: 'D-2', field: 'value_minor', old_value: 1_200_000, new_value: 1_500_000, row: 'Qualification' },
    ]);
  });

  it('takes a custom mapping over the generic preset, upserting by name at the account when there is no id', async () => {
    const csv = 'Deal Name,Deal Stage,Amount,Company name,Deal owner,Close date\nHub deal,appointmentscheduled,1500,Acme Corp,Anna Rep,2026-08-01\n';
    const mapping = {
      columns: { opportunity: { name: 'Deal Name', stage: 'Deal Stage', amount: 'Amount', closeDate: 'Close date' }, account: { name: 'Company name' }, owner: { fullName: 'Deal owner' } },
      options: { system: 'hubspot', stageMap: { appointmentscheduled: 'qualification' } },
    };
    const first = await callOk<IngestCrmCsvOutput>(store.db, org.users.repAnna, 'ingest_crm_csv', { content: csv, fileName: 'hubspot.csv', mapping });
    expect([first.preset, first.created]).toEqual(['generic+custom', 1]);
    const again = await callOk<IngestCrmCsvOutput>(store.db, org.users.repAnna, 'ingest_crm_csv', { content: csv.replace(',1500,', ',1750,'), fileName: 'hubspot.csv', mapping });
    expect(totals(again)).toEqual({ rows: 1, created: 0, updated: 1, skipped: 0, rejected: 0 });
    const [row] = await rows<{ n: number; value: number; stage: string }>(store.db, sql`select count(*)::int as n, max(value_minor)::int as value, max(stage::text) as stage from opportunities where name = 'Hub deal'`);
    expect(row).toEqual({ n: 1, value: 175_000, stage: 'qualification' });
  });
});

describe('ingest_crm_csv: salesforce preset and scope', () => {
  it('a manager imports their team\'s deals; another team\'s owner and an unknown stage are rejected', async () => {
    // only an admin reads the server's disk; a manager uploads the same file as content
    expect(await call(store.db, org.users.managerEast, 'ingest_crm_csv', { path: SALESFORCE, preset: 'salesforce' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const upload = { content: readFileSync(SALESFORCE, 'utf8'), fileName: path.basename(SALESFORCE), preset: 'salesforce' };
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.managerEast, 'ingest_crm_csv', upload);
    expect(totals(out)).toEqual({ rows: 5, created: 3, updated: 0, skipped: 0, rejected: 2 });
    expect(out.rejectedRows.map((r) => [r.row, r.reason])).toEqual([
      [4, 'owner is outside your scope: you may import deals owned by you or your team'],
      [5, 'Stage: unknown stage "Maybe Later" (add it to stageMap)'],
    ]);
    expect(await deal('salesforce', '0061x00000AbCdE')).toMatchObject({
      name: 'Acme - Fleet rollout', stage: 'discovery', value: 12_000_000, probability: 40, expected_close_date: '2026-07-15', next_steps: 'Send security pack', product: 'GTX Pro', contact: 'Dana Ruiz',
    });
    expect(await deal('salesforce', '0061x00000AbCdG')).toMatchObject({ account: '(no account)', owner_id: org.users.repAnna.userId });
    const [globex] = await rows<{ industry: string }>(store.db, sql`select industry from accounts where name = 'Globex'`);
    expect(globex?.industry).toBe('Technology');
  });

  it('an admin then imports the West deal; rows already stored are skipped', async () => {
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { path: SALESFORCE, preset: 'salesforce' });
    expect(totals(out)).toEqual({ rows: 5, created: 1, updated: 0, skipped: 3, rejected: 1 });
    expect(await deal('salesforce', '0061x00000AbCdH')).toMatchObject({ stage: 'closed_lost', value: 3_000_000, probability: 0, owner_id: org.users.repCara.userId });
  });

  it('only an admin creates users; a rep\'s rows without an owner are the rep\'s', async () => {
    const csv = 'id,name,account,stage,amount,owner\nN-1,New owner deal,Acme Corp,Proposal,100,Zed Nobody\nN-2,My deal,Acme Corp,Proposal,200,\n';
    const manager = await callOk<IngestCrmCsvOutput>(store.db, org.users.managerEast, 'ingest_crm_csv', { content: csv, fileName: 'owners.csv' });
    expect(manager.rejectedRows.map((r) => r.reason)).toEqual(['owner "Zed Nobody" is not a user here; only an admin can create users from an import']);
    expect(await deal('csv', 'N-2')).toMatchObject({ owner_id: org.users.managerEast.userId });
    const rep = await callOk<IngestCrmCsvOutput>(store.db, org.users.repBen, 'ingest_crm_csv', { content: 'id,name,account,stage,amount\nB-1,Ben deal,Globex,Proposal,300\n', fileName: 'ben.csv' });
    expect(rep.created).toBe(1);
    expect(await deal('csv', 'B-1')).toMatchObject({ owner_id: org.users.repBen.userId });
    // Anna cannot change Ben's deal: it exists outside her scope
    const anna = await callOk<IngestCrmCsvOutput>(store.db, org.users.repAnna, 'ingest_crm_csv', { content: 'id,name,account,stage,amount\nB-1,Ben deal,Globex,Negotiation,300\n', fileName: 'ben.csv' });
    expect(anna.rejectedRows.map((r) => r.reason)).toEqual(['opportunity B-1 exists but is owned outside your scope']);
    expect(await call(store.db, org.users.exec, 'ingest_crm_csv', { content: 'a\n1\n' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('ingest_crm_csv: dry run, audit, bad input', () => {
  it('dryRun reports the counts and stores nothing; a real run writes one audit row', async () => {
    const csv = 'id,name,account,stage,amount,owner\nX-1,Dry deal,Acme Corp,Proposal,100,Anna Rep\n';
    const before = await Promise.all(['opportunities', 'source_items', 'audit_log'].map(count));
    const dry = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { content: csv, fileName: 'dry.csv', dryRun: true });
    expect(dry.created).toBe(1);
    expect(await Promise.all(['opportunities', 'source_items', 'audit_log'].map(count))).toEqual(before);
    await callOk(store.db, org.users.admin, 'ingest_crm_csv', { content: csv, fileName: 'dry.csv' });
    const audits = await rows<{ action: string; changes: { created: number; rows: number } }>(store.db, sql`select action, changes from audit_log where tool = 'ingest_crm_csv' and changes ->> 'source' = 'dry.csv'`);
    expect(audits).toEqual([{ action: 'crm_csv.imported', changes: expect.objectContaining({ created: 1, rows: 1, preset: 'generic' }) }]);
  });

  it('names the field on bad input and rejects a file it cannot map', async () => {
    expect(await call(store.db, org.users.admin, 'ingest_crm_csv', { content: 'a', path: GENERIC })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'path' }] } });
    expect(await call(store.db, org.users.admin, 'ingest_crm_csv', { path: '/no/such.csv' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'path' }] } });
    expect(await call(store.db, org.users.admin, 'ingest_crm_csv', { content: 'x', preset: 'nosuch' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'preset' }] } });
    // a header no preset reads: refused before any row, naming its columns (issue 16)
    expect(await call(store.db, org.users.admin, 'ingest_crm_csv', { content: 'foo,bar\n1,2\n', fileName: 'odd.csv' })).toMatchObject({
      ok: false, error: { code: 'invalid_input', issues: [{ field: 'preset', message: expect.stringContaining('Columns no preset reads: foo, bar') }] },
    });
    // with a preset named, the file is read with it and rejected for what it lacks
    const unmapped = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { content: 'foo,bar\n1,2\n', fileName: 'odd.csv', preset: 'generic' });
    expect(unmapped.files[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('no column identifies the opportunity') });
    expect(totals(unmapped)).toEqual({ rows: 0, created: 0, updated: 0, skipped: 0, rejected: 0 });
  });
});
