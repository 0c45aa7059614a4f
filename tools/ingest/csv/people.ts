import { insertCsvTeam, insertCsvUser, updateCsvUser, type CsvUser } from '../../../db/repos/ingest-csv.ts';
import { ItemRejected, type ItemContext } from '../core/index.ts';
import type { RowData } from './map.ts';
import type { CsvRunState } from './state.ts';
import type { MappingOptions } from './types.ts';

// Owners: sales agents, their managers and teams. A name or email already among our users is reused;
// a new one is created only by an admin (or an operator import with no caller), since a user is a login.
// Agents become reps, managers become managers of a team named after their office and themselves.

export type Status = 'created' | 'updated' | 'unchanged';

export interface Tally {
  add(entity: string, status: Status): void;
}

export const isAdmin = (ctx: Pick<ItemContext, 'actor'>) => !ctx.actor || ctx.actor.role === 'admin';

export function emailFor(fullName: string, domain: string, state: CsvRunState): string {
  const local = fullName.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '') || 'user';
  let email = `${local}@${domain}`;
  for (let n = 2; state.usersByEmail.has(email); n++) email = `${local}.${n}@${domain}`;
  return email;
}

/** The user a name or email refers to; rejects a name shared by several users rather than guess. */
export function findUser(state: CsvRunState, person: { fullName: string | null; email: string | null }): CsvUser | undefined {
  if (person.email) {
    const byEmail = state.usersByEmail.get(person.email);
    if (byEmail) return byEmail;
  }
  if (!person.fullName) return undefined;
  const named = state.userByName(person.fullName);
  if (named.length > 1) throw new ItemRejected(`owner "${person.fullName}" matches ${named.length} users; add an owner email column`);
  return named[0];
}

async function ensureUser(
  ctx: ItemContext,
  state: CsvRunState,
  tally: Tally,
  person: { fullName: string | null; email: string | null; title?: string | null },
  role: CsvUser['role'],
  links: { teamId: string | null; managerId: string | null },
  options: MappingOptions,
): Promise<{ user: CsvUser; status: Status }> {
  const found = findUser(state, person);
  if (found) {
    const set: { teamId?: string | null; managerId?: string | null } = {};
    if (links.teamId && links.teamId !== found.teamId) set.teamId = links.teamId;
    if (links.managerId && links.managerId !== found.id && links.managerId !== found.managerId) set.managerId = links.managerId;
    if (Object.keys(set).length === 0 || !isAdmin(ctx)) return { user: found, status: 'unchanged' };
    await updateCsvUser(ctx.tx, found.id, set);
    const user = { ...found, ...set };
    state.putUser(user, ctx);
    tally.add('users', 'updated');
    return { user, status: 'updated' };
  }
  const name = person.fullName ?? person.email ?? '';
  if (!isAdmin(ctx)) throw new ItemRejected(`owner "${name}" is not a user here; only an admin can create users from an import`);
  const email = person.email ?? emailFor(name, options.ownerEmailDomain, state);
  const id = await insertCsvUser(ctx.tx, { email, fullName: name, role, teamId: links.teamId, managerId: links.managerId, title: person.title ?? null, at: ctx.now });
  const user: CsvUser = { id, email, fullName: name, role, teamId: links.teamId, managerId: links.managerId };
  state.putUser(user, ctx);
  tally.add('users', 'created');
  return { user, status: 'created' };
}

export const teamNameOf = (o: NonNullable<RowData['owner']>): string | null =>
  o.team ?? (o.manager ? (o.region ? `${o.region} – ${o.manager}` : `${o.manager}'s team`) : null);

/**
 * The row's owner as a user id: the user named (created with their manager and team when the row
 * carries them), or the caller when the row names nobody.
 */
export async function upsertOwner(ctx: ItemContext, state: CsvRunState, tally: Tally, owner: RowData['owner'], options: MappingOptions): Promise<{ userId: string; status: Status }> {
  if (!owner || (!owner.fullName && !owner.email)) {
    if (!ctx.actor) throw new ItemRejected('the row names no owner and the import has no caller to own it');
    return { userId: ctx.actor.userId, status: 'unchanged' };
  }
  const teamName = teamNameOf(owner);
  let team = teamName ? state.teamsByName.get(teamName.toLowerCase()) : undefined;
  const manager = owner.manager
    ? (await ensureUser(ctx, state, tally, { fullName: owner.manager, email: null }, 'manager', { teamId: team?.id ?? null, managerId: null }, options)).user
    : undefined;
  if (teamName && !team) {
    if (!isAdmin(ctx)) throw new ItemRejected(`team "${teamName}" does not exist; only an admin can create teams from an import`);
    const id = await insertCsvTeam(ctx.tx, { name: teamName, managerId: manager?.id ?? null, region: owner.region, at: ctx.now });
    team = { id, name: teamName, managerId: manager?.id ?? null, region: owner.region };
    state.putTeam(team, ctx);
    tally.add('teams', 'created');
    // the manager belongs to the team they manage
    if (manager && manager.teamId !== id) {
      await updateCsvUser(ctx.tx, manager.id, { teamId: id });
      state.putUser({ ...manager, teamId: id }, ctx);
    }
  }
  const teamId = team?.id ?? null;
  const managerId = manager?.id ?? null;
  const agent = await ensureUser(ctx, state, tally, owner, 'rep', { teamId, managerId }, options);
  return { userId: agent.user.id, status: agent.status };
}
