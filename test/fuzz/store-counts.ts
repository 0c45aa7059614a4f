import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';

// Row counts of every table in the store: a call that fails must leave all of them as they were
// (no half-written record, no stray audit row).

let tableNames: string[] | undefined;

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  tableNames ??= (
    await rows<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)
  ).map((row) => row.name);
  const counts = sql.join(
    tableNames.map((name) => sql`select ${name} as name, count(*)::int as n from ${sql.identifier(name)}`),
    sql` union all `,
  );
  const all = await rows<{ name: string; n: number }>(db, counts);
  return Object.fromEntries(all.map((row) => [row.name, row.n]));
}

/** The tables whose counts differ, as "table: before -> after". */
export function countChanges(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name]} -> ${after[name]}`);
}
