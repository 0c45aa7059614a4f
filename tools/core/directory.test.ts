import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { leads, opportunities } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../test/helpers/org.ts';
import { createEntityDirectory } from './directory.ts';

describe('entity directory', () => {
  let store: Store;
  let org: FixtureOrg;

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna, repBen, repCara } = org.users;
    await store.db.insert(leads).values([
      { fullName: 'Dana Ruiz', firstName: 'Dana', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: repAnna.userId, lifecycleStage: 'qualified' },
      { fullName: 'Ben Lead', ownerId: repBen.userId },
      { fullName: 'Cara Lead', ownerId: repCara.userId },
      { fullName: 'Old Dupe', ownerId: repAnna.userId, status: 'merged' },
    ]);
    await store.db.insert(opportunities).values([{ name: 'Acme - Data Connect', accountId: org.accounts.acme, ownerId: repAnna.userId, valueMinor: 4_200_000, stage: 'proposal' }]);
  });
  afterAll(() => store.close());

  it('lists what the caller may see, scoped like the resolver, with aliases and a detail', async () => {
    const anna = await createEntityDirectory({ db: store.db }, org.users.repAnna).names(['lead', 'opportunity']);
    expect(anna).toEqual([
      { kind: 'lead', id: expect.any(String), name: 'Dana Ruiz', aliases: ['dana@acme.com', 'Dana'], detail: 'Acme Corp, qualified' },
      { kind: 'opportunity', id: expect.any(String), name: 'Acme - Data Connect', aliases: ['Acme Corp'], detail: 'proposal, $42,000' },
    ]);
    const east = await createEntityDirectory({ db: store.db }, org.users.managerEast).names(['lead']);
    expect(east.map((e) => e.name).sort()).toEqual(['Ben Lead', 'Dana Ruiz']);
    const exec = await createEntityDirectory({ db: store.db }, org.users.exec).names(['lead']);
    expect(exec.map((e) => e.name).sort()).toEqual(['Ben Lead', 'Cara Lead', 'Dana Ruiz']);
    // reps, accounts and teams are organisation-wide, as in the resolver
    const others = await createEntityDirectory({ db: store.db }, org.users.repAnna).names(['user', 'account', 'team']);
    expect(others.filter((e) => e.kind === 'team').map((e) => e.name).sort()).toEqual(['East', 'West']);
    expect(others.filter((e) => e.kind === 'account')).toHaveLength(3);
    expect(others.find((e) => e.name === 'Cara Rep')).toMatchObject({ kind: 'user', aliases: ['cara.rep@dealwise.demo'], detail: 'rep' });
  });

  it('caches per caller until the TTL runs out or it is invalidated', async () => {
    let now = 0;
    const directory = createEntityDirectory({ db: store.db, clock: () => now }, org.users.repAnna);
    const first = await directory.names();
    await store.db.insert(leads).values({ fullName: 'New Person', ownerId: org.users.repAnna.userId });
    expect(await directory.names()).toBe(first);
    now = 61_000;
    expect((await directory.names()).some((e) => e.name === 'New Person')).toBe(true);
    await store.db.insert(leads).values({ fullName: 'Newer Person', ownerId: org.users.repAnna.userId });
    directory.invalidate();
    expect((await directory.names()).some((e) => e.name === 'Newer Person')).toBe(true);
  });
});
