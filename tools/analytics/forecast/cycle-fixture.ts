import type { CycleDeal } from './undated.ts';

// The hand-worked deal history of the undated-deal tests (undated.test.ts works the rates out in full):
// days from a fixed origin, no clock read; four kinds of past deal, ten of each, value 100:
//   h1 created 0, won 5;  h2 created 0, lost 20;  h3 created 50, won 75;  h4 created 60, still open.

export const DAY = 86_400_000;
export const ORIGIN = Date.parse('2026-01-01T00:00:00Z');
export const d = (n: number) => ORIGIN + n * DAY;

export const CYCLE_KINDS: readonly CycleDeal[] = [
  { createdAt: d(0), closedAt: d(5), won: true, valueMinor: 100 },
  { createdAt: d(0), closedAt: d(20), won: false, valueMinor: 100 },
  { createdAt: d(50), closedAt: d(75), won: true, valueMinor: 100 },
  { createdAt: d(60), closedAt: null, won: false, valueMinor: 100 },
];

/** A fresh copy each call: tests may add to it. */
export const cycleHistory = (): CycleDeal[] => CYCLE_KINDS.flatMap((k) => Array.from({ length: 10 }, () => ({ ...k })));
