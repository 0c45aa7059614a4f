import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { opportunities, opportunityStageHistory, products } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { ago, closedAs } from '../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface StageOut {
  stage: string;
  count: number;
  totalValue: { amountMinor: number };
  weightedValue: { amountMinor: number };
  probabilitySource: { stored: number; stageWinRate: number; none: number };
  stageWinRate: number | null;
  stageWinRateSample: number;
  averageDaysInStage: number | null;
  p80Days: number | null;
  stuckCount: number | null;
  note: string | null;
}
interface SummaryOut {
  stages: StageOut[];
  totals: { count: number; totalValue: { amountMinor: number }; weightedValue: { amountMinor: number }; stuckCount: number; averageDaysInStage: number | null };
  otherCurrencyDeals: number;
  evidence: { sourceId: string; quote: string }[];
}

// History (all before now = 2026-06-15T12:00Z), org-wide:
//   H1: discovery 5 days, proposal 10 days, won      H2: proposal 20 days, won     H3: proposal 30 days, won
//   H4: proposal 40 days, lost                       H5: proposal 50 days, lost    H6: discovery 5 days, lost
// proposal: completed stays [10, 20, 30, 40, 50]; p80 (percentile_cont) at position (5 - 1) x 0.8 = 3.2,
//   = 40 + 0.2 x (50 - 40) = 42 days. Win rate of deals that passed through it: H1-H3 won, H4-H5 lost = 3/5 = 60%.
// discovery: 2 completed stays (H1, H6) < 5, so no p80 (stuck unknown); win rate 1 won (H1) of 2 = 50%.
// Open deals:
//   P1 proposal 10,000.00 p=50  in stage 50 days (stuck: 50 > 42)    owner Anna
//   P2 proposal 20,000.00 p=null in stage 43 days (stuck: 43 > 42)   owner Anna -> weighted with 60%
//   P3 proposal 30,000.00 p=20  in stage 10 days                     owner Ben, product Core Platform
//   D1 discovery 5,000.00 p=null in stage 100 days                   owner Anna -> weighted with 50%
//   D2 discovery 15,000.00 p=10  in stage 2 days                     owner Cara (team West)
//   E1 proposal EUR 99,000.00 (other currency, not summed)           owner Anna
describe('pipeline_summary', () => {
  let store: Store;
  let org: FixtureOrg;
  const [p1, p2, p3, d1, d2, e1] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const core = fixtureId();
  const t0 = Date.UTC(2026, 0, 5, 12);
  const day = (n: number) => new Date(t0 + n * 86_400_000);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna, repBen, repCara } = org.users;
    const { acme, globex, initech } = org.accounts;
    await store.db.insert(products).values([{ id: core, name: 'Core Platform' }, { name: 'Unused Add-on' }]);
    const closed = (stays: [string, number][], won: boolean) => {
      const id = fixtureId();
      let at = 0;
      const history = stays.map(([stage, days], i) => {
        const row = { opportunityId: id, fromStage: (i === 0 ? null : stays[i - 1]![0]) as never, toStage: stage as never, changedAt: day(at) };
        at += days;
        return row;
      });
      history.push({ opportunityId: id, fromStage: stays.at(-1)![0] as never, toStage: (won ? 'closed_won' : 'closed_lost') as never, changedAt: day(at) });
      return {
        deal: { id, name: `History ${id.slice(-3)}`, accountId: globex, ownerId: repBen.userId, valueMinor: 1_00, ...closedAs(won ? 'won' : 'lost', day(at)) },
        history,
      };
    };
    const past = [
      closed([['discovery', 5], ['proposal', 10]], true),
      closed([['proposal', 20]], true),
      closed([['proposal', 30]], true),
      closed([['proposal', 40]], false),
      closed([['proposal', 50]], false),
      closed([['discovery', 5]], false),
    ];
    await store.db.insert(opportunities).values([
      ...past.map((p) => p.deal),
      { id: p1, name: 'P1', accountId: acme, ownerId: repAnna.userId, stage: 'proposal', valueMinor: 10_000_00, probability: 50, stageEnteredAt: ago(50), expectedCloseDate: '2026-06-30' },
      { id: p2, name: 'P2', accountId: acme, ownerId: repAnna.userId, stage: 'proposal', valueMinor: 20_000_00, probability: null, stageEnteredAt: ago(43), expectedCloseDate: '2026-07-15' },
      { id: p3, name: 'P3', accountId: globex, ownerId: repBen.userId, productId: core, stage: 'proposal', valueMinor: 30_000_00, probability: 20, stageEnteredAt: ago(10), expectedCloseDate: '2026-08-15' },
      { id: d1, name: 'D1', accountId: acme, ownerId: repAnna.userId, stage: 'discovery', valueMinor: 5_000_00, probability: null, stageEnteredAt: ago(100) },
      { id: d2, name: 'D2', accountId: initech, ownerId: repCara.userId, stage: 'discovery', valueMinor: 15_000_00, probability: 10, stageEnteredAt: ago(2), expectedCloseDate: '2026-07-01' },
      { id: e1, name: 'E1', accountId: acme, ownerId: repAnna.userId, stage: 'proposal', valueMinor: 99_000_00, currency: 'EUR', probability: 50, stageEnteredAt: ago(1) },
    ]);
    await store.db.insert(opportunityStageHistory).values(past.flatMap((p) => p.history));
  });
  afterAll(() => store.close());

  const stage = (out: SummaryOut, name: string) => out.stages.find((s) => s.stage === name)!;

  it('sums each open stage in stage order: count, value, weighted value, age, stuck against the p80', async () => {
    const out = await callOk<SummaryOut>(store.db, org.users.admin, 'pipeline_summary', {});
    expect(out.stages.map((s) => s.stage)).toEqual(['prospecting', 'qualification', 'discovery', 'proposal', 'negotiation']);
    // weighted: 10,000 x 50% + 20,000 x 60% (stage rate) + 30,000 x 20% = 5,000 + 12,000 + 6,000 = 23,000.00
    // average age (50 + 43 + 10) / 3 = 34.33 -> 34.3
    expect(stage(out, 'proposal')).toEqual({
      stage: 'proposal', count: 3, totalValue: { amountMinor: 60_000_00, currency: 'USD' }, weightedValue: { amountMinor: 23_000_00, currency: 'USD' },
      probabilitySource: { stored: 2, stageWinRate: 1, none: 0 }, stageWinRate: 60, stageWinRateSample: 5,
      averageDaysInStage: 34.3, p80Days: 42, stuckCount: 2, note: null,
    });
    // weighted: 5,000 x 50% (stage rate) + 15,000 x 10% = 2,500 + 1,500 = 4,000.00; average (100 + 2) / 2 = 51
    expect(stage(out, 'discovery')).toMatchObject({
      count: 2, totalValue: { amountMinor: 20_000_00 }, weightedValue: { amountMinor: 4_000_00 }, probabilitySource: { stored: 1, stageWinRate: 1, none: 0 },
      stageWinRate: 50, stageWinRateSample: 2, averageDaysInStage: 51, p80Days: null, stuckCount: null,
    });
    expect(stage(out, 'discovery').note).toMatch(/too few completed stays/);
    expect(stage(out, 'negotiation')).toMatchObject({ count: 0, totalValue: { amountMinor: 0 }, averageDaysInStage: null, stuckCount: null });
    // totals: 5 deals, 80,000.00, 27,000.00 weighted, 2 stuck, age (50 + 43 + 10 + 100 + 2) / 5 = 41
    expect(out.totals).toEqual({
      count: 5, totalValue: { amountMinor: 80_000_00, currency: 'USD' }, weightedValue: { amountMinor: 27_000_00, currency: 'USD' }, stuckCount: 2, averageDaysInStage: 41,
    });
    expect(out.otherCurrencyDeals).toBe(1);
    // the most overdue first: P1 at 50/42, then P2 at 43/42
    expect(out.evidence.map((e) => e.sourceId)).toEqual([p1, p2]);
    expect(out.evidence[0]?.quote).toBe('P1 (Acme Corp, USD 10,000.00) has been in proposal 50 days, past the stage\'s p80 of 42 days');
  });

  it('covers only what the caller may see', async () => {
    const anna = await callOk<SummaryOut>(store.db, org.users.repAnna, 'pipeline_summary', {});
    // P1 + P2: 5,000 + 12,000 = 17,000.00; D1: 2,500.00
    expect([stage(anna, 'proposal').count, stage(anna, 'proposal').weightedValue.amountMinor, stage(anna, 'proposal').stuckCount]).toEqual([2, 17_000_00, 2]);
    expect([stage(anna, 'discovery').count, stage(anna, 'discovery').weightedValue.amountMinor]).toEqual([1, 2_500_00]);
    const west = await callOk<SummaryOut>(store.db, org.users.managerWest, 'pipeline_summary', {});
    expect([west.totals.count, west.totals.totalValue.amountMinor, west.totals.stuckCount]).toEqual([1, 15_000_00, 0]);
  });

  it('filters by owner, team, product and expected close range', async () => {
    const ben = await callOk<SummaryOut>(store.db, org.users.admin, 'pipeline_summary', { owner: 'Ben Rep' });
    expect([ben.totals.count, ben.totals.weightedValue.amountMinor]).toEqual([1, 6_000_00]);
    const west = await callOk<SummaryOut>(store.db, org.users.admin, 'pipeline_summary', { team: 'West' });
    expect(west.totals.count).toBe(1);
    const product = await callOk<SummaryOut>(store.db, org.users.admin, 'pipeline_summary', { product: 'Core Platform' });
    expect(product.totals.totalValue.amountMinor).toBe(30_000_00);
    // July closes: P2 (07-15) and D2 (07-01)
    const july = await callOk<SummaryOut>(store.db, org.users.admin, 'pipeline_summary', { from: '2026-07-01', to: '2026-07-31' });
    expect([july.totals.count, july.totals.totalValue.amountMinor, july.totals.stuckCount]).toEqual([2, 35_000_00, 1]);
    const julyByName = await callOk<SummaryOut>(store.db, org.users.admin, 'pipeline_summary', { period: '2026-07' });
    expect(julyByName.totals).toEqual(july.totals);
  });

  it('reports an empty pipeline as zeros and nulls, never NaN', async () => {
    const out = await callOk<SummaryOut>(store.db, org.users.admin, 'pipeline_summary', { product: 'Unused Add-on' });
    expect(out.totals).toEqual({ count: 0, totalValue: { amountMinor: 0, currency: 'USD' }, weightedValue: { amountMinor: 0, currency: 'USD' }, stuckCount: 0, averageDaysInStage: null });
    expect(stage(out, 'proposal')).toMatchObject({ count: 0, averageDaysInStage: null, stuckCount: 0, p80Days: 42 });
    expect(out.evidence).toEqual([]);
  });

  it('sums another currency on request and names bad input', async () => {
    const eur = await callOk<SummaryOut>(store.db, org.users.admin, 'pipeline_summary', { currency: 'eur' });
    expect([eur.totals.count, eur.totals.weightedValue.amountMinor, eur.otherCurrencyDeals]).toEqual([1, 49_500_00, 5]);
    const bad = await call(store.db, org.users.admin, 'pipeline_summary', { currency: 'EURO', from: '2026-08-01', to: '2026-07-01' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'currency' }] } });
    const inverted = await call(store.db, org.users.admin, 'pipeline_summary', { from: '2026-08-01', to: '2026-07-01' });
    expect(inverted).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'from' }] } });
  });
});
