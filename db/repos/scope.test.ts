import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsPlace, placeOf } from '../../core/territory.ts';
import type { Store } from '../client.ts';
import { accounts, leads } from '../schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call } from '../../test/helpers/tools.ts';
import { leadInScope, loadScope } from './scope.ts';
import { teamTerritories, unassignedLeadsIn } from './unassigned-leads.ts';

const place = (facts: Partial<Parameters<typeof placeOf>[0]>) => placeOf({ timeZone: null, accountTimeZone: null, region: null, country: null, ...facts });

describe('which territory claims a place', () => {
  it('matches territories exactly, whole regions broadly, and parts of a region only where nothing finer is known', () => {
    const newYork = place({ accountTimeZone: 'America/New_York' });
    const berlin = place({ timeZone: 'Europe/Berlin' });
    const northAmerica = place({ region: 'North America' });
    expect(claimsPlace('NA-East', newYork)).toBe(true);
    expect(claimsPlace('NA-West', newYork)).toBe(false);
    expect(claimsPlace('North America', newYork)).toBe(true);
    expect(claimsPlace('NA-East', northAmerica)).toBe(true);
    expect(claimsPlace('NA-West', northAmerica)).toBe(true);
    expect(claimsPlace('EMEA', berlin)).toBe(true);
    expect(claimsPlace('NA-East', berlin)).toBe(false);
    expect(claimsPlace('Global', berlin)).toBe(true);
    expect(claimsPlace('NA-East', place({}))).toBe(false);
    expect(claimsPlace(null, newYork)).toBe(false);
  });
});

describe('managers see and route the unassigned leads of their territory', () => {
  let store: Store;
  let org: FixtureOrg;
  const east = fixtureId(); // unowned, at Acme (America/New_York -> NA-East)
  const west = fixtureId(); // unowned, at Initech (America/Los_Angeles -> NA-West)
  const berlin = fixtureId(); // unowned, no account, lead in Europe/Berlin (EMEA: no team covers it)
  const anywhereNa = fixtureId(); // unowned, at an account known only as "North America"
  const owned = fixtureId(); // owned by Cara (West)

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const [na] = await store.db.insert(accounts).values({ name: 'Northwind', region: 'North America' }).returning({ id: accounts.id });
    await store.db.insert(leads).values([
      { id: east, fullName: 'Eve East', email: 'eve@acme.com', accountId: org.accounts.acme },
      { id: west, fullName: 'Walt West', email: 'walt@initech.com', accountId: org.accounts.initech },
      { id: berlin, fullName: 'Bea Berlin', email: 'bea@example.de', timeZone: 'Europe/Berlin' },
      { id: anywhereNa, fullName: 'Nia North', email: 'nia@northwind.com', accountId: na!.id },
      { id: owned, fullName: 'Olga Owned', email: 'olga@initech.com', accountId: org.accounts.initech, ownerId: org.users.repCara.userId },
    ]);
  });
  afterAll(() => store.close());

  it('puts them in the manager\'s scope, not a rep\'s', async () => {
    expect(await teamTerritories(store.db, org.teams.east)).toEqual(['NA-East']);
    expect((await unassignedLeadsIn(store.db, ['NA-East'])).sort()).toEqual([east, anywhereNa].sort());
    const eastScope = await loadScope(store.db, org.users.managerEast);
    expect(eastScope.kind === 'owners' && eastScope.unassignedLeadIds?.sort()).toEqual([east, anywhereNa].sort());
    expect(leadInScope(eastScope, { id: east, ownerId: null })).toBe(true);
    expect(leadInScope(eastScope, { id: west, ownerId: null })).toBe(false);
    const rep = await loadScope(store.db, org.users.repAnna);
    expect(rep).toEqual({ kind: 'owners', userIds: [org.users.repAnna.userId] });
  });

  it('shows them in the manager\'s searches; the EMEA lead stays for an admin', async () => {
    const names = async (actor: FixtureOrg['users'][keyof FixtureOrg['users']]) => {
      const result = await call(store.db, actor, 'lead_search', { limit: 100 });
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return (result.data as { leads: { fullName: string }[] }).leads.map((l) => l.fullName).sort();
    };
    expect(await names(org.users.managerEast)).toEqual(['Eve East', 'Nia North']);
    expect(await names(org.users.managerWest)).toEqual(['Nia North', 'Olga Owned', 'Walt West']);
    expect(await names(org.users.repAnna)).toEqual([]);
    expect(await names(org.users.admin)).toContain('Bea Berlin');
  });

  it('lets the manager assign one to a rep of the team, after which the other team no longer sees it', async () => {
    const assigned = await call(store.db, org.users.managerEast, 'lead_assign', { lead: 'Nia North' });
    expect(assigned).toMatchObject({ ok: true, data: { leadId: anywhereNa, previousOwnerId: null, changed: true } });
    const [row] = await store.db.select({ ownerId: leads.ownerId }).from(leads).where(eq(leads.id, anywhereNa));
    expect([org.users.repAnna.userId, org.users.repBen.userId]).toContain(row?.ownerId);
    const westSees = await call(store.db, org.users.managerWest, 'lead_search', { query: 'Nia North' });
    expect(westSees).toMatchObject({ ok: true, data: { page: { total: 0 } } });
    // a lead outside the team's territory is not found, as any record outside scope
    expect(await call(store.db, org.users.managerEast, 'lead_assign', { lead: 'walt@initech.com' })).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
  });

  it('lets the manager move an unassigned lead through its stages', async () => {
    const staged = await call(store.db, org.users.managerEast, 'lead_set_stage', { lead: 'eve@acme.com', stage: 'contacted', reason: 'called from the team inbox' });
    expect(staged).toMatchObject({ ok: true, data: { leadId: east, from: 'new', to: 'contacted' } });
  });

});
