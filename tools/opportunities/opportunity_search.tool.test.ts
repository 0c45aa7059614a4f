import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { opportunities } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface SearchOut {
  opportunities: { id: string; name: string; daysInStage: number; stage: string; value: { amountMinor: number; currency: string } }[];
  page: { total: number; limit: number; offset: number; hasMore: boolean };
}

describe('opportunity_search', () => {
  let store: Store;
  let org: FixtureOrg;
  const [d1, d2, d3, d4, d5] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  // ORG_NOW is 2026-06-15T12:00Z, so a deal that entered its stage at noon N days earlier has been there exactly N days.
  const daysAgo = (n: number) => new Date(Date.UTC(2026, 5, 15 - n, 12));

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna, repBen, repCara } = org.users;
    const { acme, globex, initech } = org.accounts;
    await store.db.insert(opportunities).values([
      { id: d1, name: 'Acme Platform', accountId: acme, ownerId: repAnna.userId, stage: 'proposal', valueMinor: 50_000_00, expectedCloseDate: '2026-07-10', stageEnteredAt: daysAgo(30) },
      { id: d2, name: 'Acme Support', accountId: acme, ownerId: repAnna.userId, stage: 'discovery', valueMinor: 10_000_00, expectedCloseDate: '2026-06-30', stageEnteredAt: daysAgo(10) },
      {
        id: d3, name: 'Globex Pilot', accountId: globex, ownerId: repAnna.userId, stage: 'closed_won', valueMinor: 20_000_00, expectedCloseDate: null,
        stageEnteredAt: daysAgo(14), closedAt: daysAgo(14), outcome: 'won', forecastCategory: 'closed',
      },
      { id: d4, name: 'Globex Core', accountId: globex, ownerId: repBen.userId, stage: 'negotiation', valueMinor: 80_000_00, expectedCloseDate: '2026-07-01', stageEnteredAt: daysAgo(60) },
      { id: d5, name: 'Initech Ledger', accountId: initech, ownerId: repCara.userId, stage: 'proposal', valueMinor: 30_000_00, expectedCloseDate: '2026-08-01', stageEnteredAt: daysAgo(1) },
    ]);
  });
  afterAll(() => store.close());

  const ids = async (actor: keyof FixtureOrg['users'], input: Record<string, unknown>) =>
    (await callOk<SearchOut>(store.db, org.users[actor], 'opportunity_search', input)).opportunities.map((o) => o.id);

  it('sorts by expected close date, soonest first, undated last, with days in stage as of now', async () => {
    const out = await callOk<SearchOut>(store.db, org.users.admin, 'opportunity_search', {});
    expect(out.opportunities.map((o) => o.id)).toEqual([d2, d4, d1, d5, d3]);
    expect(out.opportunities.map((o) => o.daysInStage)).toEqual([10, 60, 30, 1, 14]);
    expect(out.page).toEqual({ total: 5, limit: 20, offset: 0, hasMore: false });
  });

  it('shows a rep only their own deals and a manager the team\'s', async () => {
    expect(await ids('repAnna', {})).toEqual([d2, d1, d3]);
    expect(await ids('managerEast', {})).toEqual([d2, d4, d1, d3]);
    expect(await ids('repCara', { account: 'Acme Corp' })).toEqual([]);
  });

  it('filters by stages, open/closed, owner, account, value and close ranges, text', async () => {
    expect(await ids('admin', { stages: ['proposal', 'negotiation'] })).toEqual([d4, d1, d5]);
    expect(await ids('admin', { status: 'open' })).toEqual([d2, d4, d1, d5]);
    expect(await ids('admin', { status: 'closed' })).toEqual([d3]);
    expect(await ids('admin', { owner: 'Ben Rep' })).toEqual([d4]);
    expect(await ids('admin', { account: 'globex' })).toEqual([d4, d3]);
    // 20,000.00 <= value <= 50,000.00: d1 (50k), d5 (30k), d3 (20k)
    expect(await ids('admin', { valueMin: 20_000_00, valueMax: 50_000_00 })).toEqual([d1, d5, d3]);
    expect(await ids('admin', { from: '2026-07-01', to: '2026-07-31' })).toEqual([d4, d1]);
    // the same July as a period, named and relative to now (2026-06-15)
    expect(await ids('admin', { period: '2026-07' })).toEqual([d4, d1]);
    expect(await ids('admin', { period: 'next_month' })).toEqual([d4, d1]);
    expect(await ids('admin', { query: 'acme' })).toEqual([d2, d1]);
  });

  it('filters by minimum days in the current stage (a deal at exactly the limit counts)', async () => {
    expect(await ids('admin', { minDaysInStage: 30 })).toEqual([d4, d1]);
    expect(await ids('admin', { minDaysInStage: 30.1 })).toEqual([d4]);
  });

  it('sorts by value and by days in stage, and pages', async () => {
    expect(await ids('admin', { sort: 'value', direction: 'desc' })).toEqual([d4, d1, d5, d3, d2]);
    expect(await ids('admin', { sort: 'days_in_stage', direction: 'desc' })).toEqual([d4, d1, d3, d2, d5]);
    const page = await callOk<SearchOut>(store.db, org.users.admin, 'opportunity_search', { limit: 2, offset: 2 });
    expect(page.opportunities.map((o) => o.id)).toEqual([d1, d5]);
    expect(page.page).toEqual({ total: 5, limit: 2, offset: 2, hasMore: true });
  });

  it('names bad filters', async () => {
    const inverted = await call(store.db, org.users.admin, 'opportunity_search', { valueMin: 10, valueMax: 5 });
    expect(inverted).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'valueMin' }] } });
    const stage = await call(store.db, org.users.admin, 'opportunity_search', { stages: ['won'], from: '15/06/2026' });
    expect(stage.ok).toBe(false);
    if (!stage.ok) expect(stage.error.issues?.map((i) => i.field).sort()).toEqual(['from', 'stages.0']);
    const both = await call(store.db, org.users.admin, 'opportunity_search', { period: '2026-07', from: '2026-07-01' });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'period', message: 'give either period or from/to, not both' }] } });
    const owner = await call(store.db, org.users.admin, 'opportunity_search', { owner: 'Nobody Atall' });
    expect(owner).toMatchObject({ ok: false, error: { code: 'not_found:user' } });
  });
});
