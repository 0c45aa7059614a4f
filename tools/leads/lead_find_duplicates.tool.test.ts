import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { leads } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface DupOut {
  pairs: { a: { id: string }; b: { id: string }; similarity: number; matches: { field: string; detail: string }[] }[];
  page: { total: number; hasMore: boolean };
  capped: boolean;
  evidence: { sourceId: string }[];
}

const ids = (out: DupOut) => out.pairs.map((p) => [p.a.id, p.b.id, p.similarity, p.matches.map((m) => m.field)]);

describe('lead_find_duplicates', () => {
  let store: Store;
  let org: FixtureOrg;
  const [dana1, dana2, danaCara, gmail1, gmail2, phone1, phone2, sam1, sam2, kim1, kim2, samBen] = Array.from({ length: 12 }, () => fixtureId()) as [
    string, string, string, string, string, string, string, string, string, string, string, string,
  ];

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    const { acme, globex, initech } = org.accounts;
    const day = (d: number) => new Date(Date.UTC(2026, 0, d));
    await store.db.insert(leads).values([
      { id: dana1, fullName: 'Dana Ruiz', email: 'dana.ruiz@acme.com', phone: '+1 (212) 555-0101', accountId: acme, ownerId: anna, createdAt: day(1) },
      { id: dana2, fullName: 'Dana Ruiz', email: 'Dana.Ruiz@ACME.com', phone: '212.555.0101', accountId: acme, ownerId: anna, createdAt: day(2) },
      { id: danaCara, fullName: 'Dana Ruiz', email: 'dana.ruiz@acme.com', accountId: acme, ownerId: org.users.repCara.userId, createdAt: day(3) },
      { id: gmail1, fullName: 'Jon Smith', email: 'jon.smith@gmail.com', ownerId: anna, createdAt: day(4) },
      { id: gmail2, fullName: 'Jon Smith', email: 'JonSmith+crm@gmail.com', ownerId: anna, createdAt: day(5) },
      { id: phone1, fullName: 'Lee Park', phone: '555-123-4567', accountId: globex, ownerId: anna, createdAt: day(6) },
      { id: phone2, fullName: 'Lee Parks', phone: '(555) 123 4567', accountId: initech, ownerId: anna, createdAt: day(7) },
      { id: sam1, fullName: 'Sam Lee', email: 'sam@acme.com', accountId: acme, ownerId: anna, createdAt: day(8) },
      { id: sam2, fullName: 'Sam Leee', email: 's.lee@acme.com', accountId: acme, ownerId: anna, createdAt: day(9) },
      { id: kim1, fullName: 'Kim Wu', email: 'kim@umbrella.io', ownerId: anna, createdAt: day(10) },
      { id: kim2, fullName: 'Kim Wuu', email: 'kwu@umbrella.io', ownerId: anna, createdAt: day(11) },
      // the same name at another company is a different person
      { id: samBen, fullName: 'Sam Lee', email: 'sam@globex.com', accountId: globex, ownerId: org.users.repBen.userId, createdAt: day(12) },
    ]);
  });
  afterAll(() => store.close());

  it('scores every kind of match by hand, best first, within the rep\'s scope', async () => {
    const out = await callOk<DupOut>(store.db, org.users.repAnna, 'lead_find_duplicates', {});
    expect(ids(out)).toEqual([
      // email (case) + phone (last 10 digits 2125550101) + identical names at Acme: 1 - 0.1 * 0.3 * (1 - 1 * 0.9) = 0.997
      [dana1, dana2, 0.997, ['email', 'phone', 'name']],
      // gmail ignores dots and +tags: jonsmith@gmail.com both; names alike but no account and a free-mail domain: 0.9
      [gmail1, gmail2, 0.9, ['email']],
      // "sam lee" / "sam leee" trigrams 8 of 9 = 0.889, same account: 0.889 * 0.9 = 0.8
      [sam1, sam2, 0.8, ['name']],
      // phone only (5551234567); the names are at different companies: 0.7
      [phone1, phone2, 0.7, ['phone']],
      // "kim wu" / "kim wuu" trigrams 6 of 9 = 0.667, same domain umbrella.io only: 0.667 * 0.8 = 0.533
      [kim1, kim2, 0.533, ['name']],
    ]);
    expect(out.page).toMatchObject({ total: 5, hasMore: false });
    expect(out.capped).toBe(false);
    expect(out.pairs[0]?.matches[1]?.detail).toBe('same phone: +1 (212) 555-0101 / 212.555.0101');
    expect(out.evidence.map((e) => e.sourceId)).toEqual([dana2, gmail2, sam2, phone2, kim2]);
  });

  it('filters by similarity and by lead, and pages', async () => {
    const strong = await callOk<DupOut>(store.db, org.users.repAnna, 'lead_find_duplicates', { minSimilarity: 0.75, limit: 2 });
    expect(strong.pairs.map((p) => p.similarity)).toEqual([0.997, 0.9]);
    expect(strong.page).toMatchObject({ total: 3, hasMore: true });
    const kim = await callOk<DupOut>(store.db, org.users.repAnna, 'lead_find_duplicates', { lead: 'kim@umbrella.io' });
    expect(ids(kim)).toEqual([[kim1, kim2, 0.533, ['name']]]);
  });

  it('shows cross-owner pairs only to whom sees both sides', async () => {
    const admin = await callOk<DupOut>(store.db, org.users.admin, 'lead_find_duplicates', { lead: danaCara });
    // same email and name at Acme, no phone on Cara's record: 1 - 0.1 * 1 * 0.1 = 0.99 with each Anna record
    expect(ids(admin).sort()).toEqual([[dana1, danaCara, 0.99, ['email', 'name']], [dana2, danaCara, 0.99, ['email', 'name']]].sort());
    const cara = await callOk<DupOut>(store.db, org.users.repCara, 'lead_find_duplicates', {});
    expect(cara.pairs).toEqual([]);
    expect(await call(store.db, org.users.repAnna, 'lead_find_duplicates', { lead: danaCara })).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
    expect(await call(store.db, org.users.repAnna, 'lead_find_duplicates', { minSimilarity: 2 })).toMatchObject({ ok: false, error: { issues: [{ field: 'minSimilarity' }] } });
  });
});
