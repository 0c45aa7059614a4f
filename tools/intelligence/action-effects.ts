import { z } from 'zod';
import { ratio } from '../../core/stats/descriptive.ts';
import type { Executor } from '../../db/client.ts';
import { actionEffect, effectDescription, type EffectCounts, type EffectMeasure } from '../../db/repos/intel-effects.ts';
import { percent, pct } from '../core/schemas.ts';
import type { EffectSpec } from './next-actions.ts';

// Turns an action's effect spec into what the caller reads: measured win rates with and without the
// action (with counts and the lift in points), or the documented heuristic, labelled as such.

const group = z
  .object({
    won: z.number().int().describe('won deals in the group'),
    closed: z.number().int().describe('closed deals in the group'),
    winRate: percent.nullable().describe('won / closed, percent; null when the group is empty'),
  })
  .describe('closed deals of one group');

export const effectOutput = z
  .object({
    basis: z.enum(['measured', 'heuristic']).describe('measured in this store, or a documented sales heuristic'),
    summary: z.string().describe('the expected effect in words'),
    withAction: group.nullable().describe('closed deals that had the action (measured only)'),
    withoutAction: group.nullable().describe('closed deals that did not (measured only)'),
    liftPoints: z.number().nullable().describe('win-rate difference in percentage points, with minus without; null when a group is empty'),
  })
  .describe('what doing the action is expected to change');

export type EffectOutput = z.infer<typeof effectOutput>;

const rate = (won: number, closed: number) => {
  const r = ratio(won, closed);
  return r === null ? null : pct(r * 100);
};

export function describeEffect(measure: EffectMeasure, c: EffectCounts): EffectOutput {
  const withRate = rate(c.withWon, c.withClosed);
  const withoutRate = rate(c.withoutWon, c.withoutClosed);
  const withRatio = ratio(c.withWon, c.withClosed);
  const withoutRatio = ratio(c.withoutWon, c.withoutClosed);
  const lift = withRatio === null || withoutRatio === null ? null : pct((withRatio - withoutRatio) * 100);
  const show = (won: number, closed: number, r: number | null) => `${won} of ${closed}${r === null ? '' : ` (${r.toFixed(1)}%)`}`;
  const summary =
    `${effectDescription(measure)}: won ${show(c.withWon, c.withClosed, withRate)} with, ${show(c.withoutWon, c.withoutClosed, withoutRate)} without` +
    (lift === null ? ' (not enough deals to compare)' : `, ${lift >= 0 ? '+' : ''}${lift.toFixed(1)} points`) +
    '. An association in this store, not a controlled test.';
  return {
    basis: 'measured',
    summary,
    withAction: { won: c.withWon, closed: c.withClosed, winRate: withRate },
    withoutAction: { won: c.withoutWon, closed: c.withoutClosed, winRate: withoutRate },
    liftPoints: lift,
  };
}

/** Resolves effect specs, querying each measure once per call. */
export function effectResolver(db: Executor, asOf: Date) {
  const cache = new Map<EffectMeasure, Promise<EffectCounts>>();
  return async (spec: EffectSpec): Promise<EffectOutput> => {
    if ('heuristic' in spec) return { basis: 'heuristic', summary: spec.heuristic, withAction: null, withoutAction: null, liftPoints: null };
    let counts = cache.get(spec.measure);
    if (!counts) {
      counts = actionEffect(db, spec.measure, asOf);
      cache.set(spec.measure, counts);
    }
    return describeEffect(spec.measure, await counts);
  };
}
