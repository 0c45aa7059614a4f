import { sql, type SQL } from 'drizzle-orm';

// SQL pieces the task generators share: the eval clock, and who sees whose records, straight from users
// and roles (not through the repos' scope code, so a scope bug cannot make both sides agree).

export const NOW_ISO = '2026-06-15T12:00:00Z';
export const NOW = sql`${NOW_ISO}::timestamptz`;

/** Owner ids the actor (by email) may see: exec/admin all, a manager their team and self, a rep self. */
export function visibleOwners(actorEmail: string): SQL {
  return sql`(select u.id from users u, users a where a.email = ${actorEmail}
    and (a.role in ('exec', 'admin') or u.id = a.id or (a.role = 'manager' and u.team_id = a.team_id)))`;
}

/** A lead that is live: not merged away. */
export const liveLead = (alias: string) => sql.raw(`${alias}.merged_into_id is null and ${alias}.status <> 'merged'`);
