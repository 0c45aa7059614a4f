import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { interactions, leads, opportunities, tasks, users } from '../schema/index.ts';
import { ownedBy, ownedByClause, type Scope } from './scope.ts';

// What ingest_transcript reads and writes besides the ingestion core: the records a meeting links to,
// its action items as tasks (one per rule key: a re-run creates none), and the meeting already stored.

export interface LeadLink {
  id: string;
  accountId: string | null;
  ownerId: string | null;
}

/** The visible leads among `ids`, with their account and owner. */
export async function leadLinks(ex: Executor, scope: Scope, ids: readonly string[]): Promise<LeadLink[]> {
  if (ids.length === 0) return [];
  return ex
    .select({ id: leads.id, accountId: leads.accountId, ownerId: leads.ownerId })
    .from(leads)
    .where(and(inArray(leads.id, [...ids]), ownedBy(scope, leads.ownerId)));
}

export interface DealLink {
  id: string;
  accountId: string;
  ownerId: string;
}

export async function dealLink(ex: Executor, scope: Scope, id: string): Promise<DealLink | undefined> {
  const [row] = await ex
    .select({ id: opportunities.id, accountId: opportunities.accountId, ownerId: opportunities.ownerId })
    .from(opportunities)
    .where(and(eq(opportunities.id, id), ownedBy(scope, opportunities.ownerId)));
  return row;
}

export type NewMeetingTask = typeof tasks.$inferInsert & { ruleKey: string; ownerId: string };

/** Inserts the tasks whose rule key is new; returns the ids created (a second run returns none). */
export async function insertMeetingTasks(ex: Executor, scope: Scope, rows: NewMeetingTask[]): Promise<string[]> {
  const allowed = rows.filter((r) => scope.kind === 'all' || scope.userIds.includes(r.ownerId));
  if (allowed.length === 0) return [];
  const created = await ex.insert(tasks).values(allowed).onConflictDoNothing({ target: tasks.ruleKey }).returning({ id: tasks.id });
  return created.map((r) => r.id);
}

/**
 * The meeting stored from a source item, when the caller may see it: logged by someone in scope, or
 * about a lead or deal in scope.
 */
export async function visibleInteractionOfSource(ex: Executor, scope: Scope, sourceItemId: string): Promise<string | undefined> {
  const [row] = await ex
    .select({ id: interactions.id })
    .from(interactions)
    .leftJoin(leads, eq(leads.id, interactions.leadId))
    .leftJoin(opportunities, eq(opportunities.id, interactions.opportunityId))
    .where(
      and(
        eq(interactions.sourceItemId, sourceItemId),
        scope.kind === 'all'
          ? undefined
          : or(ownedByClause(scope, interactions.userId), ownedByClause(scope, leads.ownerId), ownedByClause(scope, opportunities.ownerId)),
      ),
    )
    .orderBy(sql`${interactions.createdAt} asc`)
    .limit(1);
  return row?.id;
}

/** Each active user's time zone, for due times at the end of the owner's working day. */
export async function userTimeZones(ex: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await ex.select({ id: users.id, timeZone: users.timeZone }).from(users).where(inArray(users.id, [...ids]));
  return new Map(found.map((u) => [u.id, u.timeZone]));
}
