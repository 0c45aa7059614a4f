import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { findUserByEmail } from '../../db/repos/scope.ts';
import { accounts, leads, opportunities, teams, users } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createDemoStore, DEMO_NOW } from '../../test/helpers/demo.ts';
import { call } from '../../test/helpers/tools.ts';
import { answerChecks, numbersMatch, type AnswerCheck, type ExpectedNumber } from './answer-checks.ts';

const byId = (id: string): AnswerCheck => {
  const check = answerChecks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
};
const values = (numbers: ExpectedNumber[]) => numbers.map((n) => n.value);

describe('numbersMatch', () => {
  const money = (value: number): ExpectedNumber => ({ label: 'm', value, unit: 'money_minor' });
  const pct = (value: number): ExpectedNumber => ({ label: 'p', value, unit: 'percent' });
  const n = (value: number): ExpectedNumber => ({ label: 'n', value, unit: 'count' });

  it('reads money written in full, with thousands separators and cents', () => {
    expect(numbersMatch('We won $1,234,567 in Q1.', [money(123_456_700)]).ok).toBe(true);
    expect(numbersMatch('Total: USD 5,627,706.90 across 58 deals', [money(562_770_690), n(58)]).ok).toBe(true);
    expect(numbersMatch('We won $1,234,000 in Q1.', [money(123_456_700)]).ok).toBe(false);
  });

  it('takes an abbreviated amount as matching what it rounds', () => {
    expect(numbersMatch('about $1.23M so far', [money(123_456_700)]).ok).toBe(true);
    expect(numbersMatch('roughly 1.2m', [money(123_456_700)]).ok).toBe(true);
    expect(numbersMatch('pipeline is $950k', [money(94_980_000)]).ok).toBe(true);
    expect(numbersMatch('about $1.3M so far', [money(123_456_700)]).ok).toBe(false);
    expect(numbersMatch('$35.5 million open', [money(3_546_906_000)]).ok).toBe(true);
  });

  it('reads percentages with or without a space and decimals', () => {
    expect(numbersMatch('win rate 42%', [pct(42)]).ok).toBe(true);
    expect(numbersMatch('win rate 42.0 %', [pct(42.04)]).ok).toBe(true);
    expect(numbersMatch('win rate 40.6%', [pct(40.5594)]).ok).toBe(true);
    expect(numbersMatch('win rate 41%', [pct(40.2)]).ok).toBe(false);
    // a percentage is never taken for a count and the other way round
    expect(numbersMatch('42% of 100 deals', [n(42)]).ok).toBe(false);
  });

  it('matches counts exactly unless told otherwise, and money with a relative tolerance', () => {
    expect(numbersMatch('1,234 leads', [n(1234)]).ok).toBe(true);
    expect(numbersMatch('1,233 leads', [n(1234)]).ok).toBe(false);
    expect(numbersMatch('1,233 leads', [n(1234)], { count: 1 }).ok).toBe(true);
    expect(numbersMatch('$99,700', [money(10_000_000)], { money: 0.005 }).ok).toBe(true);
    // a money figure is not a count
    expect(numbersMatch('$29 in deals', [n(29)]).ok).toBe(false);
  });

  it('says which number is missing', () => {
    const { ok, results } = numbersMatch('We won $5.6M', [money(562_770_690), n(58)]);
    expect(ok).toBe(false);
    expect(results.map((r) => r.matched)).toEqual([true, false]);
  });
});

describe('answer checks on a tiny hand-counted org', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
    const db = store.db;
    const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    await db.insert(teams).values([
      { id: id(1), name: 'Enterprise', managerId: id(12) },
      { id: id(2), name: 'Mid-Market', managerId: id(15) },
    ]);
    const user = (n: number, email: string, fullName: string, role: 'rep' | 'manager' | 'exec', teamId: string | null, quota: number | null) => ({
      id: id(n), email, fullName, role, teamId, quarterlyQuotaMinor: quota,
    });
    await db.insert(users).values([
      user(11, 'exec@dealwise.demo', 'Victoria Hale', 'exec', null, null),
      user(12, 'daniel.okafor@dealwise.demo', 'Daniel Okafor', 'manager', id(1), 180_000_000),
      user(13, 'maya.chen@dealwise.demo', 'Maya Chen', 'rep', id(1), 90_000_000),
      user(14, 'lucas.moreau@dealwise.demo', 'Lucas Moreau', 'rep', id(1), 90_000_000),
      user(15, 'sofia.alvarez@dealwise.demo', 'Sofia Alvarez', 'manager', id(2), 45_000_000),
      user(16, 'tom.becker@dealwise.demo', 'Tom Becker', 'rep', id(2), 45_000_000),
    ]);
    await db.insert(accounts).values({ id: id(21), name: 'Acme Corporation' });
    const deal = (n: number, ownerId: string, valueMinor: number, rest: Partial<typeof opportunities.$inferInsert>) => ({
      id: id(n), name: `Deal ${n}`, accountId: id(21), ownerId, valueMinor, ...rest,
    });
    const won = (at: string) => ({ stage: 'closed_won' as const, outcome: 'won' as const, closedAt: new Date(at) });
    const lost = (at: string) => ({ stage: 'closed_lost' as const, outcome: 'lost' as const, closedAt: new Date(at) });
    await db.insert(opportunities).values([
      deal(31, id(13), 10_000_000, won('2026-02-10T10:00:00Z')), // Maya, Q1
      deal(32, id(13), 5_000_000, lost('2026-03-31T23:59:59Z')), // Maya, last second of Q1
      deal(33, id(14), 20_000_000, won('2026-04-01T00:00:00Z')), // Lucas, first second of Q2
      deal(34, id(16), 3_000_000, won('2026-01-15T10:00:00Z')), // Tom, Q1
      deal(35, id(16), 1_000_000, lost('2026-05-20T10:00:00Z')), // Tom, May
      deal(36, id(13), 7_000_000, won('2026-06-16T09:00:00Z')), // after the eval clock: never counted
      deal(37, id(13), 8_000_000, { stage: 'proposal', probability: 50, expectedCloseDate: '2026-07-20' }),
      deal(38, id(16), 2_000_000, { stage: 'proposal', probability: 25, expectedCloseDate: '2026-08-01' }),
      deal(39, id(14), 4_000_000, { stage: 'negotiation', probability: 80, expectedCloseDate: '2026-06-30' }),
    ]);
    await db.insert(leads).values([
      { id: id(41), fullName: 'Ann One', ownerId: id(13), lifecycleStage: 'qualified', status: 'working', source: 'referral' },
      { id: id(42), fullName: 'Ann Two', ownerId: id(13), lifecycleStage: 'qualified', status: 'working', source: 'webinar' },
      { id: id(43), fullName: 'Ann Two', ownerId: id(13), lifecycleStage: 'qualified', status: 'merged', mergedIntoId: id(42), source: 'webinar' },
      { id: id(44), fullName: 'Bo Three', ownerId: id(16), lifecycleStage: 'qualified', status: 'working', source: 'referral' },
    ]);
  });
  afterAll(() => store.close());

  it('counts won revenue by close date, inside the quarter boundaries and never after now', async () => {
    expect(values(await byId('rev-q1').compute(store.db))).toEqual([13_000_000, 2]); // deals 31 + 34
    expect(values(await byId('rev-qtd').compute(store.db))).toEqual([20_000_000, 1]); // deal 33; 36 is after now
    expect(values(await byId('rev-ent-lastq').compute(store.db))).toEqual([10_000_000, 1]); // Daniel sees Enterprise only
  });

  it('computes win rate, target and attainment', async () => {
    const [rate, wonCount, lostCount] = values(await byId('winrate-lastq').compute(store.db));
    expect([wonCount, lostCount]).toEqual([2, 1]);
    expect(rate).toBeCloseTo(66.667, 2);
    const [target, attainment] = values(await byId('target-ent-qtd').compute(store.db));
    expect(target).toBe(180_000_000); // Maya + Lucas, not the manager's own quota
    expect(attainment).toBeCloseTo(11.111, 2); // 20,000,000 / 180,000,000
  });

  it('sums the open pipeline, weighted by probability, in the actor scope', async () => {
    expect(values(await byId('pipeline-proposal').compute(store.db))).toEqual([2, 10_000_000]);
    expect(values(await byId('pipeline-total').compute(store.db))).toEqual([3, 14_000_000, 7_700_000]);
    expect(values(await byId('open-deals-owner').compute(store.db))).toEqual([1]);
    expect(values(await byId('closing-this-month').compute(store.db))).toEqual([1]);
  });

  it('counts leads in scope without merged duplicates', async () => {
    expect(values(await byId('leads-qualified-mine').compute(store.db))).toEqual([2]);
    expect(values(await byId('leads-referral').compute(store.db))).toEqual([2]);
  });

  // the boundary deals (last second of Q1, first second of Q2, after now) and the merged lead
  // are where a tool and the SQL would part ways first
  it.each(['rev-q1', 'rev-qtd', 'rev-ent-lastq', 'winrate-lastq', 'target-ent-qtd', 'pipeline-proposal', 'pipeline-total', 'open-deals-owner', 'closing-this-month', 'leads-qualified-mine', 'leads-referral'])(
    '%s: the tool gives the hand-counted numbers too',
    async (id) => {
      const check = byId(id);
      const actor = await findUserByEmail(store.db, check.actor);
      const result = await call(store.db, actor!, check.tool, check.args, DEMO_NOW);
      if (!result.ok) throw new Error(`${check.tool} failed: ${JSON.stringify(result.error)}`);
      const expected = values(await check.compute(store.db));
      check.read(result.data).forEach((got, i) => expect(Number(got)).toBeCloseTo(expected[i]!, 1));
    },
  );
});

describe('answer checks against the tools on the demo org', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createDemoStore();
  }, 120_000);
  afterAll(() => store.close());

  it('has at least 30 checks with unique ids', () => {
    expect(answerChecks.length).toBeGreaterThanOrEqual(30);
    expect(new Set(answerChecks.map((c) => c.id)).size).toBe(answerChecks.length);
  });

  // Each check's SQL must answer the same question as its tool: same period, definition and scope.
  it.each(answerChecks.map((c) => [c.id, c] as const))('%s: the SQL and the tool agree', async (_id, check) => {
    const actor = await findUserByEmail(store.db, check.actor);
    expect(actor, check.actor).toBeDefined();
    const expected = await check.compute(store.db);
    const result = await call(store.db, actor!, check.tool, check.args, DEMO_NOW);
    if (!result.ok) throw new Error(`${check.tool} failed: ${JSON.stringify(result.error)}`);
    const fromTool = check.read(result.data);
    expected.forEach((e, i) => {
      const got = Number(fromTool[i]);
      const slack =
        e.unit === 'percent' ? (check.tolerance?.percent ?? 0.05) + 1e-9 : e.unit === 'money_minor' ? Math.abs(e.value) * (check.tolerance?.money ?? 0) + 1e-6 : (check.tolerance?.count ?? 0);
      expect(Math.abs(got - e.value), `${check.id} ${e.label}: tool ${got}, SQL ${e.value}`).toBeLessThanOrEqual(slack);
    });
  });
});
