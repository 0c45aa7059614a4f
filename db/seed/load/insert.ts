import { SQL, getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../client.ts';

// Bulk loading. Each batch travels as ONE json parameter expanded by json_populate_recordset:
// drizzle's per-value parameter handling costs more than Postgres's work at 40k+ values a
// statement, and one parameter can never hit the 65,535-parameter limit. Same SQL on PGlite and Postgres.

type Column = ReturnType<typeof getTableColumns>[string];

/** the value a missing key stands for: the column's literal default, else NULL; SQL defaults (now(), random ids) must be given */
function missing(table: string, key: string, column: Column): unknown {
  if (column.default !== undefined && !is(column.default, SQL)) return column.default;
  if (!column.notNull) return null;
  throw new Error(`seed: ${table}.${key} is required (its default is computed by the database, which would break determinism)`);
}

function encode(value: unknown, column: Column): unknown {
  if (value instanceof Date) return value.toISOString();
  if (column.columnType === 'PgVector' && Array.isArray(value)) return `[${value.join(',')}]`;
  return value;
}

export async function insertBatched<T extends PgTable>(ex: Executor, table: T, rows: readonly T['$inferInsert'][], batchSize = 2000): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.entries(getTableColumns(table));
  const tableName = getTableName(table);
  const list = sql.raw(columns.map(([, c]) => `"${c.name}"`).join(', '));
  for (let i = 0; i < rows.length; i += batchSize) {
    const payload = rows.slice(i, i + batchSize).map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, column] of columns) {
        const value = (row as Record<string, unknown>)[key];
        out[column.name] = encode(value === undefined ? missing(tableName, key, column) : value, column);
      }
      return out;
    });
    await ex.execute(sql`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${JSON.stringify(payload)}::json)`);
  }
  return rows.length;
}

/** empties every table in the public schema (the migrations journal lives in its own schema and stays) */
export async function truncateAll(ex: Executor): Promise<string[]> {
  const result = await ex.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { tablename: string }[];
  const names = rows.map((r) => r.tablename);
  if (names.length > 0) await ex.execute(sql.raw(`TRUNCATE TABLE ${names.map((n) => `"${n.replace(/"/g, '""')}"`).join(', ')} RESTART IDENTITY CASCADE`));
  return names;
}
