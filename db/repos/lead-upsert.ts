import { and, asc, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { accounts, leads } from '../schema/index.ts';
import type { LeadRecord } from './leads.ts';
import { isUuid } from './resolve.ts';
import { recordLeadChanges, trackedBefore } from './lead-field-history.ts';
import { ownedBy, type Scope } from './scope.ts';

// Lookups behind lead_upsert's de-duplication. A duplicate the caller may not see is reported only as
// "one exists" (no id, no owner, no fields), so the tool can refuse instead of creating a second record.

export interface DuplicateLookup {
  /** the best visible match */
  visible: (LeadRecord & { similarity: number }) | undefined;
  /** true when a match exists outside the caller's scope (and none inside it) */
  hiddenExists: boolean;
}

async function hiddenExists(ex: Executor, scope: Scope, condition: SQL): Promise<boolean> {
  if (scope.kind === 'all') return false;
  const [row] = await ex
    .select({ id: leads.id })
    .from(leads)
    .where(and(condition, ne(leads.status, 'merged'), sql`not (${ownedBy(scope, leads.ownerId)} and ${leads.ownerId} is not null)`))
    .limit(1);
  return row !== undefined;
}

/** Non-merged leads whose email equals `email` ignoring case; the oldest visible one wins. */
export async function findLeadByEmail(ex: Executor, scope: Scope, email: string): Promise<DuplicateLookup> {
  const condition = sql`lower(${leads.email}) = lower(${email})`;
  const [visible] = await ex
    .select()
    .from(leads)
    .where(and(condition, ne(leads.status, 'merged'), ownedBy(scope, leads.ownerId)))
    .orderBy(asc(leads.createdAt), asc(leads.id))
    .limit(1);
  if (visible) return { visible: { ...visible, similarity: 1 }, hiddenExists: false };
  return { visible: undefined, hiddenExists: await hiddenExists(ex, scope, condition) };
}

/** Non-merged leads at the account whose full name has trigram similarity >= minSimilarity; the closest visible one wins. */
export async function findLeadByNameAtAccount(
  ex: Executor,
  scope: Scope,
  accountId: string,
  fullName: string,
  minSimilarity: number,
): Promise<DuplicateLookup> {
  const similarity = sql<number>`similarity(lower(${leads.fullName}), lower(${fullName}))`;
  const condition = sql`${leads.accountId} = ${accountId} and ${similarity} >= ${minSimilarity}`;
  const [row] = await ex
    .select({ lead: leads, similarity })
    .from(leads)
    .where(and(condition, ne(leads.status, 'merged'), ownedBy(scope, leads.ownerId)))
    .orderBy(desc(similarity), asc(leads.createdAt), asc(leads.id))
    .limit(1);
  if (row) return { visible: { ...row.lead, similarity: Number(row.similarity) }, hiddenExists: false };
  return { visible: undefined, hiddenExists: await hiddenExists(ex, scope, condition) };
}

export interface AccountMatch {
  id: string;
  name: string;
  domain: string | null;
  score: number;
}

/** The account row lead_upsert links to, by id. */
export async function accountById(ex: Executor, id: string): Promise<AccountMatch | undefined> {
  const [row] = await ex.select({ id: accounts.id, name: accounts.name, domain: accounts.domain }).from(accounts).where(eq(accounts.id, id));
  return row ? { ...row, score: 1 } : undefined;
}

/** The account whose domain is exactly `domain` (case-insensitive), oldest first. */
export async function findAccountByDomain(ex: Executor, domain: string): Promise<AccountMatch | undefined> {
  const [row] = await ex
    .select({ id: accounts.id, name: accounts.name, domain: accounts.domain })
    .from(accounts)
    .where(sql`lower(${accounts.domain}) = lower(${domain})`)
    .orderBy(asc(accounts.createdAt), asc(accounts.id))
    .limit(1);
  return row ? { ...row, score: 1 } : undefined;
}

export async function createAccount(ex: Executor, values: { name: string; domain: string | null; ownerId: string | null; at: Date }): Promise<AccountMatch> {
  const [row] = await ex
    .insert(accounts)
    .values({ name: values.name, domain: values.domain, ownerId: values.ownerId, createdAt: values.at, updatedAt: values.at })
    .returning({ id: accounts.id, name: accounts.name, domain: accounts.domain });
  if (!row) throw new Error('account insert returned no row');
  return { ...row, score: 1 };
}

export type NewLeadValues = typeof leads.$inferInsert;
export type LeadPatch = Partial<Omit<NewLeadValues, 'id' | 'createdAt'>>;

export async function insertLead(ex: Executor, values: NewLeadValues): Promise<LeadRecord> {
  const [row] = await ex.insert(leads).values(values).returning();
  if (!row) throw new Error('lead insert returned no row');
  return row;
}

/**
 * Applies a patch to a lead the scope can see; returns false when it cannot (nothing changes then).
 * Changes of tracked fields (budget, decision maker, owner...) are recorded in lead_field_history,
 * by `by` at the patch's updatedAt.
 */
export async function updateLead(ex: Executor, scope: Scope, leadId: string, patch: LeadPatch, by: string | null = null): Promise<boolean> {
  const before = await trackedBefore(ex, leadId, patch);
  const changed = await ex
    .update(leads)
    .set(patch)
    .where(and(eq(leads.id, leadId), ownedBy(scope, leads.ownerId)))
    .returning({ id: leads.id });
  if (changed.length !== 1) return false;
  if (patch.updatedAt instanceof Date) await recordLeadChanges(ex, leadId, before, patch, { at: patch.updatedAt, byUserId: by });
  return true;
}
