import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client.ts';
import { leadFieldHistory, leads } from '../schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import { valueAsOf } from './lead-field-history.ts';
import { leadSignals } from './lead-signals.ts';

const at = (iso: string) => new Date(iso);

describe('a field value as of an instant', () => {
  const changes = [
    { changedAt: at('2026-03-01T00:00:00Z'), oldValue: null, newValue: 100 },
    { changedAt: at('2026-05-01T00:00:00Z'), oldValue: 100, newValue: 250 },
  ];
  it('takes the last change at or before it, the old value of the first later change, or the current value', () => {
    expect(valueAsOf(changes, 250, at('2026-02-01T00:00:00Z'))).toBeNull();
    expect(valueAsOf(changes, 250, at('2026-03-01T00:00:00Z'))).toBe(100);
    expect(valueAsOf(changes, 250, at('2026-04-30T23:59:59Z'))).toBe(100);
    expect(valueAsOf(changes, 250, at('2026-06-01T00:00:00Z'))).toBe(250);
    expect(valueAsOf([], 7, at('2020-01-01T00:00:00Z'))).toBe(7);
  });
});

describe('lead field history from the writers', () => {
  let store: Store;
  let org: FixtureOrg;
  const dana = fixtureId();
  const history = async (leadId: string) =>
    (await store.db.select().from(leadFieldHistory).where(eq(leadFieldHistory.leadId, leadId)).orderBy(asc(leadFieldHistory.changedAt), asc(leadFieldHistory.field)))
      .map((h) => [h.field, h.oldValue, h.newValue, h.changedById, h.changedAt.toISOString()]);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(leads).values({ id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, createdAt: at('2026-01-10T00:00:00Z') });
  });
  afterAll(() => store.close());

  it('records what lead_upsert changes, once, by whom and when; nothing for a no-op or a dry run', async () => {
    const may = at('2026-05-01T12:00:00Z');
    await callOk(store.db, org.users.repAnna, 'lead_upsert', { lead: dana, budgetMinMinor: 10_000_00, budgetMaxMinor: 20_000_00, isDecisionMaker: true, title: 'COO' }, may);
    await callOk(store.db, org.users.repAnna, 'lead_upsert', { lead: dana, budgetMinMinor: 10_000_00 }, ORG_NOW);
    await callOk(store.db, org.users.repAnna, 'lead_upsert', { lead: dana, budgetMaxMinor: 99_000_00, dryRun: true }, ORG_NOW);
    const anna = org.users.repAnna.userId;
    expect(await history(dana)).toEqual([
      ['budgetMaxMinor', null, 20_000_00, anna, may.toISOString()],
      ['budgetMinMinor', null, 10_000_00, anna, may.toISOString()],
      ['isDecisionMaker', false, true, anna, may.toISOString()],
      ['title', null, 'COO', anna, may.toISOString()],
    ]);
  });

  it('records the owner lead_assign sets and the status lead_qualify sets', async () => {
    const before = (await history(dana)).length;
    const assigned = await call(store.db, org.users.managerEast, 'lead_assign', { lead: dana, strategy: 'round_robin' });
    expect(assigned.ok).toBe(true);
    const rows = (await history(dana)).slice(before);
    if (assigned.ok && (assigned.data as { changed: boolean }).changed) {
      expect(rows).toEqual([['ownerId', org.users.repAnna.userId, (assigned.data as { chosen: { userId: string } }).chosen.userId, org.users.managerEast.userId, ORG_NOW.toISOString()]]);
    } else {
      expect(rows).toEqual([]);
    }
    const qualified = await call(store.db, org.users.admin, 'lead_qualify', { lead: dana });
    expect(qualified.ok).toBe(true);
    const status = (await history(dana)).filter((h) => h[0] === 'qualificationStatus');
    const [row] = await store.db.select({ q: leads.qualificationStatus }).from(leads).where(eq(leads.id, dana));
    expect(status).toEqual(row?.q === 'not_started' ? [] : [['qualificationStatus', 'not_started', row?.q, org.users.admin.userId, ORG_NOW.toISOString()]]);
  });

  it('gives scoring the record fields as they stood: no budget before May, the budget after', async () => {
    const [april] = await leadSignals(store.db, { kind: 'all' }, [{ leadId: dana, asOf: at('2026-04-15T00:00:00Z') }]);
    const [june] = await leadSignals(store.db, { kind: 'all' }, [{ leadId: dana, asOf: at('2026-06-01T00:00:00Z') }]);
    expect([april?.budgetMinMinor, april?.budgetMaxMinor, april?.isDecisionMaker]).toEqual([null, null, false]);
    expect([june?.budgetMinMinor, june?.budgetMaxMinor, june?.isDecisionMaker]).toEqual([10_000_00, 20_000_00, true]);
  });
});
