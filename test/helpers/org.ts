import type { Db } from '../../db/client.ts';
import { accounts, leads, opportunities, teams, users } from '../../db/schema/index.ts';
import type { Actor } from '../../db/repos/scope.ts';

// A tiny, hand-countable organisation for tool tests: two teams, a rep or two each, one of every role.
// Tests add the leads, deals and interactions their numbers need on top of it.

export const ORG_NOW = new Date('2026-06-15T12:00:00Z');

export interface FixtureOrg {
  teams: { east: string; west: string };
  users: { admin: Actor; exec: Actor; managerEast: Actor; repAnna: Actor; repBen: Actor; managerWest: Actor; repCara: Actor };
  accounts: { acme: string; globex: string; initech: string };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export async function createFixtureOrg(db: Db): Promise<FixtureOrg> {
  const t = { east: uuid(1), west: uuid(2) };
  const u = {
    admin: uuid(11),
    exec: uuid(12),
    managerEast: uuid(13),
    repAnna: uuid(14),
    repBen: uuid(15),
    managerWest: uuid(16),
    repCara: uuid(17),
  };
  await db.insert(teams).values([
    { id: t.east, name: 'East', managerId: u.managerEast, region: 'NA-East' },
    { id: t.west, name: 'West', managerId: u.managerWest, region: 'NA-West' },
  ]);
  const person = (id: string, email: string, fullName: string, role: Actor['role'], teamId: string | null, extra = {}) => ({
    id, email, fullName, role, teamId, timeZone: 'America/New_York', ...extra,
  });
  await db.insert(users).values([
    person(u.admin, 'admin@dealwise.demo', 'Ada Admin', 'admin', null),
    person(u.exec, 'exec@dealwise.demo', 'Eve Exec', 'exec', null),
    person(u.managerEast, 'mia.east@dealwise.demo', 'Mia East', 'manager', t.east),
    person(u.repAnna, 'anna.rep@dealwise.demo', 'Anna Rep', 'rep', t.east, { managerId: u.managerEast, territory: 'NA-East', quarterlyQuotaMinor: 300_000_00 }),
    person(u.repBen, 'ben.rep@dealwise.demo', 'Ben Rep', 'rep', t.east, { managerId: u.managerEast, territory: 'NA-East', quarterlyQuotaMinor: 250_000_00 }),
    person(u.managerWest, 'max.west@dealwise.demo', 'Max West', 'manager', t.west),
    person(u.repCara, 'cara.rep@dealwise.demo', 'Cara Rep', 'rep', t.west, { managerId: u.managerWest, territory: 'NA-West', timeZone: 'America/Los_Angeles', quarterlyQuotaMinor: 200_000_00 }),
  ]);
  const a = { acme: uuid(21), globex: uuid(22), initech: uuid(23) };
  await db.insert(accounts).values([
    { id: a.acme, name: 'Acme Corp', domain: 'acme.com', industry: 'Manufacturing', employees: 1200, ownerId: u.repAnna, timeZone: 'America/New_York' },
    { id: a.globex, name: 'Globex', domain: 'globex.com', industry: 'Software', employees: 300, ownerId: u.repBen, timeZone: 'America/Chicago' },
    { id: a.initech, name: 'Initech', domain: 'initech.com', industry: 'Finance', employees: 80, ownerId: u.repCara, timeZone: 'America/Los_Angeles' },
  ]);
  const actor = (id: string, role: Actor['role'], teamId: string | null): Actor => ({ userId: id, role, teamId });
  return {
    teams: t,
    users: {
      admin: actor(u.admin, 'admin', null),
      exec: actor(u.exec, 'exec', null),
      managerEast: actor(u.managerEast, 'manager', t.east),
      repAnna: actor(u.repAnna, 'rep', t.east),
      repBen: actor(u.repBen, 'rep', t.east),
      managerWest: actor(u.managerWest, 'manager', t.west),
      repCara: actor(u.repCara, 'rep', t.west),
    },
    accounts: a,
  };
}

export type NewLead = typeof leads.$inferInsert;
export type NewOpportunity = typeof opportunities.$inferInsert;

let counter = 1000;
/** A deterministic uuid for fixture rows a test creates. */
export const fixtureId = () => uuid(++counter);
/** Restarts the fixture ids; test/setup-file.ts calls it before each file, since files share their worker. */
export function resetFixtureIds(): void {
  counter = 1000;
}
