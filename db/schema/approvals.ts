import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns.ts';
import { users } from './org.ts';

// One approvals mechanism for the whole product: the copilot's interrupts, MCP pending actions and
// workflow gates all park a proposed write here with its dry-run preview until someone decides.
export const approvals = pgTable(
  'approvals',
  {
    id: id(),
    /** who proposed it: 'copilot', 'mcp', 'workflow' */
    source: text('source').notNull().default('copilot'),
    /** the copilot thread (or workflow run) that waits for the decision */
    threadId: text('thread_id'),
    /** makes creation idempotent: a resumed graph node asks again with the same key */
    key: text('key'),
    requesterId: uuid('requester_id').notNull().references(() => users.id),
    tool: text('tool').notNull(),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    preview: jsonb('preview'),
    /** pending, approved, rejected, edited, expired */
    status: text('status').notNull().default('pending'),
    /** the replacement input of an 'edited' decision */
    editedInput: jsonb('edited_input').$type<Record<string, unknown>>(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    /** what running the approved write returned */
    result: jsonb('result'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('approvals_key_uq').on(t.key), index('approvals_requester_idx').on(t.requesterId, t.status), index('approvals_thread_idx').on(t.threadId)],
);

// The copilot's conversation checkpoints (LangGraph), so threads survive a restart on PGlite and Postgres alike.
export const copilotCheckpoints = pgTable(
  'copilot_checkpoints',
  {
    threadId: text('thread_id').notNull(),
    ns: text('ns').notNull().default(''),
    checkpointId: text('checkpoint_id').notNull(),
    parentId: text('parent_id'),
    type: text('type').notNull(),
    checkpoint: text('checkpoint').notNull(),
    metadata: text('metadata').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.ns, t.checkpointId] })],
);

export const copilotCheckpointWrites = pgTable(
  'copilot_checkpoint_writes',
  {
    threadId: text('thread_id').notNull(),
    ns: text('ns').notNull().default(''),
    checkpointId: text('checkpoint_id').notNull(),
    taskId: text('task_id').notNull(),
    idx: integer('idx').notNull(),
    channel: text('channel').notNull(),
    type: text('type').notNull(),
    value: text('value').notNull(),
    taskPath: text('task_path').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.ns, t.checkpointId, t.taskId, t.idx] })],
);
