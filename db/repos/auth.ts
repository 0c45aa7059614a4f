import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { apiKeys, teams, users, webhookSources } from '../schema/index.ts';
import type { Actor } from './scope.ts';

// Users, API keys and webhook sources: who may call the server, and as whom.

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  team: string | null;
  active: boolean;
}

const userColumns = { id: users.id, email: users.email, name: users.fullName, role: users.role, teamId: users.teamId, team: teams.name, active: users.active };

export async function userById(ex: Executor, id: string): Promise<UserSummary | undefined> {
  const [row] = await ex.select(userColumns).from(users).leftJoin(teams, eq(teams.id, users.teamId)).where(eq(users.id, id));
  return row;
}

export async function userByEmail(ex: Executor, email: string): Promise<UserSummary | undefined> {
  const [row] = await ex.select(userColumns).from(users).leftJoin(teams, eq(teams.id, users.teamId)).where(eq(users.email, email.toLowerCase()));
  return row;
}

export function listUsers(ex: Executor, limit: number): Promise<UserSummary[]> {
  return ex.select(userColumns).from(users).leftJoin(teams, eq(teams.id, users.teamId)).orderBy(asc(users.email)).limit(limit);
}

export async function teamByName(ex: Executor, name: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await ex.select({ id: teams.id, name: teams.name }).from(teams).where(sql`lower(${teams.name}) = lower(${name})`);
  return row;
}

export async function insertTeam(ex: Executor, name: string): Promise<{ id: string; name: string }> {
  const [row] = await ex.insert(teams).values({ name }).returning({ id: teams.id, name: teams.name });
  return row!;
}

export async function insertUser(ex: Executor, user: { email: string; fullName: string; role: Role; teamId: string | null }): Promise<string> {
  const [row] = await ex.insert(users).values({ ...user, email: user.email.toLowerCase() }).returning({ id: users.id });
  return row!.id;
}

/** The earliest active admin, who acts for the operator when the configured local user is not in the store. */
export async function firstAdmin(ex: Executor): Promise<Actor | undefined> {
  const [row] = await ex
    .select({ userId: users.id, role: users.role, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  return row;
}

export interface ApiKeyRow {
  id: string;
  userId: string;
  email: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const keyColumns = {
  id: apiKeys.id, userId: apiKeys.userId, email: users.email, name: apiKeys.name, prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt,
};

export async function insertApiKey(ex: Executor, key: { userId: string; name: string; prefix: string; keyHash: string; createdBy: string | null; at: Date }): Promise<string> {
  const { at, ...values } = key;
  const [row] = await ex.insert(apiKeys).values({ ...values, createdAt: at }).returning({ id: apiKeys.id });
  return row!.id;
}

export function listApiKeys(ex: Executor, filter: { userId?: string; includeRevoked: boolean; limit: number }): Promise<ApiKeyRow[]> {
  const conditions = [filter.userId ? eq(apiKeys.userId, filter.userId) : undefined, filter.includeRevoked ? undefined : isNull(apiKeys.revokedAt)];
  return ex
    .select(keyColumns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(...conditions))
    .orderBy(desc(apiKeys.createdAt), asc(apiKeys.id))
    .limit(filter.limit);
}

/** Keys whose id or visible prefix is `reference`, else the unrevoked keys named so (a prefix or name can be shared). */
export async function findApiKeys(ex: Executor, reference: string): Promise<ApiKeyRow[]> {
  const select = () => ex.select(keyColumns).from(apiKeys).innerJoin(users, eq(users.id, apiKeys.userId));
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reference) ? eq(apiKeys.id, reference) : undefined;
  const exact = await select().where(byId ?? eq(apiKeys.prefix, reference));
  if (exact.length > 0) return exact;
  return select().where(and(eq(apiKeys.name, reference), isNull(apiKeys.revokedAt)));
}

export async function revokeApiKey(ex: Executor, id: string, at: Date): Promise<void> {
  await ex.update(apiKeys).set({ revokedAt: at }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
}

/** The unrevoked key with this hash and its active user: read on every request, so a revoke holds at once. */
export async function actorByKeyHash(ex: Executor, keyHash: string): Promise<(Actor & { keyId: string; lastUsedAt: Date | null }) | undefined> {
  const [row] = await ex
    .select({ keyId: apiKeys.id, lastUsedAt: apiKeys.lastUsedAt, userId: users.id, role: users.role, teamId: users.teamId })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt), eq(users.active, true)));
  return row;
}

export async function touchApiKey(ex: Executor, keyId: string, at: Date): Promise<void> {
  await ex.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, keyId));
}

/** Whether any key was ever created: from then on a loopback server wants one too. */
export async function anyApiKey(ex: Executor): Promise<boolean> {
  const [row] = await ex.select({ id: apiKeys.id }).from(apiKeys).limit(1);
  return row !== undefined;
}

export interface WebhookSourceRow {
  id: string;
  name: string;
  userId: string;
  email: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const sourceColumns = { id: webhookSources.id, name: webhookSources.name, userId: webhookSources.userId, email: users.email, createdAt: webhookSources.createdAt, revokedAt: webhookSources.revokedAt };

export async function webhookSourceByName(ex: Executor, name: string): Promise<WebhookSourceRow | undefined> {
  const [row] = await ex.select(sourceColumns).from(webhookSources).innerJoin(users, eq(users.id, webhookSources.userId)).where(eq(webhookSources.name, name));
  return row;
}

export async function insertWebhookSource(ex: Executor, source: { name: string; secret: string; userId: string; createdBy: string | null; at: Date }): Promise<string> {
  const { at, ...values } = source;
  const [row] = await ex.insert(webhookSources).values({ ...values, createdAt: at }).returning({ id: webhookSources.id });
  return row!.id;
}

export function listWebhookSources(ex: Executor, limit: number): Promise<WebhookSourceRow[]> {
  return ex.select(sourceColumns).from(webhookSources).innerJoin(users, eq(users.id, webhookSources.userId)).orderBy(asc(webhookSources.name)).limit(limit);
}

export async function revokeWebhookSource(ex: Executor, id: string, at: Date): Promise<void> {
  await ex.update(webhookSources).set({ revokedAt: at }).where(and(eq(webhookSources.id, id), isNull(webhookSources.revokedAt)));
}

/** An unrevoked source's secret and the active user it acts as, by the name a delivery names. */
export async function webhookSigner(ex: Executor, name: string): Promise<(Actor & { secret: string }) | undefined> {
  const [row] = await ex
    .select({ secret: webhookSources.secret, userId: users.id, role: users.role, teamId: users.teamId })
    .from(webhookSources)
    .innerJoin(users, eq(users.id, webhookSources.userId))
    .where(and(eq(webhookSources.name, name), isNull(webhookSources.revokedAt), eq(users.active, true)));
  return row;
}
