import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';

/** Runs raw SQL and returns its rows typed as T; both drivers answer `{ rows }`. For repos and tests only. */
export async function rows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const result = (await ex.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
