import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { claimsPlace, placeOf } from '../../core/territory.ts';
import type { Executor } from '../client.ts';
import { accounts, leads, teams, users } from '../schema/index.ts';

// Unowned leads (from a webhook or an import without an owner) would be invisible to every manager,
// since a manager sees what their team owns. A team also sees the unassigned leads of its territory:
// the team's region and its members' territories, matched against where the lead is (the account's
// time zone, else the lead's, else the account's region or country; as lead_assign infers it).
// Reusable by anything that routes leads (lead_assign, automation runs): one function, one rule.

/** The territories a team covers: its region and every member's territory, without repeats. */
export async function teamTerritories(ex: Executor, teamId: string): Promise<string[]> {
  const [team] = await ex.select({ region: teams.region }).from(teams).where(eq(teams.id, teamId));
  const members = await ex.select({ territory: users.territory }).from(users).where(and(eq(users.teamId, teamId), isNotNull(users.territory)));
  return [...new Set([team?.region, ...members.map((m) => m.territory)].filter((t): t is string => Boolean(t && t.trim())))];
}

/** Ids of the live unowned leads whose place one of `territories` claims. */
export async function unassignedLeadsIn(ex: Executor, territories: readonly string[]): Promise<string[]> {
  if (territories.length === 0) return [];
  const unowned = await ex
    .select({ id: leads.id, timeZone: leads.timeZone, accountTimeZone: accounts.timeZone, region: accounts.region, country: accounts.country })
    .from(leads)
    .leftJoin(accounts, eq(accounts.id, leads.accountId))
    .where(and(isNull(leads.ownerId), ne(leads.status, 'merged')));
  return unowned.filter((lead) => territories.some((t) => claimsPlace(t, placeOf(lead)))).map((lead) => lead.id);
}

/** The unassigned leads a team may see and route. */
export async function unassignedLeadsOfTeam(ex: Executor, teamId: string): Promise<string[]> {
  return unassignedLeadsIn(ex, await teamTerritories(ex, teamId));
}
