import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { interactions, opportunities, users } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface Money { amountMinor: number; currency: string }
interface RepOut {
  rank: number | null; name: string; wonRevenue: Money; dealsWon: number; dealsLost: number; winRate: number | null;
  averageDealSize: Money | null; averageCycleDays: number | null; activities: Record<string, number>; quota: Money | null; attainment: number | null;
  trend: { revenue: { previous: Money; delta: Money; changePct: number | null }; previousWinRate: number | null; winRateChangePoints: number | null };
}
interface Performer { name: string; metric: string; value: number; text: string }
interface BoardOut { period: { label: string }; previousPeriod: { label: string }; reps: RepOut[]; repsTotal: number; top: Performer | null; bottom: Performer | null; notes: string[]; evidence: { sourceId: string; quote: string }[] }

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

// Period 2026-Q2 (now 2026-06-15T12:00Z), previous 2026-Q1. Quotas: Anna 300k, Ben 250k, Cara 200k, Dan 150k (added).
// Anna: A1 won 40,000 created 03-01 closed 04-10 (40 days); A2 won 20,000 04-01 -> 05-01 (30 days); A3 lost 10,000.
//       revenue 60,000; win rate 2/3 = 66.7; avg 30,000; cycle (40 + 30) / 2 = 35.0; attainment 60k / 300k = 20.0
//       Q1: won 50,000, lost 1 -> win rate 50.0; trend +10,000 = +20.0%, win rate +16.7 points
// Ben:  B1 won 90,000 01-01 -> 05-01 (31 + 28 + 31 + 30 = 120 days); B2, B3 lost 5,000 each.
//       revenue 90,000; win rate 1/3 = 33.3; avg 90,000; cycle 120.0; attainment 90k / 250k = 36.0; Q1 nothing
// Cara: C1 won 10,000 05-01 -> 05-11 (10 days); C2 won EUR 50,000 05-01 -> 05-21 (20 days: in rate and cycle, not revenue)
//       revenue 10,000; win rate 2/2 = 100.0; avg 10,000; cycle (10 + 20) / 2 = 15.0; attainment 10k / 200k = 5.0
//       Q1: won 20,000 -> trend -10,000 = -50.0%, win rate 100 -> 100 = 0 points
// Dan:  no deals: zeros and nulls; attainment 0 / 150k = 0.0
// Activities in Q2: Anna 3 calls + 2 emails = 5 (one call before Q2, one after now: not counted); Ben 1 meeting; Dan 2 calls.
describe('rep_leaderboard', () => {
  let store: Store;
  let org: FixtureOrg;
  const dan = fixtureId();
  const b1 = fixtureId();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(users).values({ id: dan, email: 'dan.rep@dealwise.demo', fullName: 'Dan Rep', role: 'rep', teamId: org.teams.east, quarterlyQuotaMinor: 150_000_00 });
    const { repAnna, repBen, repCara } = org.users;
    const deal = (ownerId: string, valueMinor: number, created: string, closed: string, won: boolean, extra: Partial<typeof opportunities.$inferInsert> = {}) => ({
      id: fixtureId(), name: `Deal ${valueMinor / 100}`, accountId: org.accounts.globex, ownerId, valueMinor, createdAt: new Date(`${created}T00:00:00Z`),
      stage: (won ? 'closed_won' : 'closed_lost') as 'closed_won' | 'closed_lost', outcome: (won ? 'won' : 'lost') as 'won' | 'lost', closedAt: new Date(`${closed}T00:00:00Z`), ...extra,
    });
    await store.db.insert(opportunities).values([
      deal(repAnna.userId, 40_000_00, '2026-03-01', '2026-04-10', true),
      deal(repAnna.userId, 20_000_00, '2026-04-01', '2026-05-01', true),
      deal(repAnna.userId, 10_000_00, '2026-04-01', '2026-05-15', false),
      { ...deal(repBen.userId, 90_000_00, '2026-01-01', '2026-05-01', true), id: b1, name: 'Big One' },
      deal(repBen.userId, 5_000_00, '2026-04-01', '2026-05-02', false),
      deal(repBen.userId, 5_000_00, '2026-04-01', '2026-05-03', false),
      deal(repCara.userId, 10_000_00, '2026-05-01', '2026-05-11', true),
      deal(repCara.userId, 50_000_00, '2026-05-01', '2026-05-21', true, { currency: 'EUR' }),
      // 2026-Q1
      deal(repAnna.userId, 50_000_00, '2026-01-01', '2026-02-10', true),
      deal(repAnna.userId, 7_000_00, '2026-01-01', '2026-02-11', false),
      deal(repCara.userId, 20_000_00, '2026-01-01', '2026-03-01', true),
    ]);
    const touch = (userId: string, type: 'call' | 'email' | 'meeting', at: string) => ({ userId, type, direction: 'outbound' as const, body: `${type} by ${userId}`, occurredAt: new Date(at) });
    await store.db.insert(interactions).values([
      touch(repAnna.userId, 'call', '2026-04-02T10:00:00Z'), touch(repAnna.userId, 'call', '2026-05-02T10:00:00Z'), touch(repAnna.userId, 'call', '2026-06-02T10:00:00Z'),
      touch(repAnna.userId, 'email', '2026-04-03T10:00:00Z'), touch(repAnna.userId, 'email', '2026-04-04T10:00:00Z'),
      touch(repAnna.userId, 'call', '2026-03-30T10:00:00Z'), touch(repAnna.userId, 'call', '2026-06-20T10:00:00Z'),
      touch(repBen.userId, 'meeting', '2026-05-05T10:00:00Z'),
      touch(dan, 'call', '2026-05-06T10:00:00Z'), touch(dan, 'call', '2026-05-07T10:00:00Z'),
    ]);
  });
  afterAll(() => store.close());

  const row = (out: BoardOut, name: string) => out.reps.find((r) => r.name === name)!;

  it('computes every figure per rep and ranks by revenue, naming top and bottom', async () => {
    const out = await callOk<BoardOut>(store.db, org.users.admin, 'rep_leaderboard', { period: '2026-Q2' });
    expect([out.period.label, out.previousPeriod.label, out.repsTotal]).toEqual(['2026-Q2', '2026-Q1', 4]);
    expect(out.reps.map((r) => [r.rank, r.name])).toEqual([[1, 'Ben Rep'], [2, 'Anna Rep'], [3, 'Cara Rep'], [4, 'Dan Rep']]);
    expect(row(out, 'Anna Rep')).toMatchObject({
      wonRevenue: usd(60_000_00), dealsWon: 2, dealsLost: 1, winRate: 66.7, averageDealSize: usd(30_000_00), averageCycleDays: 35,
      activities: { call: 3, email: 2, meeting: 0, sms: 0, whatsapp: 0, note: 0, total: 5 }, quota: usd(300_000_00), attainment: 20,
      trend: { revenue: { previous: usd(50_000_00), delta: usd(10_000_00), changePct: 20 }, previousWinRate: 50, winRateChangePoints: 16.7 },
    });
    expect(row(out, 'Ben Rep')).toMatchObject({
      wonRevenue: usd(90_000_00), dealsWon: 1, dealsLost: 2, winRate: 33.3, averageDealSize: usd(90_000_00), averageCycleDays: 120, attainment: 36,
      trend: { revenue: { previous: usd(0), changePct: null }, previousWinRate: null, winRateChangePoints: null },
    });
    expect(row(out, 'Cara Rep')).toMatchObject({
      wonRevenue: usd(10_000_00), dealsWon: 2, dealsLost: 0, winRate: 100, averageDealSize: usd(10_000_00), averageCycleDays: 15, attainment: 5,
      trend: { revenue: { delta: usd(-10_000_00), changePct: -50 }, previousWinRate: 100, winRateChangePoints: 0 },
    });
    // a rep with no deals: zeros and nulls, never NaN
    expect(row(out, 'Dan Rep')).toEqual({
      rank: 4, repId: dan, name: 'Dan Rep', team: 'East', wonRevenue: usd(0), dealsWon: 0, dealsLost: 0, winRate: null, averageDealSize: null, averageCycleDays: null,
      activities: { email: 0, call: 2, meeting: 0, sms: 0, whatsapp: 0, note: 0, total: 2 }, quota: usd(150_000_00), attainment: 0,
      trend: { revenue: { previous: usd(0), delta: usd(0), changePct: null }, previousWinRate: null, winRateChangePoints: null },
    });
    expect(out.top).toMatchObject({ name: 'Ben Rep', metric: 'revenue', value: 90_000_00, text: 'Top: Ben Rep with USD 90,000.00 won' });
    expect(out.bottom).toMatchObject({ name: 'Dan Rep', value: 0, text: 'Bottom: Dan Rep with USD 0.00 won' });
    expect(out.evidence[0]).toMatchObject({ sourceId: b1, quote: 'Ben Rep\'s largest win: Big One (Globex) for USD 90,000.00 on 2026-05-01' });
    expect(JSON.stringify(out)).not.toMatch(/NaN|Infinity/);
  });

  it('ranks on other metrics: win rate and cycle with the unknown last, ties sharing a rank', async () => {
    const rate = await callOk<BoardOut>(store.db, org.users.admin, 'rep_leaderboard', { period: '2026-Q2', rankBy: 'win_rate' });
    expect(rate.reps.map((r) => [r.rank, r.name])).toEqual([[1, 'Cara Rep'], [2, 'Anna Rep'], [3, 'Ben Rep'], [null, 'Dan Rep']]);
    expect([rate.top?.text, rate.bottom?.text]).toEqual(['Top: Cara Rep with a 100% win rate (2 of 2)', 'Bottom: Ben Rep with a 33.3% win rate (1 of 3)']);
    const cycle = await callOk<BoardOut>(store.db, org.users.admin, 'rep_leaderboard', { period: '2026-Q2', rankBy: 'cycle_length' });
    expect(cycle.reps.map((r) => r.name)).toEqual(['Cara Rep', 'Anna Rep', 'Ben Rep', 'Dan Rep']);
    const activity = await callOk<BoardOut>(store.db, org.users.admin, 'rep_leaderboard', { period: '2026-Q2', rankBy: 'activities' });
    expect(activity.reps.map((r) => [r.rank, r.name, r.activities.total])).toEqual([[1, 'Anna Rep', 5], [2, 'Dan Rep', 2], [3, 'Ben Rep', 1], [4, 'Cara Rep', 0]]);
    const won = await callOk<BoardOut>(store.db, org.users.admin, 'rep_leaderboard', { period: '2026-Q2', rankBy: 'deals_won' });
    expect(won.reps.map((r) => [r.rank, r.name])).toEqual([[1, 'Anna Rep'], [1, 'Cara Rep'], [3, 'Ben Rep'], [4, 'Dan Rep']]);
    expect(won.top?.text).toBe('Top: Anna Rep with 2 deals won (tied with 1 other rep(s))');
  });

  it('pro-rates the quota to a month', async () => {
    const may = await callOk<BoardOut>(store.db, org.users.admin, 'rep_leaderboard', { period: '2026-05', rankBy: 'attainment' });
    // Ben in May: 90,000 of 250,000 / 3 = 83,333.33 -> 108.0%; Anna 20,000 of 100,000.00 -> 20.0%; Cara 10,000 of 66,666.67 -> 15.0%
    expect(may.reps.map((r) => [r.name, r.quota?.amountMinor, r.attainment])).toEqual([
      ['Ben Rep', 8_333_333, 108], ['Anna Rep', 100_000_00, 20], ['Cara Rep', 6_666_667, 15], ['Dan Rep', 5_000_000, 0],
    ]);
  });

  it('shows a rep only themselves and a manager their team, naming no one without a comparison', async () => {
    const anna = await callOk<BoardOut>(store.db, org.users.repAnna, 'rep_leaderboard', { period: '2026-Q2' });
    expect(anna.reps.map((r) => r.name)).toEqual(['Anna Rep']);
    expect([anna.top, anna.bottom]).toEqual([null, null]);
    const east = await callOk<BoardOut>(store.db, org.users.managerEast, 'rep_leaderboard', { period: '2026-Q2' });
    expect(east.reps.map((r) => r.name)).toEqual(['Ben Rep', 'Anna Rep', 'Dan Rep']);
    const west = await callOk<BoardOut>(store.db, org.users.managerWest, 'rep_leaderboard', { period: '2026-Q2', team: 'East' });
    expect(west.reps).toEqual([]);
  });

  it('answers an empty period with zeros and no names, and names bad input', async () => {
    const out = await callOk<BoardOut>(store.db, org.users.admin, 'rep_leaderboard', { period: '2025-Q3' });
    // everyone at 0 revenue: all share rank 1, win rates unknown, attainment 0.0
    expect(out.reps.map((r) => [r.rank, r.name, r.wonRevenue.amountMinor, r.winRate, r.attainment])).toEqual([
      [1, 'Anna Rep', 0, null, 0], [1, 'Ben Rep', 0, null, 0], [1, 'Cara Rep', 0, null, 0], [1, 'Dan Rep', 0, null, 0],
    ]);
    expect([out.top, out.bottom, out.evidence]).toEqual([null, null, []]);
    expect(JSON.stringify(out)).not.toMatch(/NaN|Infinity/);
    const bad = await call(store.db, org.users.admin, 'rep_leaderboard', { rankBy: 'charm', limit: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.field).sort()).toEqual(['limit', 'rankBy']);
  });
});
