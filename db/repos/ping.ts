import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';

/** One round trip to the store: readiness checks use it to see the database is reachable now. */
export async function pingStore(ex: Executor): Promise<void> {
  await ex.execute(sql`select 1`);
}
