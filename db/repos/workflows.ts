import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { auditLog, workflowRuns, workflowSteps } from '../schema/index.ts';

// Workflow runs and their steps. Each write here commits on its own (no surrounding transaction): the
// run's progress must survive the failure of a later step and a restart.

export type WorkflowRunRow = typeof workflowRuns.$inferSelect;
export type WorkflowStepRow = typeof workflowSteps.$inferSelect;

export async function insertRun(ex: Executor, values: typeof workflowRuns.$inferInsert): Promise<WorkflowRunRow> {
  const [row] = await ex.insert(workflowRuns).values(values).returning();
  return row!;
}

export async function getRun(ex: Executor, id: string): Promise<WorkflowRunRow | undefined> {
  const [row] = await ex.select().from(workflowRuns).where(eq(workflowRuns.id, id));
  return row;
}

export async function updateRun(ex: Executor, id: string, set: Partial<typeof workflowRuns.$inferInsert>): Promise<void> {
  await ex.update(workflowRuns).set(set).where(eq(workflowRuns.id, id));
}

export async function stepsOf(ex: Executor, runId: string): Promise<WorkflowStepRow[]> {
  return ex.select().from(workflowSteps).where(eq(workflowSteps.runId, runId)).orderBy(asc(workflowSteps.position));
}

/** Creates or replaces the row of one step. */
export async function saveStep(ex: Executor, values: typeof workflowSteps.$inferInsert): Promise<void> {
  await ex
    .insert(workflowSteps)
    .values(values)
    .onConflictDoUpdate({
      target: [workflowSteps.runId, workflowSteps.key],
      set: { status: values.status, output: values.output ?? null, approval: values.approval ?? null, error: values.error ?? null, at: values.at },
    });
}

export async function stepByKey(ex: Executor, runId: string, key: string): Promise<WorkflowStepRow | undefined> {
  const [row] = await ex.select().from(workflowSteps).where(and(eq(workflowSteps.runId, runId), eq(workflowSteps.key, key)));
  return row;
}

/** Audit ids a step's registry calls wrote (they carry the step's request id), newest first: what compensation undoes. */
export async function auditIdsOfRequest(ex: Executor, requestId: string): Promise<string[]> {
  const found = await ex
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.requestId, requestId), eq(auditLog.dryRun, false), sql`${auditLog.tool} <> 'audit_undo'`))
    .orderBy(sql`${auditLog.seq} desc`);
  return found.map((r) => r.id);
}

/** Runs waiting at a gate, for the run actors in `actorIds` (undefined = all). */
export async function waitingRuns(ex: Executor, actorIds: string[] | undefined, limit: number): Promise<WorkflowRunRow[]> {
  const rows = await ex.select().from(workflowRuns).where(eq(workflowRuns.status, 'waiting_approval')).orderBy(asc(workflowRuns.createdAt)).limit(500);
  return rows.filter((r) => !actorIds || actorIds.includes(r.actorId)).slice(0, limit);
}
