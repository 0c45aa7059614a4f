import { and, asc, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { accounts, leads, users } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';

// Participant matching for ingestion: email addresses to users (org-wide, as findUsers) and to leads
// (inside the caller's scope; a lead outside it is reported only as "exists", never by id).

export interface UserByEmail {
  id: string;
  email: string;
  fullName: string;
  timeZone: string;
}

export async function allUsersByEmail(ex: Executor): Promise<Map<string, UserByEmail>> {
  const found = await ex.select({ id: users.id, email: users.email, fullName: users.fullName, timeZone: users.timeZone }).from(users);
  return new Map(found.map((u) => [u.email.toLowerCase(), u]));
}

export interface LeadByEmail {
  id: string;
  email: string;
  fullName: string;
  accountId: string | null;
  ownerId: string | null;
  timeZone: string | null;
}

export interface LeadLookup {
  /** lower-cased email -> the oldest visible, non-merged lead with it */
  visible: Map<string, LeadByEmail>;
  /** lower-cased emails with a lead only outside the caller's scope */
  hidden: Set<string>;
}

/** Leads by email, case-insensitive (served by leads_email_idx on lower(email)). */
export async function leadsByEmails(ex: Executor, scope: Scope, emails: readonly string[]): Promise<LeadLookup> {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  const out: LeadLookup = { visible: new Map(), hidden: new Set() };
  if (wanted.length === 0) return out;
  const lower = sql<string>`lower(${leads.email})`;
  const found = await ex
    .select({ id: leads.id, email: lower, fullName: leads.fullName, accountId: leads.accountId, ownerId: leads.ownerId, timeZone: leads.timeZone })
    .from(leads)
    .where(and(inArray(lower, wanted), ne(leads.status, 'merged'), ownedBy(scope, leads.ownerId)))
    .orderBy(asc(leads.createdAt), asc(leads.id));
  for (const lead of found) if (!out.visible.has(lead.email)) out.visible.set(lead.email, lead);
  const missing = wanted.filter((e) => !out.visible.has(e));
  if (scope.kind !== 'all' && missing.length > 0) {
    const hidden = await ex.selectDistinct({ email: lower }).from(leads).where(and(inArray(lower, missing), ne(leads.status, 'merged')));
    for (const h of hidden) out.hidden.add(h.email);
  }
  return out;
}

export interface AccountByDomain {
  id: string;
  ownerId: string | null;
}

/** Accounts by exact domain (case-insensitive), the oldest per domain. */
export async function accountsByDomains(ex: Executor, domains: readonly string[]): Promise<Map<string, AccountByDomain>> {
  const wanted = [...new Set(domains.map((d) => d.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const lower = sql<string>`lower(${accounts.domain})`;
  const found = await ex
    .select({ id: accounts.id, ownerId: accounts.ownerId, domain: lower })
    .from(accounts)
    .where(inArray(lower, wanted))
    .orderBy(asc(accounts.createdAt), asc(accounts.id));
  const out = new Map<string, AccountByDomain>();
  for (const a of found) if (!out.has(a.domain)) out.set(a.domain, { id: a.id, ownerId: a.ownerId });
  return out;
}

export interface NewIngestLead {
  /** given when the caller plans rows before writing them (bulk imports) */
  id?: string;
  email: string;
  fullName: string;
  firstName: string | null;
  lastName: string | null;
  accountId: string | null;
  ownerId: string | null;
  at: Date;
}

const leadRow = (values: NewIngestLead) => ({
  ...(values.id ? { id: values.id } : {}),
  email: values.email,
  fullName: values.fullName,
  firstName: values.firstName,
  lastName: values.lastName,
  accountId: values.accountId,
  ownerId: values.ownerId,
  source: 'import' as const,
  createdAt: values.at,
  updatedAt: values.at,
});

/** A lead for an unknown external participant: source import, stage new. */
export async function insertIngestLead(ex: Executor, values: NewIngestLead): Promise<string> {
  const [row] = await ex.insert(leads).values(leadRow(values)).returning({ id: leads.id });
  if (!row) throw new Error('lead insert returned no row');
  return row.id;
}

/** Many planned leads (ids given) in one statement. */
export async function insertIngestLeads(ex: Executor, values: readonly NewIngestLead[]): Promise<void> {
  if (values.length > 0) await ex.insert(leads).values(values.map(leadRow));
}
