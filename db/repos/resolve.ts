import { and, desc, eq, gt, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { accounts, leads, opportunities, products, teams, users } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

// Natural references resolve here and nowhere else: an id, an email, or a name matched fuzzily (pg_trgm).
// Each finder returns every plausible match; the caller decides between "found", "ambiguous" and "none".

export interface Match {
  id: string;
  label: string;
  detail: string;
  /** 1 for an exact id/email/name hit, else the trigram similarity */
  score: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FUZZY_FLOOR = 0.35;

export const isUuid = (value: string) => UUID.test(value);

export async function findLeads(ex: Executor, scope: Scope, reference: string, limit = 5): Promise<Match[]> {
  const ref = reference.trim();
  const base = { id: leads.id, name: leads.fullName, email: leads.email, title: leads.title, account: accounts.name };
  const query = (condition: SQL | undefined, score: SQL<number>) =>
    ex
      .select({ ...base, score })
      .from(leads)
      .leftJoin(accounts, eq(accounts.id, leads.accountId))
      .where(where(condition, ne(leads.status, 'merged'), ownedBy(scope, leads.ownerId)))
      .orderBy(desc(score), leads.fullName)
      .limit(limit);
  const toMatch = (r: { id: string; name: string; email: string | null; title: string | null; account: string | null; score: number }): Match => ({
    id: r.id,
    label: r.name,
    detail: [r.title, r.account, r.email].filter(Boolean).join(' · '),
    score: Number(r.score),
  });
  const one = sql<number>`1`;
  if (isUuid(ref)) return (await query(eq(leads.id, ref), one)).map(toMatch);
  if (ref.includes('@')) return (await query(sql`lower(${leads.email}) = lower(${ref})`, one)).map(toMatch);
  const exact = await query(sql`lower(${leads.fullName}) = lower(${ref})`, one);
  if (exact.length > 0) return exact.map(toMatch);
  const similarity = sql<number>`similarity(${leads.fullName}, ${ref})`;
  return (await query(gt(similarity, FUZZY_FLOOR), similarity)).map(toMatch);
}

export async function findOpportunities(ex: Executor, scope: Scope, reference: string, limit = 5): Promise<Match[]> {
  const ref = reference.trim();
  const query = (condition: SQL | undefined, score: SQL<number>) =>
    ex
      .select({ id: opportunities.id, name: opportunities.name, stage: opportunities.stage, account: accounts.name, score })
      .from(opportunities)
      .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
      .where(where(condition, ownedBy(scope, opportunities.ownerId)))
      // among equally good matches an open deal is the likelier meaning, then the newest
      .orderBy(desc(score), sql`${opportunities.closedAt} is not null`, desc(opportunities.createdAt))
      .limit(limit);
  const toMatch = (r: { id: string; name: string; stage: string; account: string; score: number }): Match => ({
    id: r.id,
    label: r.name,
    detail: `${r.account} · ${r.stage}`,
    score: Number(r.score),
  });
  const one = sql<number>`1`;
  if (isUuid(ref)) return (await query(eq(opportunities.id, ref), one)).map(toMatch);
  const exact = await query(or(ilike(opportunities.name, ref), ilike(accounts.name, ref)), one);
  if (exact.length > 0) return exact.map(toMatch);
  const similarity = sql<number>`greatest(similarity(${opportunities.name}, ${ref}), similarity(${accounts.name}, ${ref}))`;
  return (await query(gt(similarity, FUZZY_FLOOR), similarity)).map(toMatch);
}

export async function findUsers(ex: Executor, reference: string, limit = 5): Promise<Match[]> {
  const ref = reference.trim();
  const query = (condition: SQL | undefined, score: SQL<number>) =>
    ex
      .select({ id: users.id, name: users.fullName, email: users.email, role: users.role, score })
      .from(users)
      .where(where(condition, eq(users.active, true)))
      .orderBy(desc(score), users.fullName)
      .limit(limit);
  const toMatch = (r: { id: string; name: string; email: string; role: string; score: number }): Match => ({
    id: r.id,
    label: r.name,
    detail: `${r.role} · ${r.email}`,
    score: Number(r.score),
  });
  const one = sql<number>`1`;
  if (isUuid(ref)) return (await query(eq(users.id, ref), one)).map(toMatch);
  if (ref.includes('@')) return (await query(sql`lower(${users.email}) = lower(${ref})`, one)).map(toMatch);
  const exact = await query(sql`lower(${users.fullName}) = lower(${ref})`, one);
  if (exact.length > 0) return exact.map(toMatch);
  const similarity = sql<number>`similarity(${users.fullName}, ${ref})`;
  return (await query(gt(similarity, FUZZY_FLOOR), similarity)).map(toMatch);
}

const one = sql<number>`1`;

/**
 * Accounts, products and teams are organisation-wide reference data (like users): a rep may open a deal at
 * or link a person to any account, so these finders are not scoped; the records reached through them are.
 * `floor` raises the fuzzy threshold where a wrong link costs more than a new record (lead_upsert).
 */
export async function findAccounts(ex: Executor, reference: string, options: { limit?: number; floor?: number } = {}): Promise<Match[]> {
  const ref = reference.trim();
  const limit = options.limit ?? 5;
  const query = (condition: SQL | undefined, score: SQL<number>) =>
    ex
      .select({ id: accounts.id, name: accounts.name, domain: accounts.domain, industry: accounts.industry, score })
      .from(accounts)
      .where(condition)
      .orderBy(desc(score), accounts.name)
      .limit(limit);
  const toMatch = (r: { id: string; name: string; domain: string | null; industry: string | null; score: number }): Match => ({
    id: r.id,
    label: r.name,
    detail: [r.industry, r.domain].filter(Boolean).join(' · '),
    score: Number(r.score),
  });
  if (isUuid(ref)) return (await query(eq(accounts.id, ref), one)).map(toMatch);
  const exact = await query(or(sql`lower(${accounts.name}) = lower(${ref})`, sql`lower(${accounts.domain}) = lower(${ref})`), one);
  if (exact.length > 0) return exact.map(toMatch);
  const similarity = sql<number>`similarity(${accounts.name}, ${ref})`;
  return (await query(gt(similarity, options.floor ?? FUZZY_FLOOR), similarity)).map(toMatch);
}

export async function findProducts(ex: Executor, reference: string, limit = 5): Promise<Match[]> {
  const ref = reference.trim();
  const query = (condition: SQL | undefined, score: SQL<number>) =>
    ex
      .select({ id: products.id, name: products.name, sku: products.sku, family: products.family, score })
      .from(products)
      .where(and(condition, eq(products.active, true)))
      .orderBy(desc(score), products.name)
      .limit(limit);
  const toMatch = (r: { id: string; name: string; sku: string | null; family: string | null; score: number }): Match => ({
    id: r.id,
    label: r.name,
    detail: [r.family, r.sku].filter(Boolean).join(' · '),
    score: Number(r.score),
  });
  if (isUuid(ref)) return (await query(eq(products.id, ref), one)).map(toMatch);
  const exact = await query(or(sql`lower(${products.name}) = lower(${ref})`, sql`lower(${products.sku}) = lower(${ref})`), one);
  if (exact.length > 0) return exact.map(toMatch);
  const similarity = sql<number>`similarity(${products.name}, ${ref})`;
  return (await query(gt(similarity, FUZZY_FLOOR), similarity)).map(toMatch);
}

export async function findTeams(ex: Executor, reference: string, limit = 5): Promise<Match[]> {
  const ref = reference.trim();
  const query = (condition: SQL | undefined, score: SQL<number>) =>
    ex
      .select({ id: teams.id, name: teams.name, region: teams.region, score })
      .from(teams)
      .where(condition)
      .orderBy(desc(score), teams.name)
      .limit(limit);
  const toMatch = (r: { id: string; name: string; region: string | null; score: number }): Match => ({
    id: r.id,
    label: r.name,
    detail: r.region ?? '',
    score: Number(r.score),
  });
  if (isUuid(ref)) return (await query(eq(teams.id, ref), one)).map(toMatch);
  const exact = await query(sql`lower(${teams.name}) = lower(${ref})`, one);
  if (exact.length > 0) return exact.map(toMatch);
  const similarity = sql<number>`similarity(${teams.name}, ${ref})`;
  return (await query(gt(similarity, FUZZY_FLOOR), similarity)).map(toMatch);
}
