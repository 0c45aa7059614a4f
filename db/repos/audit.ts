import type { Executor } from '../client.ts';
import { auditLog } from '../schema/index.ts';

export type NewAuditRow = typeof auditLog.$inferInsert;

/** Appends one audit row; called inside the same transaction as the change it records. */
export async function appendAudit(ex: Executor, row: NewAuditRow): Promise<void> {
  await ex.insert(auditLog).values(row);
}
