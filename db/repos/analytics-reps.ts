import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { InteractionType } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { interactions, teams, users } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';

// Reps as the analytics tools see them: who is in scope, their quota, and how busy they were.

const where = (...conditions: (SQL | undefined)[]) => and(...conditions.filter((c): c is SQL => c !== undefined));

export interface RepQuotaRow {
  id: string;
  name: string;
  teamId: string | null;
  team: string | null;
  /** quota per quarter, minor units, in `currency`; null when none is set */
  quarterlyQuotaMinor: number | null;
  currency: string;
}

/**
 * Active reps the caller may see, with their quotas: one team's, or one named person (of any role: naming a
 * manager asks about them). Managers' quotas are their team's roll-up, so they are left out of "all reps".
 */
export async function repQuotas(ex: Executor, scope: Scope, f: { teamId?: string; userId?: string }): Promise<RepQuotaRow[]> {
  return ex
    .select({
      id: users.id,
      name: users.fullName,
      teamId: users.teamId,
      team: teams.name,
      quarterlyQuotaMinor: users.quarterlyQuotaMinor,
      currency: users.currency,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(
      where(
        ownedBy(scope, users.id),
        eq(users.active, true),
        f.userId ? eq(users.id, f.userId) : eq(users.role, 'rep'),
        f.teamId ? eq(users.teamId, f.teamId) : undefined,
      ),
    )
    .orderBy(asc(users.fullName), asc(users.id));
}

export interface ActivityCountRow {
  userId: string;
  type: InteractionType;
  count: number;
}

/** Interactions logged by each user (interactions.user_id) the caller may see, by type, in [from, toExclusive). */
export async function activityCounts(ex: Executor, scope: Scope, f: { from: Date; toExclusive: Date }): Promise<ActivityCountRow[]> {
  const found = await ex
    .select({ userId: interactions.userId, type: interactions.type, count: sql<number>`count(*)::int` })
    .from(interactions)
    .where(
      where(
        ownedBy(scope, interactions.userId),
        sql`${interactions.userId} is not null`,
        gte(interactions.occurredAt, f.from),
        lt(interactions.occurredAt, f.toExclusive),
      ),
    )
    .groupBy(interactions.userId, interactions.type);
  return found.filter((r): r is ActivityCountRow => r.userId !== null).map((r) => ({ ...r, count: Number(r.count) }));
}
