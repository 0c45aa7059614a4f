import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { schedules, users } from '../schema/index.ts';
import type { Scope } from './scope.ts';
import { where } from './where.ts';

// Scheduled briefings (schedule_upsert / schedule_list). A schedule is visible to whoever it is for
// (its audience user in the caller's scope) and to whoever made it.

export type ScheduleRow = typeof schedules.$inferSelect;
export type NewScheduleRow = typeof schedules.$inferInsert;
export type ScheduleView = ScheduleRow & { audienceName: string | null };

function visible(scope: Scope, callerId: string): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  return or(inArray(schedules.audienceUserId, scope.userIds), eq(schedules.createdById, callerId));
}

export async function scheduleByName(ex: Executor, name: string): Promise<ScheduleRow | undefined> {
  const [row] = await ex.select().from(schedules).where(eq(schedules.name, name));
  return row;
}

export async function insertSchedule(ex: Executor, values: NewScheduleRow): Promise<ScheduleRow> {
  const [row] = await ex.insert(schedules).values(values).returning();
  return row!;
}

export async function updateSchedule(ex: Executor, id: string, set: Partial<NewScheduleRow>): Promise<ScheduleRow> {
  const [row] = await ex.update(schedules).set(set).where(eq(schedules.id, id)).returning();
  return row!;
}

export async function listSchedules(ex: Executor, scope: Scope, callerId: string, f: { audienceUserId?: string | undefined; limit: number }): Promise<ScheduleView[]> {
  const found = await ex
    .select({ schedule: schedules, audienceName: users.fullName })
    .from(schedules)
    .leftJoin(users, eq(users.id, schedules.audienceUserId))
    .where(where(visible(scope, callerId), f.audienceUserId ? eq(schedules.audienceUserId, f.audienceUserId) : undefined))
    .orderBy(desc(schedules.enabled), schedules.name)
    .limit(f.limit);
  return found.map((r) => ({ ...r.schedule, audienceName: r.audienceName }));
}

export async function userRole(ex: Executor, id: string): Promise<{ role: string; fullName: string } | undefined> {
  const [row] = await ex.select({ role: users.role, fullName: users.fullName }).from(users).where(and(eq(users.id, id)));
  return row;
}
