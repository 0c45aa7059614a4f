import { describe, expect, it } from 'vitest';
import { simulate } from '../monte-carlo.ts';
import { newPipelineMean, newPipelineRunRate, newPipelineSpan } from './new-pipeline.ts';

// Days from a fixed origin; no clock is read. As of day 100.
const DAY = 86_400_000;
const ORIGIN = Date.parse('2026-01-01T00:00:00Z');
const d = (n: number) => ORIGIN + n * DAY;
const won = [
  { key: 'ann', label: 'Ann', createdAt: d(92), closedAt: d(95), valueMinor: 50 },
  { key: 'ann', label: 'Ann', createdAt: d(85), closedAt: d(95), valueMinor: 70 },
  { key: 'ben', label: 'Ben', createdAt: d(81), closedAt: d(88), valueMinor: 30 },
  { key: 'ben', label: 'Ben', createdAt: d(60), closedAt: d(75), valueMinor: 20 },
];

describe('run rate of new pipeline', () => {
  it('sums deals created and won inside each of three equal windows before asOf', () => {
    // a 10-day period starting now: windows [90, 100), [80, 90), [70, 80), created on or after each start.
    // [90, 100): only the deal created on day 92 (the one created on 85 existed before the window) = 50;
    // [80, 90): created 81 won 88 = 30; [70, 80): the deal won on 75 was created on 60 = 0. Mean 80 / 3.
    const np = newPipelineRunRate(won, d(100), { a: 0, b: 10 * DAY });
    expect(np.windows.map((w) => [w.from, w.to, w.totalMinor, w.deals])).toEqual([[d(90), d(100), 50, 1], [d(80), d(90), 30, 1], [d(70), d(80), 0, 0]]);
    expect(newPipelineMean(np)).toBeCloseTo(80 / 3, 12);
    expect(newPipelineMean(np, 'ann')).toBeCloseTo(50 / 3, 12);
    expect(newPipelineMean(np, 'ben')).toBeCloseTo(10, 12);
    expect(np.since).toBe(d(70));
  });

  it('for a period that starts later, counts deals created between now and its start too', () => {
    // period [120, 130) as of 100: a = 20, b = 30 days; windows start t = 70, 60, 50 and are won in
    // [90, 100), [80, 90), [70, 80). Created on or after t: 50 + 70, then 30, then 20.
    const np = newPipelineRunRate(won, d(100), { a: 20 * DAY, b: 30 * DAY });
    expect(np.windows.map((w) => w.totalMinor)).toEqual([120, 30, 20]);
    expect(newPipelineSpan(d(100), { a: 20 * DAY, b: 30 * DAY })).toEqual({ since: d(70), until: d(100) });
  });

  it('leaves out windows that ended before the store\'s first recorded close', () => {
    // first close on day 85: [70, 80) ended before it (its zero is no evidence); [80, 90) is kept
    const np = newPipelineRunRate(won, d(100), { a: 0, b: 10 * DAY }, d(85));
    expect(np.windows.map((w) => w.totalMinor)).toEqual([50, 30]);
    expect(newPipelineMean(np)).toBe(40);
  });

  it('draws one past window per run, shared by every group', () => {
    const runs = simulate({ deals: [], groups: 2, runs: 500, seed: 9, window: { from: 0, to: 1 }, extra: [[1, 2, 3], [10, 20, 30]] });
    for (let r = 0; r < 500; r++) expect(runs[1]![r]).toBe(10 * runs[0]![r]!);
    expect(new Set(runs[0])).toEqual(new Set([1, 2, 3]));
  });
});
