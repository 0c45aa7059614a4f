import { and, desc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { accounts, interactions, leads, opportunities, opportunityContacts, teams, users } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

// What the communication tools compose from: the person, their account, the sender (owner) with what a
// signature needs, the person's own messages (for tone) and the deal's contacts. Every query keeps the
// lead or deal inside the caller's scope.

export interface SenderRow {
  id: string;
  fullName: string;
  email: string;
  title: string | null;
  team: string | null;
  timeZone: string;
}

export async function senderOf(ex: Executor, userId: string): Promise<SenderRow | undefined> {
  const [row] = await ex
    .select({ id: users.id, fullName: users.fullName, email: users.email, title: users.title, team: teams.name, timeZone: users.timeZone })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, userId));
  return row;
}

export interface OwnTextRow {
  id: string;
  type: string;
  occurredAt: Date;
  body: string;
}

/** The lead's own written words (inbound email, SMS, WhatsApp), newest first: what tone is measured from. */
export async function leadOwnTexts(ex: Executor, scope: Scope, leadId: string, asOf: Date, limit: number): Promise<OwnTextRow[]> {
  return ex
    .select({ id: interactions.id, type: interactions.type, occurredAt: interactions.occurredAt, body: interactions.body })
    .from(interactions)
    .innerJoin(leads, eq(leads.id, interactions.leadId))
    .where(
      where(
        eq(interactions.leadId, leadId),
        eq(interactions.direction, 'inbound'),
        inArray(interactions.type, ['email', 'sms', 'whatsapp']),
        lte(interactions.occurredAt, asOf),
        ownedBy(scope, leads.ownerId),
      ),
    )
    .orderBy(desc(interactions.occurredAt), desc(interactions.id))
    .limit(limit);
}

/** Full bodies of some interactions of a visible lead (for objection sentences and questions in context). */
export async function interactionBodies(ex: Executor, scope: Scope, leadId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await ex
    .select({ id: interactions.id, body: interactions.body })
    .from(interactions)
    .innerJoin(leads, eq(leads.id, interactions.leadId))
    .where(where(inArray(interactions.id, [...ids]), eq(interactions.leadId, leadId), ownedBy(scope, leads.ownerId)));
  return new Map(found.map((r) => [r.id, r.body]));
}

export interface DealPerson {
  leadId: string;
  fullName: string;
  title: string | null;
  role: string | null;
}

/** A deal's people the caller may see (primary contact first), for a deal the caller may see. */
export async function dealPeople(ex: Executor, scope: Scope, opportunityId: string): Promise<DealPerson[]> {
  const found = await ex
    .select({ leadId: leads.id, fullName: leads.fullName, title: leads.title, role: opportunityContacts.role, primary: sql<boolean>`${opportunities.primaryContactId} = ${leads.id}` })
    .from(opportunities)
    .innerJoin(leads, sql`${leads.id} = ${opportunities.primaryContactId} or ${leads.id} in (select ${opportunityContacts.leadId} from ${opportunityContacts} where ${opportunityContacts.opportunityId} = ${opportunities.id})`)
    .leftJoin(opportunityContacts, and(eq(opportunityContacts.opportunityId, opportunities.id), eq(opportunityContacts.leadId, leads.id)))
    // the people themselves must be visible too: a contact owned by another rep does not show through the deal
    .where(where(eq(opportunities.id, opportunityId), ownedBy(scope, opportunities.ownerId), ownedBy(scope, leads.ownerId), ne(leads.status, 'merged')))
    .orderBy(sql`${opportunities.primaryContactId} = ${leads.id} desc`, leads.fullName);
  const seen = new Map<string, DealPerson>();
  for (const r of found) if (!seen.has(r.leadId)) seen.set(r.leadId, { leadId: r.leadId, fullName: r.fullName, title: r.title, role: r.role });
  return [...seen.values()];
}

export interface AccountPeople {
  account: { id: string; name: string; industry: string | null };
  leads: { id: string; fullName: string; title: string | null; ownerId: string | null }[];
  deals: { id: string; name: string; stage: string; primaryContactId: string | null }[];
}

/** An account's visible leads and open deals. */
export async function accountPeople(ex: Executor, scope: Scope, accountId: string, limit: number): Promise<AccountPeople | undefined> {
  const [account] = await ex.select({ id: accounts.id, name: accounts.name, industry: accounts.industry }).from(accounts).where(eq(accounts.id, accountId));
  if (!account) return undefined;
  const people = await ex
    .select({ id: leads.id, fullName: leads.fullName, title: leads.title, ownerId: leads.ownerId })
    .from(leads)
    .where(where(eq(leads.accountId, accountId), ne(leads.status, 'merged'), ownedBy(scope, leads.ownerId)))
    .orderBy(desc(leads.lastContactedAt), leads.fullName)
    .limit(limit);
  const deals = await ex
    .select({ id: opportunities.id, name: opportunities.name, stage: opportunities.stage, primaryContactId: opportunities.primaryContactId })
    .from(opportunities)
    .where(where(eq(opportunities.accountId, accountId), sql`${opportunities.closedAt} is null`, ownedBy(scope, opportunities.ownerId)))
    .orderBy(desc(opportunities.valueMinor))
    .limit(limit);
  return { account, leads: people, deals };
}
