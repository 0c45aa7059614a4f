import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { roleEnum } from './enums.ts';
import { users } from './org.ts';

// Durable state of named workflows (workflow_run): one row per run and one per step, so a run waiting
// at an approval gate for days, or interrupted by a restart, resumes exactly where it stopped.

export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: id(),
    workflow: text('workflow').notNull(),
    /** running, waiting_approval, compensating (undoing; a restart carries on), succeeded, failed (earlier steps compensated), rejected (compensated), compensation_failed */
    status: text('status').notNull(),
    /** who started it: steps run with their rights, also when resumed by an approver */
    actorId: uuid('actor_id').notNull().references(() => users.id),
    actorRole: roleEnum('actor_role').notNull(),
    actorTeamId: uuid('actor_team_id'),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    /** outputs of finished steps, by step key */
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('workflow_runs_status_idx').on(t.status, t.updatedAt)],
);

export const workflowSteps = pgTable(
  'workflow_steps',
  {
    id: id(),
    runId: uuid('run_id')
      .notNull()
      .references(() => workflowRuns.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    /** done, skipped, failed, waiting (gate), compensated */
    status: text('status').notNull(),
    output: jsonb('output'),
    /** the gate's approval: { id, status, decidedById, decidedAt, note } (see tools/automation/workflows/approval-gate.ts) */
    approval: jsonb('approval').$type<Record<string, unknown>>(),
    error: text('error'),
    at: ts('at').notNull(),
  },
  (t) => [uniqueIndex('workflow_steps_run_key_uq').on(t.runId, t.key)],
);
