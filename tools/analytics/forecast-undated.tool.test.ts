import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { opportunities } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg, type NewOpportunity } from '../../test/helpers/org.ts';
import { callOk } from '../../test/helpers/tools.ts';
import type { ForecastOutput } from './forecast/schema.ts';

// A store like a CRM export: no deal has an expected close date or a stage history. Now = 2026-06-15T12:00Z.
//   40 past deals created 2026-01-01, closed 2026-01-21: 30 won, 10 lost, 1,000.00 each
//   U, open, discovery, no probability, created 2026-06-05 (10.5 days old), 1,000.00
// this_month = [now, 07-01): a window of 15.5 days. Past deals 10 days old (on 01-11) whose 15.5 days after
// had passed by now and ended after the first close (01-21): all 40, open then, 30 won inside [01-11, 01-26.5):
// q = 0.75 (pooled over ages 7 and 14, the only others with samples: also 0.75), so U is expected at 750.00.
// Before this, U had no date and no probability and was left out: the forecast said 0.00.
// New pipeline: nothing was created and won inside the three 15.5-day windows before now: 0.00.
describe('forecast of deals without expected close dates', () => {
  let store: Store;
  let org: FixtureOrg;
  const now = new Date('2026-06-15T12:00:00Z');

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna } = org.users;
    const deal = (extra: Partial<NewOpportunity>): NewOpportunity => ({ id: fixtureId(), name: 'Deal', ownerId: repAnna.userId, accountId: org.accounts.acme, valueMinor: 1_000_00, createdAt: new Date('2026-01-01T00:00:00Z'), ...extra });
    const closedAt = new Date('2026-01-21T00:00:00Z');
    await store.db.insert(opportunities).values([
      ...Array.from({ length: 30 }, (_, i) => deal({ name: `Won ${i}`, stage: 'closed_won', forecastCategory: 'closed', outcome: 'won', closedAt })),
      ...Array.from({ length: 10 }, (_, i) => deal({ name: `Lost ${i}`, stage: 'closed_lost', forecastCategory: 'closed', outcome: 'lost', closedAt })),
      deal({ name: 'Undated', stage: 'discovery', forecastCategory: 'pipeline', probability: null, expectedCloseDate: null, createdAt: new Date('2026-06-05T00:00:00Z') }),
    ]);
  });
  afterAll(async () => {
    await store.close();
  });

  it('estimates when an undated deal closes from deals of its age, and says so with counts and amounts', async () => {
    for (const closeDates of ['calibrated', 'slips'] as const) {
      const out = await callOk<ForecastOutput>(store.db, org.users.admin, 'forecast', { period: 'this_month', closeDates }, now);
      expect(out.total.expected.amountMinor).toBe(750_00);
      expect(out.total.simulatedDeals).toBe(1);
      const notes = out.notes.join(' ');
      expect(notes).toMatch(/1 open deal\(s\) worth USD 1,000\.00 have no expected close date: when they close was estimated from their age, 1 of them may be won inside the period, adding USD 750\.00 expected/);
      expect(notes).toMatch(/deal-age history of 40 deals closed before 2026-06-15 \(30 won, median won cycle 20 days\)/);
      expect(notes).toMatch(/deals not yet created: USD 0\.00 expected/);
      expect(notes).not.toMatch(/left out/);
      expect(out.total.topDeals[0]).toMatchObject({ name: 'Undated', expectedCloseDate: null, contribution: { amountMinor: 750_00 } });
    }
  });
});
