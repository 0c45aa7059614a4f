import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random.ts';
import type { DealRecord, StageChange } from '../../db/repos/opportunity-history.ts';
import { logit } from './win-probability/logistic.ts';
import { buildTimelines, closedDealOf, openDealFactsAt } from './opportunity-win-history.ts';
import { examplesFor, innerReplay, withReplayCalibration, type InnerReplayInput } from './opportunity-win-replay.ts';
import { fitWinModel, memoryNeighbourSearch, predictWithSearch, type DealFacts, type FittedWinModel, type NeighbourSearch } from './win-probability/model.ts';

// The inner replay must read nothing dated at or after the fit date, and nothing dated at or after an inner
// date except the outcomes of the deals it scores as of that date.

const DAY = 86_400_000;
const CUTOFF = new Date('2026-01-01T00:00:00Z');
const REPLAY = { horizonDays: 60, stepDays: 45, dates: 2, minHistory: 20, minPoints: 1, lambda: 1 };
const MODEL = { lambdas: [4], folds: 3 };
// the inner dates: 60 and 105 days before the cutoff
const INNER = [60, 105].map((d) => new Date(CUTOFF.getTime() - d * DAY));

function fixture(seed: number) {
  const rng = createRng(seed);
  const closed: DealRecord[] = [];
  const changes: StageChange[] = [];
  const touches: { opportunityId: string; at: Date }[] = [];
  for (let i = 0; i < 90; i++) {
    const id = `d${String(i).padStart(3, '0')}`;
    const createdAt = new Date(CUTOFF.getTime() - (40 + rng.int(0, 400)) * DAY);
    const length = 15 + rng.int(0, 150);
    const closedAt = new Date(createdAt.getTime() + length * DAY);
    const budget = rng.chance(0.5);
    const won = rng.chance(budget ? 0.7 : 0.3);
    const mid = new Date(createdAt.getTime() + Math.floor(length / 2) * DAY);
    changes.push({ opportunityId: id, toStage: 'qualification', changedAt: createdAt } as StageChange);
    changes.push({ opportunityId: id, toStage: 'proposal', changedAt: mid } as StageChange);
    changes.push({ opportunityId: id, toStage: won ? 'closed_won' : 'closed_lost', changedAt: closedAt } as StageChange);
    touches.push({ opportunityId: id, at: new Date(createdAt.getTime() + DAY) }, { opportunityId: id, at: mid });
    const record = {
      id, productName: budget ? 'Alpha' : 'Beta', industry: 'retail', employees: 50, region: 'EU', source: 'web', competitors: [],
      ownerName: rng.chance(0.5) ? 'Ann' : 'Bob', teamName: null, createdAt, closedAt, outcome: won ? 'won' : 'lost',
      stage: won ? 'closed_won' : 'closed_lost', stageEnteredAt: closedAt, name: id, accountName: `Acct ${i}`, ownerId: 'u1', probability: null,
    } as DealRecord;
    if (closedAt.getTime() < CUTOFF.getTime()) closed.push(record);
  }
  // what the repo queries would return at the cutoff
  const before = (d: Date) => d.getTime() < CUTOFF.getTime();
  return { closed, changes: changes.filter((c) => before(c.changedAt)), touches: touches.filter((t) => before(t.at)) };
}

function input(data: ReturnType<typeof fixture>, search: NeighbourSearch, extra: Partial<InnerReplayInput> = {}): InnerReplayInput {
  return {
    ...data, stillOpenCreatedAt: [], search, cutoff: CUTOFF, examplesOf: examplesFor({ kind: 'as_of', stepDays: 30 }), modelOptions: MODEL, options: REPLAY,
    ...extra,
  };
}

describe('inner replay for the win model\'s last calibration step', () => {
  const data = fixture(3);
  const history = data.closed.map((r) => closedDealOf(r));
  const closedAt = new Map(data.closed.map((r) => [r.id, r.closedAt!.getTime()]));
  const base = innerReplay(input(data, memoryNeighbourSearch(history)));

  it('scores every deal open on each inner date whose outcome is known by the fit date, and counts the censored', () => {
    // independently: deals created before t, not closed before t, closed before the cutoff (all of `closed`)
    const expected = INNER.flatMap((t) => data.closed.filter((r) => r.createdAt < t && r.closedAt! >= t));
    expect(base.summary.dates).toEqual(INNER.map((t) => t.toISOString()));
    expect(base.points.length).toBe(expected.length);
    expect(base.summary.wins).toBe(expected.filter((r) => r.outcome === 'won').length);
    expect(base.points.length).toBeGreaterThan(20);
    const stillOpen = [new Date(INNER[1]!.getTime() - DAY), new Date(INNER[0]!.getTime() - DAY), new Date(CUTOFF.getTime() - DAY)];
    // created before both inner dates: counted twice; before the later one only: once; after both: not at all
    expect(innerReplay(input(data, memoryNeighbourSearch(history), { stillOpenCreatedAt: stillOpen })).summary.censored).toBe(3);
  });

  it('reads nothing at or after an inner date but the scored deals\' outcomes, nor anything at or after the fit date', () => {
    // everything dated at or after the latest inner date rewritten: new touches every day, extra stage moves,
    // and deals that close after the fit date (a store queried late would hold them)
    const latest = INNER[0]!.getTime();
    const noisy = {
      closed: [
        ...data.closed,
        ...data.closed.slice(0, 5).map((r) => ({ ...r, id: `late-${r.id}`, closedAt: new Date(CUTOFF.getTime() + DAY), outcome: 'won' as const })),
      ],
      changes: [
        ...data.changes,
        ...data.closed.map((r) => ({ opportunityId: r.id, toStage: 'negotiation', changedAt: new Date(latest + DAY) }) as StageChange),
      ],
      touches: [...data.touches, ...data.closed.flatMap((r) => [0, 1, 2, 3].map((d) => ({ opportunityId: r.id, at: new Date(latest + d * DAY) })))],
    };
    const neighboursSeen: string[] = [];
    const plain = memoryNeighbourSearch(history);
    const spy: NeighbourSearch = (deal, k, allow) => {
      const found = plain(deal, k, allow);
      neighboursSeen.push(...found.map((n) => n.id));
      return found;
    };
    const replayed = innerReplay(input(noisy, spy));
    expect(replayed.points).toEqual(base.points);
    // every neighbour any inner fit or inner score used had closed before the latest inner date
    expect(neighboursSeen.length).toBeGreaterThan(0);
    expect(neighboursSeen.every((id) => closedAt.get(id)! < latest)).toBe(true);
  });

  it('scores each deal with a model fitted on deals closed before the inner date only', () => {
    // recompute the first point of the earlier inner date by hand with the pieces the replay is made of
    const t = INNER[1]!;
    const known = (d: Date) => d.getTime() < t.getTime();
    const timelines = buildTimelines(data.changes.filter((c) => known(c.changedAt)), data.touches.filter((x) => known(x.at)));
    const before = data.closed.filter((r) => known(r.closedAt!));
    const search = memoryNeighbourSearch(history);
    const model = fitWinModel({
      history: before.map((r) => closedDealOf(r, timelines.get(r.id))),
      examples: examplesFor({ kind: 'as_of', stepDays: 30 })(before, timelines, t),
      search,
      options: MODEL,
    });
    const pool = new Set(before.map((r) => r.id));
    const scored = data.closed.filter((r) => r.createdAt < t && r.closedAt! >= t);
    const firstLater = base.points.length - scored.length;
    const record = scored[0]!;
    const facts = openDealFactsAt(record, timelines.get(record.id)!, t);
    const neighbours = search(facts, model.options.k, (id) => id !== record.id && pool.has(id));
    expect(neighbours.every((n) => pool.has(n.id))).toBe(true);
    expect(base.points[firstLater]!.won).toBe(record.outcome === 'won');
    expect(base.points[firstLater]!.score).toBeCloseTo(logit(sigmoidOf(model, facts, search, pool, record.id), 1e-9), 9);
  });

  it('attaches the map and the summary to the model', () => {
    const model = fitWinModel({ history, search: memoryNeighbourSearch(history), options: MODEL });
    const mapped = withReplayCalibration(model, base, REPLAY);
    expect(mapped.training.replay).toEqual(base.summary);
    expect(mapped.replayCalibrator?.kind).toBe('platt');
    // too few points: the identity, left out, but the summary is still recorded
    const small = withReplayCalibration(model, base, { minPoints: 10_000 });
    expect(small.replayCalibrator).toBeUndefined();
    expect(small.training.replay?.points).toBe(base.points.length);
  });
});

/** The inner model's probability for a deal, neighbours restricted to its pool. */
function sigmoidOf(model: FittedWinModel, facts: DealFacts, search: NeighbourSearch, pool: Set<string>, self: string): number {
  return predictWithSearch(model, facts, search, (id) => id !== self && pool.has(id)).probability;
}
