import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client.ts';
import { rows } from '../../../db/rows.ts';
import { createTestStore } from '../../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../../test/helpers/org.ts';
import { callOk } from '../../../test/helpers/tools.ts';
import type { IngestCrmCsvOutput } from './schema.ts';

// The real Maven Analytics CRM set (../shared/data) imports whole: every row of every file, with counts
// taken from the CSVs themselves (read here with csv-parse, independently of the importer).
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/maven_crm_sales_opportunities');
const csv = (name: string) => parse(readFileSync(path.join(DIR, name)), { columns: true, bom: true }) as Record<string, string>[];

describe.skipIf(!existsSync(DIR))('maven preset on the real Maven CRM set', () => {
  let store: Store;
  let org: FixtureOrg;
  let first: IngestCrmCsvOutput;
  const data = existsSync(DIR)
    ? { pipeline: csv('sales_pipeline.csv'), accounts: csv('accounts.csv'), products: csv('products.csv'), teams: csv('sales_teams.csv') }
    : { pipeline: [], accounts: [], products: [], teams: [] };
  const byStage = (stage: string) => data.pipeline.filter((r) => r.deal_stage === stage);
  let accountsAlreadyThere = 0;

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    // the fixture org already has an "Initech": that Maven row updates it instead of creating a twin
    const names = data.accounts.map((a) => (a.account as string).toLowerCase());
    const [found] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from accounts where lower(name) = any(${`{${names.map((n) => `"${n}"`).join(',')}}`}::text[])`);
    accountsAlreadyThere = found?.n ?? 0;
    first = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { path: DIR, preset: 'maven' });
  }, 900_000);
  afterAll(async () => store.close());

  it('reads every row of the four files and creates or updates each one', () => {
    const rowsInFiles = data.pipeline.length + data.accounts.length + data.products.length + data.teams.length;
    expect([data.pipeline.length, data.accounts.length, data.products.length, data.teams.length]).toEqual([8800, 85, 7, 35]);
    expect(accountsAlreadyThere).toBe(1);
    expect({ rows: first.rows, created: first.created, updated: first.updated, skipped: first.skipped, rejected: first.rejected }).toEqual({
      rows: rowsInFiles,
      created: rowsInFiles - accountsAlreadyThere,
      updated: accountsAlreadyThere,
      skipped: 0,
      rejected: 0,
    });
    expect(first.files.map((f) => [f.file, f.rows, f.created + f.updated])).toEqual([
      ['sales_teams.csv', 35, 35],
      ['products.csv', 7, 7],
      ['accounts.csv', 85, 85],
      ['sales_pipeline.csv', 8800, 8800],
      ['data_dictionary.csv', 0, 0],
    ]);
    const managers = new Set(data.teams.map((t) => t.manager)).size;
    // users: 35 agents + 6 managers; one team per manager; accounts: the 84 new ones + "(no account)"
    expect(first.entities).toEqual({
      users: { created: 35 + managers, updated: 0 },
      teams: { created: managers, updated: 0 },
      products: { created: 7, updated: 0 },
      accounts: { created: 85 - accountsAlreadyThere + 1, updated: accountsAlreadyThere },
      opportunities: { created: 8800, updated: 0 },
    });
  });

  it('stores the deals as the CSV says: stages, won revenue, product variants, deals without accounts', async () => {
    const stages = await rows<{ stage: string; n: number }>(store.db, sql`select stage::text, count(*)::int as n from opportunities where external_ids ? 'maven' group by stage order by stage`);
    expect(Object.fromEntries(stages.map((s) => [s.stage, s.n]))).toEqual({
      closed_lost: byStage('Lost').length,
      closed_won: byStage('Won').length,
      discovery: byStage('Engaging').length,
      prospecting: byStage('Prospecting').length,
    });
    const wonRevenue = byStage('Won').reduce((sum, r) => sum + Number(r.close_value) * 100, 0);
    const [won] = await rows<{ v: number }>(store.db, sql`select sum(value_minor)::float8 as v from opportunities where external_ids ? 'maven' and stage = 'closed_won'`);
    expect(won?.v).toBe(wonRevenue);
    const [variants] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from opportunities o join products p on p.id = o.product_id where p.name = 'GTX Pro'`);
    expect(variants?.n).toBe(data.pipeline.filter((r) => r.product === 'GTXPro' || r.product === 'GTX Pro').length);
    const [products] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from products`);
    expect(products?.n).toBe(7);
    const [noAccount] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from opportunities o join accounts a on a.id = o.account_id where a.name = '(no account)'`);
    expect(noAccount?.n).toBe(data.pipeline.filter((r) => r.account === '').length);
    const [tech] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from accounts where industry = 'Technology'`);
    expect(tech?.n).toBe(data.accounts.filter((a) => a.sector === 'technolgy').length);
    // 5 agents in sales_teams have no deals: they are users all the same
    const agentsWithDeals = new Set(data.pipeline.map((r) => r.sales_agent)).size;
    const [agents] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from users where email like '%@maven.invalid' and role = 'rep'`);
    expect([agents?.n, agentsWithDeals]).toEqual([35, 30]);
  });

  it('re-importing the set changes nothing: all rows skipped', async () => {
    const again = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { path: DIR, preset: 'maven' });
    expect({ created: again.created, updated: again.updated, skipped: again.skipped, rejected: again.rejected }).toEqual({ created: 0, updated: 0, skipped: first.rows, rejected: 0 });
  }, 600_000);
});
