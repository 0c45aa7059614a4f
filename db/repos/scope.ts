import { and, eq, inArray, isNull, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Role } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { leads, users } from '../schema/index.ts';
import { unassignedLeadsOfTeam } from './unassigned-leads.ts';

export interface Actor {
  userId: string;
  role: Role;
  teamId: string | null;
}

/**
 * Which owners' records a caller may see: a rep their own, a manager their team's (and their own),
 * an exec or admin everyone's. Computed once per tool call and applied by every repo query.
 * A manager also sees (and may assign) the unowned leads of the team's territory: `unassignedLeadIds`.
 */
export type Scope = { kind: 'all' } | { kind: 'owners'; userIds: string[]; unassignedLeadIds?: string[] };

export async function loadScope(ex: Executor, actor: Actor): Promise<Scope> {
  if (actor.role === 'exec' || actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'rep' || !actor.teamId) return { kind: 'owners', userIds: [actor.userId] };
  const team = await ex.select({ id: users.id }).from(users).where(eq(users.teamId, actor.teamId));
  const unassignedLeadIds = await unassignedLeadsOfTeam(ex, actor.teamId);
  return {
    kind: 'owners',
    userIds: [...new Set([actor.userId, ...team.map((u) => u.id)])],
    ...(unassignedLeadIds.length > 0 ? { unassignedLeadIds } : {}),
  };
}

/**
 * The WHERE condition that keeps a query inside the scope, or undefined when everything is visible.
 * Given leads.ownerId, it also lets through the scope's unassigned leads (still unowned at query time),
 * so every lead read and write a manager makes covers them without each repo knowing.
 */
export function ownedBy(scope: Scope, ownerColumn: Column): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  const owned = inArray(ownerColumn, scope.userIds);
  if (ownerColumn !== leads.ownerId || !scope.unassignedLeadIds?.length) return owned;
  return or(owned, and(isNull(leads.ownerId), inArray(leads.id, scope.unassignedLeadIds)));
}

/** Whether a lead (id and owner) is inside the scope: owned by someone in it, or one of its unassigned leads. */
export function leadInScope(scope: Scope, lead: { id: string; ownerId: string | null }): boolean {
  if (scope.kind === 'all') return true;
  if (lead.ownerId === null) return scope.unassignedLeadIds?.includes(lead.id) ?? false;
  return scope.userIds.includes(lead.ownerId);
}

/** ownedBy for raw SQL: the same condition, or `true` when everything is visible. */
export function ownedByClause(scope: Scope, ownerColumn: Column): SQL {
  return ownedBy(scope, ownerColumn) ?? sql`true`;
}

export function inScope(scope: Scope, ownerId: string | null | undefined): boolean {
  if (scope.kind === 'all') return true;
  return ownerId != null && scope.userIds.includes(ownerId);
}

/** The user's role and team as they stand now (a thread or session may carry older ones). */
export async function findUserById(ex: Executor, userId: string): Promise<Actor | undefined> {
  const [row] = await ex.select({ userId: users.id, role: users.role, teamId: users.teamId }).from(users).where(eq(users.id, userId));
  return row;
}

export async function findUserByEmail(ex: Executor, email: string): Promise<Actor | undefined> {
  const [row] = await ex
    .select({ userId: users.id, role: users.role, teamId: users.teamId })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row;
}
