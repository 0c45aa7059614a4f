import { eq, ne } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { accounts, leads, opportunities, products, teams, users } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

// Every name a caller may see, for finding mentions in free text (the copilot's entity directory).
// Scoped exactly like resolve.ts: leads and deals by owner; users, accounts and teams are org-wide.

export interface DirectoryLead {
  id: string;
  fullName: string;
  firstName: string | null;
  email: string | null;
  account: string | null;
  stage: string;
}

export interface DirectoryDeal {
  id: string;
  name: string;
  account: string;
  stage: string;
  valueMinor: number;
  currency: string;
}

export function directoryLeads(ex: Executor, scope: Scope): Promise<DirectoryLead[]> {
  return ex
    .select({ id: leads.id, fullName: leads.fullName, firstName: leads.firstName, email: leads.email, account: accounts.name, stage: leads.lifecycleStage })
    .from(leads)
    .leftJoin(accounts, eq(accounts.id, leads.accountId))
    .where(where(ne(leads.status, 'merged'), ownedBy(scope, leads.ownerId)));
}

export async function directoryDeals(ex: Executor, scope: Scope): Promise<DirectoryDeal[]> {
  const rows = await ex
    .select({ id: opportunities.id, name: opportunities.name, account: accounts.name, stage: opportunities.stage, valueMinor: opportunities.valueMinor, currency: opportunities.currency })
    .from(opportunities)
    .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
    .where(ownedBy(scope, opportunities.ownerId));
  return rows.map((r) => ({ ...r, valueMinor: Number(r.valueMinor) }));
}

export function directoryUsers(ex: Executor) {
  return ex.select({ id: users.id, fullName: users.fullName, email: users.email, role: users.role }).from(users).where(eq(users.active, true));
}

export function directoryAccounts(ex: Executor) {
  return ex.select({ id: accounts.id, name: accounts.name, domain: accounts.domain, industry: accounts.industry }).from(accounts);
}

export function directoryTeams(ex: Executor) {
  return ex.select({ id: teams.id, name: teams.name, region: teams.region }).from(teams);
}

export function directoryProducts(ex: Executor) {
  return ex.select({ id: products.id, name: products.name, sku: products.sku, family: products.family }).from(products).where(eq(products.active, true));
}
