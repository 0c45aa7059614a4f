import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

// What a registry call made with an idempotency key returned. A write's row commits in the same transaction
// as the write and its audit row, so a caller killed after the commit but before it saved its own progress
// (a workflow step, an approved copilot write) finds the result on restart instead of writing again.
export const toolResults = pgTable('tool_results', {
  /** the caller's key: wf:<run>:<step>#<n> for workflow calls, approval:<id> for approved writes */
  key: text('key').primaryKey(),
  tool: text('tool').notNull(),
  /** sha256 of the canonical input: the same key with another call is refused, never answered wrongly */
  inputHash: text('input_hash').notNull(),
  result: jsonb('result').notNull(),
  at: ts('at').notNull(),
});
