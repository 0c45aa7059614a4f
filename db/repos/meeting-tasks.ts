import { and, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { interactions, leads, opportunities, tasks, users } from '../schema/index.ts';
import { ownedByClause, type Scope } from './scope.ts';

// meeting_summary's reads and writes: the meeting it summarises (one the caller may see) and its action
// items as tasks, one per rule key ("meeting:<interaction>:<n>"), so summarising twice creates nothing new.

export interface MeetingRow {
  id: string;
  type: string;
  subject: string | null;
  body: string;
  occurredAt: Date;
  leadId: string | null;
  opportunityId: string | null;
  accountId: string | null;
}

const visible = (scope: Scope) =>
  scope.kind === 'all'
    ? sql`true`
    : or(ownedByClause(scope, interactions.userId), ownedByClause(scope, leads.ownerId), ownedByClause(scope, opportunities.ownerId));

const meetingColumns = {
  id: interactions.id, type: interactions.type, subject: interactions.subject, body: interactions.body, occurredAt: interactions.occurredAt,
  leadId: interactions.leadId, opportunityId: interactions.opportunityId, accountId: interactions.accountId,
};

/** By id, or the latest meeting/call whose subject contains the reference; only interactions the caller may see. */
export async function findMeeting(ex: Executor, scope: Scope, reference: { id?: string; subject?: string }): Promise<MeetingRow | undefined> {
  const [row] = await ex
    .select(meetingColumns)
    .from(interactions)
    .leftJoin(leads, eq(leads.id, interactions.leadId))
    .leftJoin(opportunities, eq(opportunities.id, interactions.opportunityId))
    .where(
      and(
        reference.id ? eq(interactions.id, reference.id) : and(inArray(interactions.type, ['meeting', 'call']), ilike(interactions.subject, `%${reference.subject ?? ''}%`)),
        visible(scope),
      ),
    )
    .orderBy(desc(interactions.occurredAt))
    .limit(1);
  return row;
}

export interface MeetingUser {
  id: string;
  fullName: string;
  timeZone: string;
}

/** Users whose full name or first name is `name` (case-insensitive): an action item's owner by the name said. */
export async function usersNamed(ex: Executor, name: string): Promise<MeetingUser[]> {
  const n = name.trim().toLowerCase();
  return ex
    .select({ id: users.id, fullName: users.fullName, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.active, true), or(sql`lower(${users.fullName}) = ${n}`, sql`lower(split_part(${users.fullName}, ' ', 1)) = ${n}`)))
    .limit(3);
}

export type NewActionItemTask = typeof tasks.$inferInsert & { ruleKey: string; ownerId: string };

/** Inserts the tasks whose rule key is new (owners outside the scope are skipped); returns created and already-present ids by key. */
export async function upsertActionItemTasks(ex: Executor, scope: Scope, rows: NewActionItemTask[]): Promise<{ created: Map<string, string>; existing: Map<string, string> }> {
  const allowed = rows.filter((r) => scope.kind === 'all' || scope.userIds.includes(r.ownerId));
  const created = new Map<string, string>();
  const existing = new Map<string, string>();
  if (allowed.length === 0) return { created, existing };
  const inserted = await ex.insert(tasks).values(allowed).onConflictDoNothing({ target: tasks.ruleKey }).returning({ id: tasks.id, ruleKey: tasks.ruleKey });
  for (const r of inserted) if (r.ruleKey) created.set(r.ruleKey, r.id);
  const missing = allowed.map((r) => r.ruleKey).filter((k) => !created.has(k));
  if (missing.length > 0) {
    const found = await ex.select({ id: tasks.id, ruleKey: tasks.ruleKey }).from(tasks).where(inArray(tasks.ruleKey, missing));
    for (const r of found) if (r.ruleKey) existing.set(r.ruleKey, r.id);
  }
  return { created, existing };
}
