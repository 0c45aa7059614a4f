import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { approvals, users } from '../schema/index.ts';

export type ApprovalRow = typeof approvals.$inferSelect;
export type NewApprovalRow = typeof approvals.$inferInsert;

/** Inserts the approval unless one with the same key exists; returns the stored row either way. */
export async function insertApprovalOnce(ex: Executor, row: NewApprovalRow): Promise<ApprovalRow> {
  const [inserted] = await ex.insert(approvals).values(row).onConflictDoNothing({ target: approvals.key }).returning();
  if (inserted) return inserted;
  if (!row.key) throw new Error('approval insert returned nothing without a key conflict');
  const [existing] = await ex.select().from(approvals).where(eq(approvals.key, row.key));
  if (!existing) throw new Error(`approval with key ${row.key} vanished`);
  return existing;
}

export async function getApprovalByKey(ex: Executor, key: string): Promise<ApprovalRow | undefined> {
  const [row] = await ex.select().from(approvals).where(eq(approvals.key, key));
  return row;
}

export async function getApproval(ex: Executor, id: string): Promise<ApprovalRow | undefined> {
  const [row] = await ex.select().from(approvals).where(eq(approvals.id, id));
  return row;
}

/** Sets a decision only while the approval is still pending; undefined when someone decided first. */
export async function decideApprovalRow(
  ex: Executor,
  id: string,
  decision: { status: 'approved' | 'rejected' | 'edited' | 'expired'; decidedBy: string | null; decidedAt: Date; editedInput?: Record<string, unknown> },
): Promise<ApprovalRow | undefined> {
  const [row] = await ex
    .update(approvals)
    .set({ status: decision.status, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt, editedInput: decision.editedInput ?? null })
    .where(and(eq(approvals.id, id), eq(approvals.status, 'pending')))
    .returning();
  return row;
}

export async function setApprovalResult(ex: Executor, id: string, result: unknown): Promise<void> {
  await ex.update(approvals).set({ result }).where(eq(approvals.id, id));
}

export async function listPendingApprovals(ex: Executor, threadId: string): Promise<ApprovalRow[]> {
  return ex.select().from(approvals).where(and(eq(approvals.threadId, threadId), eq(approvals.status, 'pending')));
}

/** Every approval a thread raised, oldest first (its history: decided, expired and pending). */
export async function listThreadApprovals(ex: Executor, threadId: string): Promise<ApprovalRow[]> {
  return ex.select().from(approvals).where(eq(approvals.threadId, threadId)).orderBy(asc(approvals.createdAt), asc(approvals.id));
}

/** The facts the "requester, their manager, or an admin" rule needs about the requester. */
export async function getUserReporting(ex: Executor, userId: string): Promise<{ teamId: string | null; managerId: string | null } | undefined> {
  const [row] = await ex.select({ teamId: users.teamId, managerId: users.managerId }).from(users).where(eq(users.id, userId));
  return row;
}
