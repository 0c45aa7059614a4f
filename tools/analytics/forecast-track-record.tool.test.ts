import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { opportunities } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg, type NewOpportunity } from '../../test/helpers/org.ts';
import { callOk } from '../../test/helpers/tools.ts';
import type { ForecastOutput } from './forecast/schema.ts';

// A CRM export with no expected close dates and half a year of history. Now = 2026-06-15T12:00Z, June.
//   40 deals created 2025-10-01, closed 2025-10-21 (30 won, 10 lost), 1,000.00 each: the first close;
//   each month December to May, 2 deals created on the 1st and won on the 20th (1,000.00 each);
//   U, open, created 2026-06-05, no date, no probability.
// Each of the six previous months replayed as of its 15th 12:00 had its window end before now, after the
// first close, with revenue in it (the wins of the 20th): the forecast is blended with the trailing run rate.
describe('forecast of an undated pipeline with a track record', () => {
  let store: Store;
  let org: FixtureOrg;
  const now = new Date('2026-06-15T12:00:00Z');

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const deal = (extra: Partial<NewOpportunity>): NewOpportunity => ({ id: fixtureId(), name: 'Deal', ownerId: org.users.repAnna.userId, accountId: org.accounts.acme, valueMinor: 1_000_00, ...extra });
    const won = (created: string, closed: string, name: string) =>
      deal({ name, stage: 'closed_won', forecastCategory: 'closed', outcome: 'won', createdAt: new Date(`${created}T00:00:00Z`), closedAt: new Date(`${closed}T00:00:00Z`) });
    const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
    await store.db.insert(opportunities).values([
      ...Array.from({ length: 30 }, (_, i) => won('2025-10-01', '2025-10-21', `Won ${i}`)),
      ...Array.from({ length: 10 }, (_, i) => deal({ name: `Lost ${i}`, stage: 'closed_lost', forecastCategory: 'closed', outcome: 'lost', createdAt: new Date('2025-10-01T00:00:00Z'), closedAt: new Date('2025-10-21T00:00:00Z') })),
      ...months.flatMap((m) => [won(`${m}-01`, `${m}-20`, `${m} a`), won(`${m}-01`, `${m}-20`, `${m} b`)]),
      deal({ name: 'Undated', stage: 'discovery', forecastCategory: 'pipeline', probability: null, expectedCloseDate: null, createdAt: new Date('2026-06-05T00:00:00Z') }),
    ]);
  });
  afterAll(async () => {
    await store.close();
  });

  it('blends with the trailing run rate, says how, and keeps P10 <= P50 <= P90', async () => {
    const out = await callOk<ForecastOutput>(store.db, org.users.admin, 'forecast', { period: 'this_month' }, now);
    const notes = out.notes.join(' ');
    // trailing run rate: the three 15.5-day windows before now hold the May 20th wins only: 2,000.00 / 3
    expect(notes).toMatch(/blends the forecast above \(USD [\d,.]+ still to win\) with the trailing run rate \(USD 666\.67 won per equal window over the last 3\)/);
    expect(notes).toMatch(/as of the same point of the 6 previous period\(s\)/);
    const { p10, p50, p90, expected } = out.total;
    expect(p10.amountMinor).toBeLessThanOrEqual(p50.amountMinor);
    expect(p50.amountMinor).toBeLessThanOrEqual(p90.amountMinor);
    expect(expected.amountMinor).toBeGreaterThan(0);
    // the same call with the same seed gives the same figures
    const again = await callOk<ForecastOutput>(store.db, org.users.admin, 'forecast', { period: 'this_month' }, now);
    expect(again.total).toEqual(out.total);
  });
});
