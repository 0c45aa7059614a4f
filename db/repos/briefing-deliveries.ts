import { and, asc, eq, inArray, isNull, lt, lte, max, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { briefingDeliveries, briefingOutbox, scheduleRuns, schedules, users } from '../schema/index.ts';

// Scheduled briefings, posted exactly once across processes. Every step that decides who does what is one
// conditional statement (a unique claim or an UPDATE ... WHERE status = ...), so two processes on one
// database never both win: the loser's statement finds the row already taken and returns nothing.

export type BriefingScheduleRow = typeof schedules.$inferSelect;
export type DeliveryRow = typeof briefingDeliveries.$inferSelect;
export type RunRow = typeof scheduleRuns.$inferSelect;

/** Enabled briefing schedules, oldest first. */
export function briefingSchedules(ex: Executor): Promise<BriefingScheduleRow[]> {
  return ex.select().from(schedules).where(and(eq(schedules.enabled, true), eq(schedules.job, 'briefing'))).orderBy(asc(schedules.createdAt), asc(schedules.id));
}

export async function scheduleById(ex: Executor, id: string): Promise<BriefingScheduleRow | undefined> {
  const [row] = await ex.select().from(schedules).where(eq(schedules.id, id));
  return row;
}

/** The latest slot each schedule has a run for (claimed, skipped or failed): slots before it are settled. */
export async function lastSlots(ex: Executor): Promise<Map<string, Date>> {
  const found = await ex.select({ scheduleId: scheduleRuns.scheduleId, last: max(scheduleRuns.slotAt) }).from(scheduleRuns).groupBy(scheduleRuns.scheduleId);
  return new Map(found.flatMap((r) => (r.last ? [[r.scheduleId, r.last] as const] : [])));
}

/** The claim: a run row for (schedule, slot), or undefined when another process has it already. */
export async function claimSlot(ex: Executor, c: { scheduleId: string; slotAt: Date; now: Date }): Promise<string | undefined> {
  const [row] = await ex
    .insert(scheduleRuns)
    .values({ scheduleId: c.scheduleId, slotAt: c.slotAt, startedAt: c.now, status: 'running' })
    .onConflictDoNothing({ target: [scheduleRuns.scheduleId, scheduleRuns.slotAt] })
    .returning({ id: scheduleRuns.id });
  if (row) await ex.update(schedules).set({ lastRunAt: c.slotAt }).where(eq(schedules.id, c.scheduleId));
  return row?.id;
}

/** A slot missed by more than the catch-up window: claimed as skipped (run and delivery), never posted. */
export async function recordSkipped(ex: Executor, s: { schedule: BriefingScheduleRow; slotAt: Date; now: Date; reason: string }): Promise<boolean> {
  return ex.transaction(async (tx) => {
    const [run] = await tx
      .insert(scheduleRuns)
      .values({ scheduleId: s.schedule.id, slotAt: s.slotAt, startedAt: s.now, finishedAt: s.now, status: 'skipped', error: s.reason })
      .onConflictDoNothing({ target: [scheduleRuns.scheduleId, scheduleRuns.slotAt] })
      .returning({ id: scheduleRuns.id });
    if (!run) return false;
    await tx.insert(briefingDeliveries).values({
      runId: run.id, scheduleId: s.schedule.id, slotAt: s.slotAt, channel: s.schedule.channel, target: s.schedule.target, status: 'skipped', error: s.reason, createdAt: s.now, updatedAt: s.now,
    });
    return true;
  });
}

export interface OpenDelivery {
  runId: string;
  scheduleId: string;
  slotAt: Date;
  channel: DeliveryRow['channel'];
  target: string | null;
  title: string;
  text: string;
  now: Date;
  leaseUntil: Date;
}

/** Written before the first post: `sending`, attempt 1, under a lease. */
export async function openDelivery(ex: Executor, d: OpenDelivery): Promise<DeliveryRow> {
  const [row] = await ex
    .insert(briefingDeliveries)
    .values({ runId: d.runId, scheduleId: d.scheduleId, slotAt: d.slotAt, channel: d.channel, target: d.target, title: d.title, text: d.text, status: 'sending', attempts: 1, leaseUntil: d.leaseUntil, createdAt: d.now, updatedAt: d.now })
    .returning();
  return row!;
}

/** A run that cannot be posted at all (no channel, no target, generation failed): failed for good, with why. */
export async function recordUndeliverable(ex: Executor, d: Omit<OpenDelivery, 'title' | 'text' | 'leaseUntil'> & { error: string }): Promise<void> {
  await ex.transaction(async (tx) => {
    await tx.insert(briefingDeliveries).values({ runId: d.runId, scheduleId: d.scheduleId, slotAt: d.slotAt, channel: d.channel, target: d.target, status: 'failed', error: d.error, createdAt: d.now, updatedAt: d.now });
    await tx.update(scheduleRuns).set({ status: 'failed', finishedAt: d.now, error: d.error }).where(eq(scheduleRuns.id, d.runId));
  });
}

/** The post went through: keep the platform's message id; the run succeeded. Only from `sending`. */
export async function recordSent(ex: Executor, id: string, r: { messageId: string; now: Date }): Promise<boolean> {
  return ex.transaction(async (tx) => {
    const [row] = await tx
      .update(briefingDeliveries)
      .set({ status: 'sent', messageId: r.messageId, error: null, sentAt: r.now, leaseUntil: null, nextAttemptAt: null, updatedAt: r.now })
      .where(and(eq(briefingDeliveries.id, id), eq(briefingDeliveries.status, 'sending')))
      .returning({ runId: briefingDeliveries.runId });
    if (!row) return false;
    await tx.update(scheduleRuns).set({ status: 'succeeded', finishedAt: r.now, error: null, output: { messageId: r.messageId } }).where(eq(scheduleRuns.id, row.runId));
    return true;
  });
}

/** The post failed: retried at nextAttemptAt, or (null) failed for good, which fails the run too. */
export async function recordFailed(ex: Executor, id: string, r: { error: string; now: Date; nextAttemptAt: Date | null }): Promise<void> {
  await ex.transaction(async (tx) => {
    const [row] = await tx
      .update(briefingDeliveries)
      .set({ status: 'failed', error: r.error, leaseUntil: null, nextAttemptAt: r.nextAttemptAt, updatedAt: r.now })
      .where(and(eq(briefingDeliveries.id, id), eq(briefingDeliveries.status, 'sending')))
      .returning({ runId: briefingDeliveries.runId });
    if (row && !r.nextAttemptAt) await tx.update(scheduleRuns).set({ status: 'failed', finishedAt: r.now, error: r.error }).where(eq(scheduleRuns.id, row.runId));
  });
}

/** A crash between post and record on a channel that cannot look messages up: a person must check. */
export async function recordUnknown(ex: Executor, id: string, r: { error: string; now: Date }): Promise<void> {
  await ex.transaction(async (tx) => {
    const [row] = await tx
      .update(briefingDeliveries)
      .set({ status: 'unknown', error: r.error, leaseUntil: null, nextAttemptAt: null, updatedAt: r.now })
      .where(and(eq(briefingDeliveries.id, id), eq(briefingDeliveries.status, 'sending')))
      .returning({ runId: briefingDeliveries.runId });
    if (row) await tx.update(scheduleRuns).set({ status: 'failed', finishedAt: r.now, error: `delivery unknown: ${r.error}` }).where(eq(scheduleRuns.id, row.runId));
  });
}

/** Takes the failed deliveries whose retry is due: each becomes `sending` again (next attempt, new lease) for this process only. */
export function takeDueRetries(ex: Executor, t: { now: Date; leaseUntil: Date; limit: number }): Promise<DeliveryRow[]> {
  const due = ex
    .select({ id: briefingDeliveries.id })
    .from(briefingDeliveries)
    .where(and(eq(briefingDeliveries.status, 'failed'), lte(briefingDeliveries.nextAttemptAt, t.now)))
    .orderBy(asc(briefingDeliveries.nextAttemptAt))
    .limit(t.limit)
    .for('update', { skipLocked: true });
  return ex
    .update(briefingDeliveries)
    .set({ status: 'sending', attempts: sql`${briefingDeliveries.attempts} + 1`, leaseUntil: t.leaseUntil, nextAttemptAt: null, updatedAt: t.now })
    // re-checked here: a row another process took between the subquery and the update no longer matches
    .where(and(inArray(briefingDeliveries.id, due), eq(briefingDeliveries.status, 'failed'), lte(briefingDeliveries.nextAttemptAt, t.now)))
    .returning();
}

/** Takes the `sending` deliveries whose lease ran out (their poster died): renews the lease for this process, to reconcile. */
export function takeExpiredSending(ex: Executor, t: { now: Date; leaseUntil: Date; limit: number }): Promise<DeliveryRow[]> {
  const expired = ex
    .select({ id: briefingDeliveries.id })
    .from(briefingDeliveries)
    .where(and(eq(briefingDeliveries.status, 'sending'), lt(briefingDeliveries.leaseUntil, t.now)))
    .limit(t.limit)
    .for('update', { skipLocked: true });
  return ex
    .update(briefingDeliveries)
    .set({ leaseUntil: t.leaseUntil, updatedAt: t.now })
    .where(and(inArray(briefingDeliveries.id, expired), eq(briefingDeliveries.status, 'sending'), lt(briefingDeliveries.leaseUntil, t.now)))
    .returning();
}

/**
 * Runs claimed but never given a delivery (the claimer died while generating): nothing was posted, since a
 * post needs its delivery row first, so the run is taken over (its start moved to now) and carried on.
 */
export function takeStalledRuns(ex: Executor, t: { now: Date; startedBefore: Date; limit: number }): Promise<RunRow[]> {
  const stalled = ex
    .select({ id: scheduleRuns.id })
    .from(scheduleRuns)
    .leftJoin(briefingDeliveries, eq(briefingDeliveries.runId, scheduleRuns.id))
    .where(and(eq(scheduleRuns.status, 'running'), lt(scheduleRuns.startedAt, t.startedBefore), isNull(briefingDeliveries.id)))
    .limit(t.limit)
    .for('update', { of: scheduleRuns, skipLocked: true });
  return ex
    .update(scheduleRuns)
    .set({ startedAt: t.now })
    .where(and(inArray(scheduleRuns.id, stalled), eq(scheduleRuns.status, 'running'), lt(scheduleRuns.startedAt, t.startedBefore)))
    .returning();
}

/** A schedule's deliveries by slot, newest first (status views and tests). */
export function deliveriesOf(ex: Executor, scheduleId: string, limit = 100): Promise<DeliveryRow[]> {
  return ex.select().from(briefingDeliveries).where(eq(briefingDeliveries.scheduleId, scheduleId)).orderBy(sql`${briefingDeliveries.slotAt} desc`).limit(limit);
}

/** Who a briefing is for: enough to act as them and to default an email target. */
export async function briefingAudience(ex: Executor, userId: string): Promise<{ userId: string; role: (typeof users.$inferSelect)['role']; teamId: string | null; email: string } | undefined> {
  const [row] = await ex.select({ userId: users.id, role: users.role, teamId: users.teamId, email: users.email }).from(users).where(eq(users.id, userId));
  return row;
}

/** The email channel's post: one outbox row per delivery; posting again returns the row already there. */
export async function putOutbox(ex: Executor, m: { deliveryId: string; to: string; subject: string; text: string; now: Date }): Promise<string> {
  const [row] = await ex
    .insert(briefingOutbox)
    .values({ deliveryId: m.deliveryId, to: m.to, subject: m.subject, text: m.text, createdAt: m.now })
    .onConflictDoNothing({ target: briefingOutbox.deliveryId })
    .returning({ id: briefingOutbox.id });
  return row?.id ?? (await outboxIdFor(ex, m.deliveryId))!;
}

export async function outboxIdFor(ex: Executor, deliveryId: string): Promise<string | undefined> {
  const [row] = await ex.select({ id: briefingOutbox.id }).from(briefingOutbox).where(eq(briefingOutbox.deliveryId, deliveryId));
  return row?.id;
}
