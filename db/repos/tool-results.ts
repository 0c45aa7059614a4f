import { eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { toolResults } from '../schema/index.ts';

// Results of registry calls made with an idempotency key (see db/schema/tool-results.ts).

export type ToolResultRow = typeof toolResults.$inferSelect;

export async function findToolResult(ex: Executor, key: string): Promise<ToolResultRow | undefined> {
  const [row] = await ex.select().from(toolResults).where(eq(toolResults.key, key));
  return row;
}

/** Records a call's result; inside the write's own transaction for writes. A second row for a key fails (primary key). */
export async function saveToolResult(ex: Executor, row: typeof toolResults.$inferInsert, options: { ifAbsent?: boolean } = {}): Promise<void> {
  const insert = ex.insert(toolResults).values(row);
  await (options.ifAbsent ? insert.onConflictDoNothing() : insert);
}
