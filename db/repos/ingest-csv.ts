import { and, eq, isNull, or } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { accounts, products, teams, users } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';

// Reference data for ingest_crm_csv: users, teams, products and accounts. Like the resolver's finders
// these are organisation-wide (a rep may link a deal to any account or product), so reads are unscoped;
// the tool decides who may create or change them (users and teams: admins only).

export interface CsvUser {
  id: string;
  email: string;
  fullName: string;
  role: 'rep' | 'manager' | 'exec' | 'admin';
  teamId: string | null;
  managerId: string | null;
}

export interface CsvTeam {
  id: string;
  name: string;
  managerId: string | null;
  region: string | null;
}

export interface CsvProduct {
  id: string;
  name: string;
  family: string | null;
  sku: string | null;
  listPriceMinor: number | null;
}

export type AccountFields = Pick<typeof accounts.$inferInsert, 'domain' | 'industry' | 'employees' | 'annualRevenueMinor' | 'country' | 'region' | 'city'>;

export interface CsvAccount extends Required<{ [K in keyof AccountFields]: AccountFields[K] | null }> {
  id: string;
  name: string;
  ownerId: string | null;
  externalIds: Record<string, string>;
}

export async function allCsvUsers(ex: Executor): Promise<CsvUser[]> {
  return ex.select({ id: users.id, email: users.email, fullName: users.fullName, role: users.role, teamId: users.teamId, managerId: users.managerId }).from(users);
}

export async function allCsvTeams(ex: Executor): Promise<CsvTeam[]> {
  return ex.select({ id: teams.id, name: teams.name, managerId: teams.managerId, region: teams.region }).from(teams);
}

export async function allCsvProducts(ex: Executor): Promise<CsvProduct[]> {
  return ex.select({ id: products.id, name: products.name, family: products.family, sku: products.sku, listPriceMinor: products.listPriceMinor }).from(products);
}

export async function allCsvAccounts(ex: Executor): Promise<CsvAccount[]> {
  return ex
    .select({
      id: accounts.id, name: accounts.name, ownerId: accounts.ownerId, externalIds: accounts.externalIds, domain: accounts.domain, industry: accounts.industry,
      employees: accounts.employees, annualRevenueMinor: accounts.annualRevenueMinor, country: accounts.country, region: accounts.region, city: accounts.city,
    })
    .from(accounts);
}

export async function insertCsvTeam(ex: Executor, values: { name: string; managerId: string | null; region: string | null; at: Date }): Promise<string> {
  const [row] = await ex.insert(teams).values({ name: values.name, managerId: values.managerId, region: values.region, createdAt: values.at }).returning({ id: teams.id });
  if (!row) throw new Error('team insert returned no row');
  return row.id;
}

export async function insertCsvUser(
  ex: Executor,
  values: { email: string; fullName: string; role: CsvUser['role']; teamId: string | null; managerId: string | null; title: string | null; at: Date },
): Promise<string> {
  const [row] = await ex
    .insert(users)
    .values({ email: values.email, fullName: values.fullName, role: values.role, teamId: values.teamId, managerId: values.managerId, title: values.title, createdAt: values.at })
    .returning({ id: users.id });
  if (!row) throw new Error('user insert returned no row');
  return row.id;
}

export async function updateCsvUser(ex: Executor, id: string, set: { teamId?: string | null; managerId?: string | null }): Promise<void> {
  await ex.update(users).set(set).where(eq(users.id, id));
}

export async function insertCsvProduct(ex: Executor, values: { name: string; family: string | null; sku: string | null; listPriceMinor: number | null; currency: string; at: Date }): Promise<string> {
  const [row] = await ex
    .insert(products)
    .values({ name: values.name, family: values.family, sku: values.sku, listPriceMinor: values.listPriceMinor, currency: values.currency, createdAt: values.at })
    .returning({ id: products.id });
  if (!row) throw new Error('product insert returned no row');
  return row.id;
}

export async function updateCsvProduct(ex: Executor, id: string, set: { family?: string | null; sku?: string | null; listPriceMinor?: number | null }): Promise<void> {
  await ex.update(products).set(set).where(eq(products.id, id));
}

export async function insertCsvAccount(
  ex: Executor,
  values: AccountFields & { name: string; ownerId: string | null; externalIds: Record<string, string>; currency: string; at: Date },
): Promise<string> {
  const { at, ...rest } = values;
  const [row] = await ex.insert(accounts).values({ ...rest, createdAt: at, updatedAt: at }).returning({ id: accounts.id });
  if (!row) throw new Error('account insert returned no row');
  return row.id;
}

/** Changes an account nobody owns or one the caller's scope owns; false when outside it (nothing written). */
export async function updateCsvAccount(ex: Executor, scope: Scope, id: string, set: AccountFields & { externalIds?: Record<string, string>; at: Date }): Promise<boolean> {
  const { at, ...rest } = set;
  const owned = ownedBy(scope, accounts.ownerId);
  const changed = await ex
    .update(accounts)
    .set({ ...rest, updatedAt: at })
    .where(and(eq(accounts.id, id), owned ? or(isNull(accounts.ownerId), owned) : undefined))
    .returning({ id: accounts.id });
  return changed.length > 0;
}
