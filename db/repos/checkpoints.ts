import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { copilotCheckpoints, copilotCheckpointWrites } from '../schema/index.ts';

// Storage rows of the copilot's LangGraph checkpointer: values arrive already serialized as text.
export type CheckpointRow = typeof copilotCheckpoints.$inferSelect;
export type CheckpointWriteRow = typeof copilotCheckpointWrites.$inferSelect;

export async function putCheckpointRow(ex: Executor, row: Omit<CheckpointRow, 'createdAt'>): Promise<void> {
  await ex
    .insert(copilotCheckpoints)
    .values(row)
    .onConflictDoUpdate({
      target: [copilotCheckpoints.threadId, copilotCheckpoints.ns, copilotCheckpoints.checkpointId],
      set: { parentId: row.parentId, type: row.type, checkpoint: row.checkpoint, metadata: row.metadata },
    });
}

/** One checkpoint by id, or the newest of the thread's namespace. */
export async function getCheckpointRow(ex: Executor, threadId: string, ns: string, checkpointId?: string): Promise<CheckpointRow | undefined> {
  const where = and(eq(copilotCheckpoints.threadId, threadId), eq(copilotCheckpoints.ns, ns), checkpointId ? eq(copilotCheckpoints.checkpointId, checkpointId) : undefined);
  const [row] = await ex.select().from(copilotCheckpoints).where(where).orderBy(desc(copilotCheckpoints.checkpointId)).limit(1);
  return row;
}

export async function listCheckpointRows(
  ex: Executor,
  filter: { threadId?: string; ns?: string; checkpointId?: string; before?: string; limit?: number },
): Promise<CheckpointRow[]> {
  const where = and(
    filter.threadId !== undefined ? eq(copilotCheckpoints.threadId, filter.threadId) : undefined,
    filter.ns !== undefined ? eq(copilotCheckpoints.ns, filter.ns) : undefined,
    filter.checkpointId ? eq(copilotCheckpoints.checkpointId, filter.checkpointId) : undefined,
    filter.before ? lt(copilotCheckpoints.checkpointId, filter.before) : undefined,
  );
  const query = ex.select().from(copilotCheckpoints).where(where).orderBy(desc(copilotCheckpoints.checkpointId));
  return filter.limit !== undefined ? query.limit(filter.limit) : query;
}

/** Writes of one checkpoint in (task_path, task_id, idx) order, the order live execution applies them. */
export async function listCheckpointWrites(ex: Executor, threadId: string, ns: string, checkpointId: string): Promise<CheckpointWriteRow[]> {
  return ex
    .select()
    .from(copilotCheckpointWrites)
    .where(and(eq(copilotCheckpointWrites.threadId, threadId), eq(copilotCheckpointWrites.ns, ns), eq(copilotCheckpointWrites.checkpointId, checkpointId)))
    .orderBy(asc(copilotCheckpointWrites.taskPath), asc(copilotCheckpointWrites.taskId), asc(copilotCheckpointWrites.idx));
}

/** Regular writes (idx >= 0) are kept once; special ones (errors, interrupts: idx < 0) replace. */
export async function putCheckpointWrites(ex: Executor, rows: CheckpointWriteRow[]): Promise<void> {
  const keys = [copilotCheckpointWrites.threadId, copilotCheckpointWrites.ns, copilotCheckpointWrites.checkpointId, copilotCheckpointWrites.taskId, copilotCheckpointWrites.idx];
  const regular = rows.filter((row) => row.idx >= 0);
  if (regular.length > 0) await ex.insert(copilotCheckpointWrites).values(regular).onConflictDoNothing({ target: keys });
  for (const row of rows.filter((r) => r.idx < 0)) {
    await ex
      .insert(copilotCheckpointWrites)
      .values(row)
      .onConflictDoUpdate({ target: keys, set: { channel: row.channel, type: row.type, value: row.value, taskPath: row.taskPath } });
  }
}

/** Drops all but the newest `keep` checkpoints of a thread's namespace, with their writes. */
export async function pruneCheckpoints(ex: Executor, threadId: string, ns: string, keep: number): Promise<void> {
  const old = await ex
    .select({ id: copilotCheckpoints.checkpointId })
    .from(copilotCheckpoints)
    .where(and(eq(copilotCheckpoints.threadId, threadId), eq(copilotCheckpoints.ns, ns)))
    .orderBy(desc(copilotCheckpoints.checkpointId))
    .offset(keep);
  if (old.length === 0) return;
  const ids = old.map((row) => row.id);
  const thread = and(eq(copilotCheckpointWrites.threadId, threadId), eq(copilotCheckpointWrites.ns, ns));
  await ex.delete(copilotCheckpointWrites).where(and(thread, inArray(copilotCheckpointWrites.checkpointId, ids)));
  await ex.delete(copilotCheckpoints).where(and(eq(copilotCheckpoints.threadId, threadId), eq(copilotCheckpoints.ns, ns), inArray(copilotCheckpoints.checkpointId, ids)));
}

export async function deleteCheckpointThread(ex: Executor, threadId: string): Promise<void> {
  await ex.delete(copilotCheckpointWrites).where(eq(copilotCheckpointWrites.threadId, threadId));
  await ex.delete(copilotCheckpoints).where(eq(copilotCheckpoints.threadId, threadId));
}

/** Drops a thread's checkpoints newer than `keepThrough` (all of them when undefined): undoes a cancelled run. */
export async function deleteCheckpointsAfter(ex: Executor, threadId: string, keepThrough: string | undefined): Promise<void> {
  if (keepThrough === undefined) return deleteCheckpointThread(ex, threadId);
  await ex.delete(copilotCheckpointWrites).where(and(eq(copilotCheckpointWrites.threadId, threadId), gt(copilotCheckpointWrites.checkpointId, keepThrough)));
  await ex.delete(copilotCheckpoints).where(and(eq(copilotCheckpoints.threadId, threadId), gt(copilotCheckpoints.checkpointId, keepThrough)));
}

export interface ThreadSummaryRow {
  threadId: string;
  /** the thread's first user message */
  title: string;
  messageCount: number;
  /** when the thread's newest checkpoint was written (checkpoint ts) */
  updatedAt: string;
  /** the newest checkpoint id: time-ordered (uuid6), so it doubles as the listing's cursor */
  checkpointId: string;
}

/**
 * The threads a user started, newest first. A thread's owner is the actor in its newest root checkpoint's
 * state (JSON-serialized by the checkpointer); `before` continues after the cursor of a previous page.
 */
export async function listThreadsOfUser(ex: Executor, userId: string, options: { limit: number; before?: string }): Promise<ThreadSummaryRow[]> {
  return rows<ThreadSummaryRow>(
    ex,
    sql`
    with latest as (
      select distinct on (thread_id) thread_id, checkpoint_id, checkpoint::jsonb as body
      from copilot_checkpoints
      where ns = '' and type = 'json'
      order by thread_id, checkpoint_id desc
    )
    select thread_id as "threadId", checkpoint_id as "checkpointId",
      coalesce(body #>> '{channel_values,messages,0,content}', '') as title,
      coalesce(jsonb_array_length(body #> '{channel_values,messages}'), 0)::int as "messageCount",
      body ->> 'ts' as "updatedAt"
    from latest
    where body #>> '{channel_values,actor,userId}' = ${userId}
      ${options.before ? sql`and checkpoint_id < ${options.before}` : sql``}
    order by checkpoint_id desc
    limit ${options.limit}`,
  );
}
