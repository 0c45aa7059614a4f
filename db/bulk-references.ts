import { getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';
import { pgliteConnection } from './pglite-copy.ts';
import { rows as selectRows } from './rows.ts';

// Bulk loads into PGlite with their foreign keys checked once per key column and batch instead of by a
// trigger per row (the per-row checks were ~40% of a deal's insert cost in WebAssembly). The inserts run
// with session_replication_role = replica (triggers, hence the per-row foreign-key checks, off for this
// transaction only), then each foreign key is checked set-based: the distinct values the rows give,
// less the ids the same load inserts, must exist in the referenced table. A missing one fails the load
// with Postgres's own wording, and the caller's transaction rolls back as it would have. PGlite runs one
// transaction at a time (an open one holds the database), so nothing can delete a referenced row
// between the check and the commit. On Postgres (or without superuser) the ordinary per-row checks run.

export interface BulkLoad {
  table: PgTable;
  rows: readonly Record<string, unknown>[];
}

export class ReferenceError extends Error {}

const superusers = new WeakMap<object, boolean>();

async function mayDisableTriggers(ex: Executor): Promise<boolean> {
  const connection = pgliteConnection(ex);
  if (!connection) return false;
  const known = superusers.get(connection);
  if (known !== undefined) return known;
  const [row] = await selectRows<{ on: string }>(ex, sql`select current_setting('is_superuser') as "on"`);
  const allowed = row?.on === 'on';
  superusers.set(connection, allowed);
  return allowed;
}

/** Runs `insert` over the loads (in order), foreign keys checked per batch where the store allows it. */
export async function loadWithReferencesChecked(ex: Executor, loads: readonly BulkLoad[], insert: (load: BulkLoad) => Promise<void>): Promise<void> {
  const present = loads.filter((l) => l.rows.length > 0);
  if (present.length === 0) return;
  if (!(await mayDisableTriggers(ex))) {
    for (const load of present) await insert(load);
    return;
  }
  // SET LOCAL: a failed insert aborts the transaction, whose rollback restores the setting
  await ex.execute(sql`set local session_replication_role = replica`);
  for (const load of present) await insert(load);
  await ex.execute(sql`set local session_replication_role = origin`);
  await checkReferences(ex, present);
}

async function checkReferences(ex: Executor, loads: readonly BulkLoad[]): Promise<void> {
  // ids inserted by this load, per table: rows referring to them need no look-up
  const inserted = new Map<string, Set<unknown>>();
  for (const { table, rows } of loads) {
    const ids = inserted.get(getTableName(table)) ?? new Set<unknown>();
    for (const r of rows) if (r.id !== undefined) ids.add(r.id);
    inserted.set(getTableName(table), ids);
  }
  for (const { table, rows } of loads) {
    const config = getTableConfig(table);
    // the rows are drizzle insert shapes: keyed by field name, not column name
    const fieldOf = new Map(Object.entries(getTableColumns(table)).map(([field, c]) => [c.name, field]));
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      if (ref.columns.length !== 1 || ref.foreignColumns.length !== 1) throw new Error(`${config.name}: composite foreign keys are not checked set-based`);
      const column = ref.columns[0]!;
      const field = fieldOf.get(column.name);
      if (!field) continue;
      const target = getTableName(ref.foreignTable as Table);
      const known = ref.foreignColumns[0]!.name === 'id' ? inserted.get(target) : undefined;
      const values = new Set<unknown>();
      for (const r of rows) {
        const v = r[field];
        if (v !== null && v !== undefined && !known?.has(v)) values.add(v);
      }
      if (values.size === 0) continue;
      const type = sql.raw(column.getSQLType());
      const literal = `{${[...values].map((v) => `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
      const missing = await selectRows<{ v: string }>(
        ex,
        sql`select v::text as v from unnest(${literal}::${type}[]) as v
            where not exists (select 1 from ${sql.raw(`"${target}"`)} t where t.${sql.raw(`"${ref.foreignColumns[0]!.name}"`)} = v) limit 1`,
      );
      if (missing.length > 0) {
        throw new ReferenceError(`insert or update on table "${config.name}" violates foreign key constraint "${fk.getName()}": Key (${column.name})=(${missing[0]!.v}) is not present in table "${target}".`);
      }
    }
  }
}
