import { and, desc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { auditLog, leadStageHistory, leads, opportunities, opportunityStageHistory, tasks } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

// What audit_undo reads and writes: audit rows in order (seq), later rows on the same record, and the
// record itself (lead, deal or task), inside the caller's scope.

export type AuditRow = typeof auditLog.$inferSelect;
export type UndoableKind = 'lead' | 'opportunity' | 'task';

export async function auditRowById(ex: Executor, id: string): Promise<AuditRow | undefined> {
  const [row] = await ex.select().from(auditLog).where(and(eq(auditLog.id, id), eq(auditLog.dryRun, false)));
  return row;
}

/** The actor's most recent real (not dry-run) audit rows, newest first. */
export async function recentAuditRowsBy(ex: Executor, actorId: string, limit: number): Promise<AuditRow[]> {
  return ex.select().from(auditLog).where(and(eq(auditLog.actorId, actorId), eq(auditLog.dryRun, false))).orderBy(desc(auditLog.seq)).limit(limit);
}

/** Audit rows on the same record written after `seq`, oldest first. */
export async function laterRowsOnRecord(ex: Executor, kind: UndoableKind, recordId: string, seq: number): Promise<AuditRow[]> {
  return ex
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.recordType, kind), eq(auditLog.recordId, recordId), gt(auditLog.seq, seq), eq(auditLog.dryRun, false)))
    .orderBy(auditLog.seq);
}

/** The undo that already reverted this audit row, if any. */
export async function undoOf(ex: Executor, auditId: string): Promise<AuditRow | undefined> {
  const [row] = await ex
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tool, 'audit_undo'), eq(auditLog.dryRun, false), sql`${auditLog.changes}->>'undoneAuditId' = ${auditId}`))
    .limit(1);
  return row;
}

/** Ids of audit rows already reverted, among the given ones. */
export async function undoneAmong(ex: Executor, auditIds: string[]): Promise<Set<string>> {
  if (auditIds.length === 0) return new Set();
  const found = await ex
    .select({ id: sql<string>`${auditLog.changes}->>'undoneAuditId'` })
    .from(auditLog)
    .where(and(eq(auditLog.tool, 'audit_undo'), eq(auditLog.dryRun, false), sql`${auditLog.changes}->>'undoneAuditId' in (${sql.join(auditIds.map((i) => sql`${i}`), sql`, `)})`));
  return new Set(found.map((r) => r.id));
}

const TABLES = { lead: leads, opportunity: opportunities, task: tasks } as const;

/** The record as stored, if the caller may see it. */
export async function readRecord(ex: Executor, scope: Scope, kind: UndoableKind, id: string): Promise<Record<string, unknown> | undefined> {
  const table = TABLES[kind];
  const [row] = await ex.select().from(table).where(where(eq(table.id, id), ownedBy(scope, table.ownerId)));
  return row as Record<string, unknown> | undefined;
}

/** The column kind of a field (timestamps come back from JSON as strings and go in as Dates), or undefined when the table has no such column. */
export function columnKind(kind: UndoableKind, field: string): 'timestamp' | 'other' | undefined {
  const column = (getTableColumns(TABLES[kind]) as Record<string, { columnType: string }>)[field];
  if (!column) return undefined;
  return column.columnType === 'PgTimestamp' ? 'timestamp' : 'other';
}

export async function writeRecord(ex: Executor, kind: UndoableKind, id: string, patch: Record<string, unknown>): Promise<void> {
  const table = TABLES[kind];
  await ex.update(table).set(patch).where(eq(table.id, id));
}

export async function deleteRecordRow(ex: Executor, kind: 'task', id: string): Promise<void> {
  await ex.delete(tasks).where(eq(tasks.id, id));
}

export async function appendLeadStageRow(ex: Executor, row: typeof leadStageHistory.$inferInsert): Promise<void> {
  await ex.insert(leadStageHistory).values(row);
}

export async function appendDealStageRow(ex: Executor, row: typeof opportunityStageHistory.$inferInsert): Promise<void> {
  await ex.insert(opportunityStageHistory).values(row);
}
