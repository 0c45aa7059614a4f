import { and, getTableColumns, getTableName, inArray, ne, sql, type Table } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { loadWithReferencesChecked, type BulkLoad } from '../bulk-references.ts';
import { copyTextInto, pgliteConnection } from '../pglite-copy.ts';
import { accounts, leads, opportunities, opportunityFieldHistory, opportunityStageHistory, products, users } from '../schema/index.ts';
import type { AccountFields } from './ingest-csv.ts';

// Set-based writes and batch look-ups for ingest_crm_csv's bulk path (tools/ingest/csv/bulk.ts): a
// batch's new accounts, contacts and deals (ids made client-side) in a few multi-row statements, and the
// contacts a batch names read in two queries instead of one or two per row.

export type NewCsvUserRow = typeof users.$inferInsert & { id: string };
export type NewCsvProductRow = typeof products.$inferInsert & { id: string };
export type NewCsvAccountRow = typeof accounts.$inferInsert & { id: string };
export type NewCsvContactRow = typeof leads.$inferInsert & { id: string };
export type NewCsvDealRow = typeof opportunities.$inferInsert & { id: string };
export type NewCsvStageRow = typeof opportunityStageHistory.$inferInsert;
export type NewCsvFieldRow = typeof opportunityFieldHistory.$inferInsert;

/**
 * Inserts rows (drizzle's insert shapes): on PGlite by COPY (text format), else as ONE jsonb parameter
 * expanded by jsonb_populate_recordset, as ingest-bulk.ts does for email: no per-cell parameter for
 * drizzle to build and PGlite to decode. The columns are the keys the rows give (a column not given keeps
 * its default); rows giving different keys go in separate statements, so an omitted value never becomes
 * a NULL where the column has a default.
 */
async function insertRecords(ex: Executor, table: Table, values: readonly Record<string, unknown>[]): Promise<void> {
  if (values.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const pglite = pgliteConnection(ex);
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const v of values) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined && columns[k]);
    const signature = keys.join(',');
    const group = groups.get(signature);
    if (group) group.push(v);
    else groups.set(signature, [v]);
  }
  const name = getTableName(table);
  for (const [signature, rows] of groups) {
    const keys = signature.split(',');
    if (pglite) {
      // PGlite: COPY in the text format, each value in the form drizzle would send it as a parameter
      const cells = rows.map((v) => keys.map((k) => (v[k] === null ? null : columns[k]!.mapToDriverValue(v[k]))));
      await copyTextInto(pglite, name, keys.map((k) => columns[k]!.name), cells);
      continue;
    }
    const records = rows.map((v) => Object.fromEntries(keys.map((k) => [columns[k]!.name, v[k] instanceof Date ? (v[k] as Date).toISOString() : v[k]])));
    const list = sql.raw(keys.map((k) => `"${columns[k]!.name}"`).join(', '));
    await ex.execute(sql`insert into ${sql.raw(`"${name}"`)} (${list}) select ${list} from jsonb_populate_recordset(null::${sql.raw(`"${name}"`)}, ${JSON.stringify(records)}::jsonb)`);
  }
}

export interface CsvBulkPlan {
  users: NewCsvUserRow[];
  products: NewCsvProductRow[];
  accounts: NewCsvAccountRow[];
  contacts: NewCsvContactRow[];
  deals: NewCsvDealRow[];
  stages: NewCsvStageRow[];
  fields: NewCsvFieldRow[];
}

/**
 * A batch's new users, products, accounts, contacts and deals with their stage and field history, each
 * table after the ones it refers to; foreign keys checked per batch on PGlite (db/bulk-references.ts).
 */
export async function bulkInsertCsvPlan(ex: Executor, plan: CsvBulkPlan): Promise<void> {
  const loads: BulkLoad[] = [
    { table: users, rows: plan.users },
    { table: products, rows: plan.products },
    { table: accounts, rows: plan.accounts },
    { table: leads, rows: plan.contacts },
    { table: opportunities, rows: plan.deals },
    { table: opportunityStageHistory, rows: plan.stages },
    { table: opportunityFieldHistory, rows: plan.fields },
  ];
  await loadWithReferencesChecked(ex, loads, (load) => insertRecords(ex, load.table, load.rows));
}

/**
 * Accounts' changed fields (the caller checked scope when planning), one statement per set of changed
 * columns: the changes as one jsonb parameter joined by id.
 */
export async function updateCsvAccounts(ex: Executor, changes: ReadonlyMap<string, AccountFields & { externalIds?: Record<string, string> }>, at: Date): Promise<void> {
  const columns = getTableColumns(accounts) as Record<string, { name: string }>;
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const [id, set] of changes) {
    const keys = Object.keys(set).filter((k) => set[k as keyof typeof set] !== undefined && columns[k]);
    if (keys.length === 0) continue;
    const signature = keys.join(',');
    const record = { id, updated_at: at.toISOString(), ...Object.fromEntries(keys.map((k) => [columns[k]!.name, set[k as keyof typeof set]])) };
    const group = groups.get(signature);
    if (group) group.push(record);
    else groups.set(signature, [record]);
  }
  for (const [signature, records] of groups) {
    const names = [...signature.split(',').map((k) => columns[k]!.name), 'updated_at'];
    const assignments = sql.raw(names.map((n) => `"${n}" = r."${n}"`).join(', '));
    await ex.execute(sql`update accounts a set ${assignments} from jsonb_populate_recordset(null::accounts, ${JSON.stringify(records)}::jsonb) r where a.id = r.id`);
  }
}

export interface CsvContactCandidate {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  accountId: string | null;
  ownerId: string | null;
  createdAt: Date;
}

/**
 * Live (not merged) leads with one of these emails, or one of these full names at one of these accounts
 * (case-insensitive), oldest first, in
 * every scope: the caller filters by scope, so an email only someone else's lead has reads as hidden.
 */
export async function csvContactCandidates(ex: Executor, emails: string[], names: string[], accountIds: string[]): Promise<CsvContactCandidate[]> {
  if (emails.length === 0 && names.length === 0) return [];
  const columns = { id: leads.id, fullName: leads.fullName, email: leads.email, phone: leads.phone, title: leads.title, accountId: leads.accountId, ownerId: leads.ownerId, createdAt: leads.createdAt };
  const live = ne(leads.status, 'merged');
  const byEmail = emails.length > 0 ? ex.select(columns).from(leads).where(and(inArray(sql`lower(${leads.email})`, emails), live)) : Promise.resolve([]);
  // a name counts only at its account: read through the account index, not a scan of every lead
  const byName = names.length > 0 && accountIds.length > 0 ? ex.select(columns).from(leads).where(and(inArray(leads.accountId, accountIds), inArray(sql`lower(${leads.fullName})`, names), live)) : Promise.resolve([]);
  const [a, b] = [await byEmail, await byName];
  const seen = new Set<string>();
  return [...a, ...b].filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true))).sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
}
