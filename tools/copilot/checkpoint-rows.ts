import type { Executor } from '../../db/client.ts';
import {
  deleteCheckpointThread,
  deleteCheckpointsAfter,
  getCheckpointRow,
  listCheckpointRows,
  listCheckpointWrites,
  putCheckpointRow,
  listThreadsOfUser,
  putCheckpointWrites,
  pruneCheckpoints,
  type ThreadSummaryRow,
  type CheckpointRow,
  type CheckpointWriteRow,
} from '../../db/repos/checkpoints.ts';

export type { CheckpointRow, CheckpointWriteRow, ThreadSummaryRow };

/** The copilot checkpointer's storage, over the store: the graph gets this, never the database. */
export interface CheckpointRows {
  put(row: Omit<CheckpointRow, 'createdAt'>): Promise<void>;
  get(threadId: string, ns: string, checkpointId?: string): Promise<CheckpointRow | undefined>;
  list(filter: { threadId?: string; ns?: string; checkpointId?: string; before?: string; limit?: number }): Promise<CheckpointRow[]>;
  writes(threadId: string, ns: string, checkpointId: string): Promise<CheckpointWriteRow[]>;
  putWrites(rows: CheckpointWriteRow[]): Promise<void>;
  deleteThread(threadId: string): Promise<void>;
  /** keeps the newest `keep` checkpoints of a thread (each holds the whole thread, so old ones are dead weight) */
  prune(threadId: string, ns: string, keep: number): Promise<void>;
  /** drops checkpoints newer than `keepThrough` (the whole thread when undefined): a cancelled run leaves no trace */
  rollback(threadId: string, keepThrough: string | undefined): Promise<void>;
  /** the threads `userId` started, newest first */
  threadsOf(userId: string, options: { limit: number; before?: string }): Promise<ThreadSummaryRow[]>;
}

export function checkpointRows(db: Executor): CheckpointRows {
  return {
    put: (row) => putCheckpointRow(db, row),
    get: (threadId, ns, checkpointId) => getCheckpointRow(db, threadId, ns, checkpointId),
    list: (filter) => listCheckpointRows(db, filter),
    writes: (threadId, ns, checkpointId) => listCheckpointWrites(db, threadId, ns, checkpointId),
    putWrites: (rows) => putCheckpointWrites(db, rows),
    deleteThread: (threadId) => deleteCheckpointThread(db, threadId),
    prune: (threadId, ns, keep) => pruneCheckpoints(db, threadId, ns, keep),
    rollback: (threadId, keepThrough) => deleteCheckpointsAfter(db, threadId, keepThrough),
    threadsOf: (userId, options) => listThreadsOfUser(db, userId, options),
  };
}
