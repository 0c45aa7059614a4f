import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { accounts, leads, users } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { recordLeadChanges, trackedBefore } from './lead-field-history.ts';
import { ownedBy, ownedByClause, type Scope } from './scope.ts';

// What lead_assign weighs: where the lead is and what it needs, and for each rep who may take it their
// territory, specialisations, current load and closed-deal record.

export interface AssignmentLead {
  id: string;
  fullName: string;
  ownerId: string | null;
  timeZone: string | null;
  productInterest: unknown;
  accountName: string | null;
  industry: string | null;
  country: string | null;
  region: string | null;
  accountTimeZone: string | null;
}

export async function assignmentLead(ex: Executor, scope: Scope, leadId: string): Promise<AssignmentLead | undefined> {
  const [row] = await ex
    .select({
      id: leads.id,
      fullName: leads.fullName,
      ownerId: leads.ownerId,
      timeZone: leads.timeZone,
      productInterest: sql<unknown>`${leads.attributes} -> 'productInterest'`,
      accountName: accounts.name,
      industry: accounts.industry,
      country: accounts.country,
      region: accounts.region,
      accountTimeZone: accounts.timeZone,
    })
    .from(leads)
    .leftJoin(accounts, eq(accounts.id, leads.accountId))
    .where(and(eq(leads.id, leadId), ownedBy(scope, leads.ownerId)));
  return row;
}

export interface RepCandidate {
  userId: string;
  fullName: string;
  territory: string | null;
  specialisations: string[];
  /** open, working or nurturing leads they own, not counting the lead being assigned */
  openLeads: number;
  /** deals they own that are not closed */
  openDeals: number;
  won: number;
  closed: number;
}

/** Active reps inside the caller's scope (a manager's team, everyone for an admin), with their load and record. */
export async function repCandidates(ex: Executor, scope: Scope, excludeLeadId: string): Promise<RepCandidate[]> {
  const result = await rows<{
    user_id: string; full_name: string; territory: string | null; specialisations: string[];
    open_leads: number; open_deals: number; won: number; closed: number;
  }>(ex, sql`
    select ${users.id} as user_id, ${users.fullName} as full_name, ${users.territory} as territory, ${users.specialisations} as specialisations,
           (select count(*)::int from leads l where l.owner_id = ${users.id} and l.status in ('open', 'working', 'nurturing') and l.id <> ${excludeLeadId}) as open_leads,
           (select count(*)::int from opportunities o where o.owner_id = ${users.id} and o.closed_at is null and o.stage not in ('closed_won', 'closed_lost')) as open_deals,
           (select count(*)::int from opportunities o where o.owner_id = ${users.id} and o.outcome = 'won') as won,
           (select count(*)::int from opportunities o where o.owner_id = ${users.id} and o.outcome is not null) as closed
    from ${users}
    where ${users.active} and ${users.role} = 'rep' and ${ownedByClause(scope, users.id)}
    order by ${users.fullName}, ${users.id}
  `);
  return result.map((r) => ({
    userId: r.user_id,
    fullName: r.full_name,
    territory: r.territory,
    specialisations: r.specialisations ?? [],
    openLeads: r.open_leads,
    openDeals: r.open_deals,
    won: r.won,
    closed: r.closed,
  }));
}

/** Hands the lead to `ownerId` (scope-checked); false when the lead is not visible. */
export async function setLeadOwner(ex: Executor, scope: Scope, leadId: string, ownerId: string, at: Date, by: string | null = null): Promise<boolean> {
  const before = await trackedBefore(ex, leadId, { ownerId });
  const changed = await ex
    .update(leads)
    .set({ ownerId, updatedAt: at })
    .where(and(eq(leads.id, leadId), ownedBy(scope, leads.ownerId)))
    .returning({ id: leads.id });
  if (changed.length !== 1) return false;
  await recordLeadChanges(ex, leadId, before, { ownerId }, { at, byUserId: by });
  return true;
}
