import { eq, sql } from 'drizzle-orm';
import { rows } from '../db/rows.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../core/embeddings/index.ts';
import type { Store } from '../db/client.ts';
import { findUserByEmail, type Actor } from '../db/repos/scope.ts';
import { seedDemoOrg } from '../db/seed/index.ts';
import { users } from '../db/schema/index.ts';
import { createTestStore } from '../test/helpers/db.ts';
import { callOk } from '../test/helpers/tools.ts';
import type { CampaignRoiOutput } from '../tools/analytics/campaign-roi-schema.ts';
import type { EngagementOutput } from '../tools/analytics/engagement-schema.ts';

// campaign_roi and engagement_insights on the demo org (seed 42, scale 0.25): the generator plants
// effects the tools must find: variant B really is better in both A/B tests (30% vs 46% opens,
// 4% vs 15% replies), mail sent mid-morning in the recipient's zone is opened more, and one campaign
// (organic content) costs nothing.

const NOW = new Date('2026-06-15T12:00:00Z');
let store: Store;
let admin: Actor;

beforeAll(async () => {
  store = await createTestStore();
  await seedDemoOrg(store.db, { seed: 42, scale: 0.25, now: NOW, embedder: createLocalEmbedder() });
  const [row] = await store.db.select({ email: users.email }).from(users).where(eq(users.role, 'admin')).limit(1);
  admin = (await findUserByEmail(store.db, row!.email))!;
});
afterAll(() => store?.close());

describe('analytics tools on the demo org', () => {
  it('finds the planted A/B winners, the mid-morning send hour and the planted no-shows', async () => {
    const out = await callOk<EngagementOutput>(store.db, admin, 'engagement_insights', {}, NOW);
    expect(out.abTests).toHaveLength(2);
    for (const test of out.abTests) {
      expect(test.winner, test.name).toBe('B');
      expect(test.pValue!, test.name).toBeLessThan(0.05);
      expect(test.confidenceInterval!.lowerPoints, test.name).toBeGreaterThan(0);
    }
    const best = out.sendTimes.bestHour.open!;
    expect(best.slot).toBeGreaterThanOrEqual(8);
    expect(best.slot).toBeLessThanOrEqual(11);
    const evening = out.sendTimes.byHour.filter((h) => h.slot >= 18 && h.slot <= 20 && !h.smallSample);
    expect(evening.length).toBeGreaterThan(0);
    for (const h of evening) expect(h.openRate!).toBeLessThan(best.rate);
    // the generator makes about 8-15% of meetings no-shows; the rate must equal a direct count
    const [counts] = await rows<{ held: number; total: number }>(
      store.db,
      sql`select count(*) filter (where outcome is distinct from 'no_show' and outcome is distinct from 'cancelled')::int as held, count(*)::int as total
          from interactions where type = 'meeting' and occurred_at <= ${NOW.toISOString()}::timestamptz`,
    );
    expect(out.meetings.showRate).toBe(Math.round((counts!.held / counts!.total) * 1000) / 10);
    expect(out.meetings.showRate!).toBeLessThan(95.5);
    expect(out.meetings.showRate!).toBeGreaterThan(80);
    expect(out.objections.items.length).toBeGreaterThan(3);
    expectFiniteNumbers(out);
  });

  it('flags the zero-cost campaign and keeps revenue consistent', async () => {
    const out = await callOk<CampaignRoiOutput>(store.db, admin, 'campaign_roi', { limit: 100 }, NOW);
    const organic = out.campaigns.find((c) => c.cost?.amountMinor === 0)!;
    expect(organic.roiPct).toEqual({ firstTouch: null, anyTouch: null, linear: null });
    expect(organic.flags).toContain('zero cost: ROI undefined');
    // first-touch credit plus the unattributed rest is all won revenue; linear shares add up to the same credit
    const t = out.totals;
    expect(t.attributedRevenue.amountMinor + t.unattributedRevenue.amountMinor).toBe(t.wonRevenue.amountMinor);
    const linear = out.campaigns.reduce((s, c) => s + c.revenue.linear.amountMinor, 0);
    expect(Math.abs(linear - t.attributedRevenue.amountMinor)).toBeLessThanOrEqual(out.campaigns.length);
    // any-touch double counts: never less than first touch
    for (const c of out.campaigns) expect(c.revenue.anyTouch.amountMinor).toBeGreaterThanOrEqual(c.revenue.firstTouch.amountMinor);
    expectFiniteNumbers(out);
    expectFiniteNumbers(await callOk(store.db, admin, 'campaign_roi', { period: 'last_quarter' }, NOW));
  });
});

function expectFiniteNumbers(value: unknown, path = '$'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (Array.isArray(value)) value.forEach((v, i) => expectFiniteNumbers(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectFiniteNumbers(v, `${path}.${k}`);
}
