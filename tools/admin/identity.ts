import { AppError } from '../../core/errors.ts';
import { actorByKeyHash, anyApiKey, firstAdmin, touchApiKey, userById, webhookSigner, type UserSummary } from '../../db/repos/auth.ts';
import { findUserByEmail, type Actor } from '../../db/repos/scope.ts';
import type { Runtime } from '../runtime.ts';
import { hashApiKey } from './secrets.ts';

// Who a caller is, for the surfaces (which never touch the database themselves): by API key, by webhook
// source, or the operator's stand-in. Read on every request: a revoked key is refused at once.

/** last_used_at is written at most this often per key: a busy key is not a write per request */
const TOUCH_EVERY_MS = 60_000;

export async function actorForApiKey(runtime: Runtime, key: string): Promise<Actor | undefined> {
  const found = await actorByKeyHash(runtime.db, hashApiKey(key));
  if (!found) return undefined;
  const now = runtime.clock.now();
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= TOUCH_EVERY_MS) await touchApiKey(runtime.db, found.keyId, now);
  return { userId: found.userId, role: found.role, teamId: found.teamId };
}

/** Whether any API key was ever created: from then on even a loopback server wants one. */
export function apiKeysExist(runtime: Runtime): Promise<boolean> {
  return anyApiKey(runtime.db);
}

/** A webhook source's secret and the user its deliveries act as; undefined when unknown or revoked. */
export async function webhookSource(runtime: Runtime, name: string): Promise<{ secret: string; actor: Actor } | undefined> {
  const found = await webhookSigner(runtime.db, name);
  return found ? { secret: found.secret, actor: { userId: found.userId, role: found.role, teamId: found.teamId } } : undefined;
}

/**
 * Who acts when nobody presents a key (loopback with no keys yet) or the owner token is sent: the configured
 * local user, or, when that email is not in the store (a store filled from a real CRM), its first admin.
 */
export async function operatorActor(runtime: Runtime, localUser: string): Promise<Actor> {
  const actor = (await findUserByEmail(runtime.db, localUser)) ?? (await firstAdmin(runtime.db));
  if (actor) return actor;
  throw new AppError('config:local_user', `The local user ${localUser} does not exist in the store, and it has no admin`, {
    hint: 'add one: npm run users -- add --email you@example.com --name "Your Name" --role admin (with the server stopped), or set DEALWISE_LOCAL_USER',
  });
}

export function userProfile(runtime: Runtime, userId: string): Promise<UserSummary | undefined> {
  return userById(runtime.db, userId);
}
