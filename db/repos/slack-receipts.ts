import { lt } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { slackReceipts } from '../schema/index.ts';

/** True for the first claim of a key; false when any process claimed it before (a retry or a second replica). */
export async function claimSlackReceipt(ex: Executor, key: string, at: Date): Promise<boolean> {
  const inserted = await ex.insert(slackReceipts).values({ key, receivedAt: at }).onConflictDoNothing({ target: slackReceipts.key }).returning({ key: slackReceipts.key });
  return inserted.length === 1;
}

/** Forgets receipts older than `before`: Slack stops retrying after about an hour. */
export async function pruneSlackReceipts(ex: Executor, before: Date): Promise<number> {
  const removed = await ex.delete(slackReceipts).where(lt(slackReceipts.receivedAt, before)).returning({ key: slackReceipts.key });
  return removed.length;
}
