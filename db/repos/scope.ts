import { eq, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import type { Role } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { users } from '../schema/index.ts';

export interface Actor {
  userId: string;
  role: Role;
  teamId: string | null;
}

/**
 * Which owners' records a caller may see: a rep their own, a manager their team's (and their own),
 * an exec or admin everyone's. Computed once per tool call and applied by every repo query.
 */
export type Scope = { kind: 'all' } | { kind: 'owners'; userIds: string[] };

export async function loadScope(ex: Executor, actor: Actor): Promise<Scope> {
  if (actor.role === 'exec' || actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'rep' || !actor.teamId) return { kind: 'owners', userIds: [actor.userId] };
  const team = await ex.select({ id: users.id }).from(users).where(eq(users.teamId, actor.teamId));
  return { kind: 'owners', userIds: [...new Set([actor.userId, ...team.map((u) => u.id)])] };
}

/** The WHERE condition that keeps a query inside the scope, or undefined when everything is visible. */
export function ownedBy(scope: Scope, ownerColumn: Column): SQL | undefined {
  return scope.kind === 'all' ? undefined : inArray(ownerColumn, scope.userIds);
}

/** ownedBy for raw SQL: the same condition, or `true` when everything is visible. */
export function ownedByClause(scope: Scope, ownerColumn: Column): SQL {
  return ownedBy(scope, ownerColumn) ?? sql`true`;
}

export function inScope(scope: Scope, ownerId: string | null | undefined): boolean {
  if (scope.kind === 'all') return true;
  return ownerId != null && scope.userIds.includes(ownerId);
}

export async function findUserByEmail(ex: Executor, email: string): Promise<Actor | undefined> {
  const [row] = await ex
    .select({ userId: users.id, role: users.role, teamId: users.teamId })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row;
}
