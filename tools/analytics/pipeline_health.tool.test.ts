import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { opportunities, opportunityStageHistory, products, users } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface Money { amountMinor: number; currency: string }
interface StageOut { stage: string; openDeals: number; openValue: Money; meanAgeDays: number | null; entered: number; advanced: number; lost: number; stillOpen: number; conversion: number | null; p50Days: number | null; p80Days: number | null; samples: number; excessDays: number | null }
interface HealthOut {
  period: { label: string };
  velocity: { openDeals: number; averageDealValue: Money | null; won: number; lost: number; winRate: number | null; averageCycleDays: number | null; perDay: Money | null; perMonth: Money | null };
  coverage: { target: Money | null; wonSoFar: Money; remaining: Money | null; pipelineInPeriod: Money; pipelineDeals: number; ratio: number | null };
  stages: StageOut[];
  bottlenecks: { stage: string; excessDays: number; text: string }[];
  otherCurrencyDeals: number;
  notes: string[];
  evidence: { sourceId: string; quote: string }[];
}

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
type Stage = 'prospecting' | 'qualification' | 'discovery' | 'proposal' | 'negotiation' | 'closed_won' | 'closed_lost';

// now = 2026-06-15T12:00Z; lookback 180 days (from 2025-12-17); period 2026-Q2 unless said.
// Closed deals (history dates 2026, UTC midnight; created at the first date unless said):
//   H1 Anna  10,000 discovery 01-01 (5d) -> proposal 01-06 (10d) -> won 01-16      cycle 15
//   H2 Anna  20,000 proposal 02-01 (20d) -> won 02-21                              cycle 20
//   H3 Ben   30,000 proposal 03-01 (30d) -> won 03-31                              cycle 30
//   H4 Ben    5,000 proposal 03-01 (40d) -> lost 04-10
//   H5 Anna   5,000 discovery 01-10 (5d) -> proposal 01-15 (50d) -> lost 03-06
//   H6 Ben    5,000 discovery 01-20 (5d) -> lost 01-25
//   H7 Cara   5,000 discovery 02-10 (5d) -> lost 02-15
//   H8 Ben   50,000 created 04-11, discovery 04-21 (5d) -> won 04-26               cycle 15 (won in Q2)
// Completed stays: discovery [5, 5, 5, 5, 5] -> p50 5, p80 5; proposal [10, 20, 30, 40, 50] -> p50 30, p80 40 + 0.2 x 10 = 42.
// Won 4 (H1 H2 H3 H8), lost 4 -> win rate 50%; cycle (15 + 20 + 30 + 15) / 4 = 20 days.
// Open (USD): O1 Anna proposal 40,000 in stage 50d, close 06-30; O2 Ben proposal 20,000 30d, close 05-20;
//             O3 Anna discovery 30,000 25d, close 07-15; O4 Cara negotiation 10,000 3d, close 06-20; E1 Anna EUR 99,000.
describe('pipeline_health', () => {
  let store: Store;
  let org: FixtureOrg;
  const dan = fixtureId();
  const o3 = fixtureId();
  const now = Date.UTC(2026, 5, 15, 12);
  const daysAgo = (n: number) => new Date(now - n * 86_400_000);
  const at = (day: string) => new Date(`2026-${day}T00:00:00Z`);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(users).values({ id: dan, email: 'dan.rep@dealwise.demo', fullName: 'Dan Rep', role: 'rep', teamId: org.teams.east, quarterlyQuotaMinor: 150_000_00 });
    await store.db.insert(products).values({ name: 'Unused Add-on' });
    const { repAnna, repBen, repCara } = org.users;
    const deals: (typeof opportunities.$inferInsert)[] = [];
    const history: (typeof opportunityStageHistory.$inferInsert)[] = [];
    const closed = (name: string, ownerId: string, valueMinor: number, path: [Stage, string][], created?: string) => {
      const id = fixtureId();
      const [end, closedDay] = path.at(-1)!;
      deals.push({ id, name, accountId: org.accounts.globex, ownerId, valueMinor, stage: end, outcome: end === 'closed_won' ? 'won' : 'lost', closedAt: at(closedDay), createdAt: at(created ?? path[0]![1]) });
      path.forEach(([toStage, day], i) => history.push({ opportunityId: id, fromStage: i === 0 ? null : path[i - 1]![0], toStage, changedAt: at(day) }));
    };
    closed('H1', repAnna.userId, 10_000_00, [['discovery', '01-01'], ['proposal', '01-06'], ['closed_won', '01-16']]);
    closed('H2', repAnna.userId, 20_000_00, [['proposal', '02-01'], ['closed_won', '02-21']]);
    closed('H3', repBen.userId, 30_000_00, [['proposal', '03-01'], ['closed_won', '03-31']]);
    closed('H4', repBen.userId, 5_000_00, [['proposal', '03-01'], ['closed_lost', '04-10']]);
    closed('H5', repAnna.userId, 5_000_00, [['discovery', '01-10'], ['proposal', '01-15'], ['closed_lost', '03-06']]);
    closed('H6', repBen.userId, 5_000_00, [['discovery', '01-20'], ['closed_lost', '01-25']]);
    closed('H7', repCara.userId, 5_000_00, [['discovery', '02-10'], ['closed_lost', '02-15']]);
    closed('H8', repBen.userId, 50_000_00, [['discovery', '04-21'], ['closed_won', '04-26']], '04-11');
    const open = (id: string, name: string, ownerId: string, stage: Stage, valueMinor: number, days: number, expectedCloseDate: string, currency = 'USD') => {
      deals.push({ id, name, accountId: org.accounts.acme, ownerId, stage, valueMinor, currency, stageEnteredAt: daysAgo(days), expectedCloseDate, createdAt: daysAgo(days) });
      history.push({ opportunityId: id, fromStage: null, toStage: stage, changedAt: daysAgo(days) });
    };
    open(fixtureId(), 'O1', repAnna.userId, 'proposal', 40_000_00, 50, '2026-06-30');
    open(fixtureId(), 'O2', repBen.userId, 'proposal', 20_000_00, 30, '2026-05-20');
    open(o3, 'O3', repAnna.userId, 'discovery', 30_000_00, 25, '2026-07-15');
    open(fixtureId(), 'O4', repCara.userId, 'negotiation', 10_000_00, 3, '2026-06-20');
    open(fixtureId(), 'E1', repAnna.userId, 'proposal', 99_000_00, 1, '2026-06-30', 'EUR');
    await store.db.insert(opportunities).values(deals);
    await store.db.insert(opportunityStageHistory).values(history);
  });
  afterAll(() => store.close());

  const stage = (out: HealthOut, name: string) => out.stages.find((s) => s.stage === name)!;

  it('computes velocity, coverage, stage conversion and time, and names the bottlenecks', async () => {
    const out = await callOk<HealthOut>(store.db, org.users.admin, 'pipeline_health', {});
    expect(out.period.label).toBe('2026-Q2');
    // 4 open USD deals, mean (40,000 + 20,000 + 30,000 + 10,000) / 4 = 25,000.00
    // per day = 4 x 25,000.00 x 50% / 20 days = 2,500.00; per month x 30 = 75,000.00
    expect(out.velocity).toEqual({
      openDeals: 4, averageDealValue: usd(25_000_00), won: 4, lost: 4, winRate: 50, averageCycleDays: 20, perDay: usd(2_500_00), perMonth: usd(75_000_00),
    });
    // target 300k + 250k + 200k + 150k (Dan) = 900,000; won in Q2 so far H8 50,000 -> remaining 850,000
    // expected to close in Q2: O1 40,000 + O2 20,000 (overdue, still in the quarter) + O4 10,000 = 70,000 -> 70 / 850 = 0.08x
    expect(out.coverage).toEqual({
      target: usd(900_000_00), wonSoFar: usd(50_000_00), remaining: usd(850_000_00), pipelineInPeriod: usd(70_000_00), pipelineDeals: 3, ratio: 0.08,
    });
    // discovery: entered H1 H5 H6 H7 H8 O3 = 6; advanced H1 H5 (to proposal), H8 (won) = 3; lost H6 H7 = 2; O3 still open
    //   conversion 3 / 5 = 60.0; open O3 25 days vs p50 5 -> excess 20
    expect(stage(out, 'discovery')).toEqual({
      stage: 'discovery', openDeals: 1, openValue: usd(30_000_00), meanAgeDays: 25, entered: 6, advanced: 3, lost: 2, stillOpen: 1, conversion: 60,
      p50Days: 5, p80Days: 5, samples: 5, excessDays: 20,
    });
    // proposal: entered H1-H5, O1, O2 and E1 (conversion counts every currency) = 8; advanced H1 H2 H3 (won) = 3;
    //   lost H4 H5 = 2 -> 60.0; still open O1 O2 E1. Open USD deals O1 50d, O2 30d -> mean 40 vs p50 30 -> excess 10
    expect(stage(out, 'proposal')).toMatchObject({ openDeals: 2, meanAgeDays: 40, entered: 8, advanced: 3, lost: 2, stillOpen: 3, conversion: 60, p50Days: 30, p80Days: 42, excessDays: 10 });
    // negotiation: O4 only, no completed stays -> no p50, no excess; nothing decided -> conversion null
    expect(stage(out, 'negotiation')).toMatchObject({ openDeals: 1, meanAgeDays: 3, entered: 1, advanced: 0, lost: 0, stillOpen: 1, conversion: null, p50Days: null, excessDays: null });
    expect(stage(out, 'prospecting')).toMatchObject({ openDeals: 0, meanAgeDays: null, entered: 0, conversion: null, excessDays: null });
    expect(out.bottlenecks).toEqual([
      { stage: 'discovery', excessDays: 20, text: 'discovery: 1 open deal(s) have been in the stage 25 days on average, 20 days more than its median stay of 5 days' },
      { stage: 'proposal', excessDays: 10, text: 'proposal: 2 open deal(s) have been in the stage 40 days on average, 10 days more than its median stay of 30 days' },
    ]);
    expect(out.evidence[0]).toMatchObject({ sourceId: o3, quote: 'O3 (Acme Corp, USD 30,000.00) has been in discovery 25 days; the stage\'s median stay is 5 days' });
    expect(out.otherCurrencyDeals).toBe(1);
  });

  it('pro-rates the quota to a month for coverage', async () => {
    const june = await callOk<HealthOut>(store.db, org.users.admin, 'pipeline_health', { period: '2026-06' });
    // target 900,000 / 3 = 300,000; nothing won in June; O1 (06-30) + O4 (06-20) = 50,000 -> 50 / 300 = 0.17x
    expect(june.coverage).toEqual({ target: usd(300_000_00), wonSoFar: usd(0), remaining: usd(300_000_00), pipelineInPeriod: usd(50_000_00), pipelineDeals: 2, ratio: 0.17 });
  });

  it('covers only the caller\'s deals and quota', async () => {
    const anna = await callOk<HealthOut>(store.db, org.users.repAnna, 'pipeline_health', {});
    // O1 + O3: mean 35,000; closed H1 (15d), H2 (20d) won, H5 lost -> 66.7%, cycle 17.5
    // per day 2 x 35,000.00 x 2/3 / 17.5 = 2,666.67; per month x 30 = 80,000.00
    expect(anna.velocity).toEqual({
      openDeals: 2, averageDealValue: usd(35_000_00), won: 2, lost: 1, winRate: 66.7, averageCycleDays: 17.5, perDay: usd(266_667), perMonth: usd(80_000_00),
    });
    // Anna's quota 300,000, nothing won in Q2, O1 40,000 expected in Q2 -> 0.13x
    expect(anna.coverage).toMatchObject({ target: usd(300_000_00), remaining: usd(300_000_00), pipelineInPeriod: usd(40_000_00), ratio: 0.13 });
    expect(await call(store.db, org.users.repAnna, 'pipeline_health', { owner: 'Ben Rep' })).toMatchObject({ ok: false, error: { code: 'not_found:user' } });
  });

  it('handles a single deal with no wins and a rep with no deals without dividing by zero', async () => {
    const cara = await callOk<HealthOut>(store.db, org.users.admin, 'pipeline_health', { owner: 'Cara Rep' });
    // O4 alone; H7 lost, nothing won: win rate 0.0, no cycle -> no velocity
    expect(cara.velocity).toEqual({ openDeals: 1, averageDealValue: usd(10_000_00), won: 0, lost: 1, winRate: 0, averageCycleDays: null, perDay: null, perMonth: null });
    expect(cara.coverage.ratio).toBe(0.05); // 10,000 / 200,000
    const dan = await callOk<HealthOut>(store.db, org.users.admin, 'pipeline_health', { owner: 'Dan Rep' });
    expect(dan.velocity).toEqual({ openDeals: 0, averageDealValue: null, won: 0, lost: 0, winRate: null, averageCycleDays: null, perDay: null, perMonth: null });
    expect(dan.coverage).toEqual({ target: usd(150_000_00), wonSoFar: usd(0), remaining: usd(150_000_00), pipelineInPeriod: usd(0), pipelineDeals: 0, ratio: 0 });
    expect(dan.bottlenecks).toEqual([]);
    expect(JSON.stringify([cara, dan])).not.toMatch(/NaN|Infinity/);
  });

  it('answers an empty selection with nulls, and names bad input', async () => {
    const out = await callOk<HealthOut>(store.db, org.users.admin, 'pipeline_health', { product: 'Unused Add-on' });
    expect(out.coverage).toEqual({ target: null, wonSoFar: usd(0), remaining: null, pipelineInPeriod: usd(0), pipelineDeals: 0, ratio: null });
    expect(out.stages.every((s) => s.openDeals === 0 && s.entered === 0 && s.conversion === null && s.excessDays === null)).toBe(true);
    // time per stage is the organisation's benchmark, so it still shows
    expect(stage(out, 'proposal').p50Days).toBe(30);
    expect(JSON.stringify(out)).not.toMatch(/NaN|Infinity/);
    const bad = await call(store.db, org.users.admin, 'pipeline_health', { lookbackDays: 5, currency: 'dollars' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.field).sort()).toEqual(['currency', 'lookbackDays']);
  });
});
