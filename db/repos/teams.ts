import { and, eq, lt } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { teamsActivities, teamsThreads } from '../schema/index.ts';

/** Claims an incoming Teams activity; false when it was claimed before (a redelivery). */
export async function claimTeamsActivity(ex: Executor, activityKey: string, receivedAt: Date): Promise<boolean> {
  const rows = await ex.insert(teamsActivities).values({ activityKey, receivedAt }).onConflictDoNothing().returning({ key: teamsActivities.activityKey });
  return rows.length === 1;
}

/** Forgets claims older than `before`; returns how many. */
export async function pruneTeamsActivities(ex: Executor, before: Date): Promise<number> {
  const rows = await ex.delete(teamsActivities).where(lt(teamsActivities.receivedAt, before)).returning({ key: teamsActivities.activityKey });
  return rows.length;
}

export async function findTeamsThread(ex: Executor, conversationId: string, userId: string): Promise<string | undefined> {
  const [row] = await ex
    .select({ threadId: teamsThreads.threadId })
    .from(teamsThreads)
    .where(and(eq(teamsThreads.conversationId, conversationId), eq(teamsThreads.userId, userId)));
  return row?.threadId;
}

export async function saveTeamsThread(ex: Executor, row: { conversationId: string; userId: string; threadId: string; updatedAt: Date }): Promise<void> {
  await ex
    .insert(teamsThreads)
    .values(row)
    .onConflictDoUpdate({ target: [teamsThreads.conversationId, teamsThreads.userId], set: { threadId: row.threadId, updatedAt: row.updatedAt } });
}

export async function forgetTeamsThread(ex: Executor, conversationId: string, userId: string): Promise<void> {
  await ex.delete(teamsThreads).where(and(eq(teamsThreads.conversationId, conversationId), eq(teamsThreads.userId, userId)));
}
