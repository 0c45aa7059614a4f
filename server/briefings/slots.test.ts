import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';
import { planSlots, slotsBetween } from './slots.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe('slotsBetween', () => {
  it('weekdays 08:00 Europe/Berlin: 07:00Z in winter, 06:00Z after spring-forward, no weekend', () => {
    expect(iso(slotsBetween('0 8 * * 1-5', 'Europe/Berlin', new Date('2026-03-26T07:00:00Z'), new Date('2026-03-31T07:00:00Z')))).toEqual([
      '2026-03-27T07:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
      '2026-03-31T06:00:00.000Z',
    ]);
  });

  it('excludes the start and includes the end', () => {
    expect(iso(slotsBetween('0 * * * *', 'UTC', new Date('2026-06-15T01:00:00Z'), new Date('2026-06-15T03:00:00Z')))).toEqual(['2026-06-15T02:00:00.000Z', '2026-06-15T03:00:00.000Z']);
  });

  it('02:30 Berlin: after the gap on spring-forward day, once (the first) on fall-back day', () => {
    expect(iso(slotsBetween('30 2 * * *', 'Europe/Berlin', new Date('2026-03-28T12:00:00Z'), new Date('2026-03-29T12:00:00Z')))).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(iso(slotsBetween('30 2 * * *', 'Europe/Berlin', new Date('2026-10-24T12:00:00Z'), new Date('2026-10-25T12:00:00Z')))).toEqual(['2026-10-25T00:30:00.000Z']);
  });
});

describe('planSlots', () => {
  const base = { cron: '0 * * * *', timeZone: 'UTC', catchupMs: 150 * MIN, lookbackMs: 7 * DAY };

  it('posts only the newest slot in the window; older ones in it are superseded, the rest missed', () => {
    // last settled 00:00; now 05:10; window 150 min reaches back to 02:40
    const plan = planSlots({ ...base, settledUntil: new Date('2026-06-15T00:00:00Z'), now: new Date('2026-06-15T05:10:00Z') });
    expect(plan.fire?.toISOString()).toBe('2026-06-15T05:00:00.000Z');
    expect(plan.skip.map((s) => [s.slotAt.toISOString().slice(11, 16), s.reason])).toEqual([
      ['01:00', 'missed by more than the catch-up window (150 min)'],
      ['02:00', 'missed by more than the catch-up window (150 min)'],
      ['03:00', 'superseded by the later slot 2026-06-15T05:00:00.000Z'],
      ['04:00', 'superseded by the later slot 2026-06-15T05:00:00.000Z'],
    ]);
  });

  it('fires nothing when even the newest slot is older than the window', () => {
    const plan = planSlots({ ...base, cron: '0 8 * * *', catchupMs: 60 * MIN, settledUntil: new Date('2026-06-14T08:00:00Z'), now: new Date('2026-06-15T09:01:00Z') });
    expect(plan.fire).toBeUndefined();
    expect(iso(plan.skip.map((s) => s.slotAt))).toEqual(['2026-06-15T08:00:00.000Z']);
  });

  it('records skipped slots no further back than the lookback', () => {
    const plan = planSlots({ ...base, cron: '0 8 * * *', catchupMs: 60 * MIN, lookbackMs: 3 * DAY, settledUntil: new Date('2025-01-01T00:00:00Z'), now: new Date('2026-06-15T08:30:00Z') });
    expect(plan.fire?.toISOString()).toBe('2026-06-15T08:00:00.000Z');
    expect(iso(plan.skip.map((s) => s.slotAt))).toEqual(['2026-06-13T08:00:00.000Z', '2026-06-14T08:00:00.000Z']);
  });

  it('has nothing to do before the next slot', () => {
    expect(planSlots({ ...base, settledUntil: new Date('2026-06-15T05:00:00Z'), now: new Date('2026-06-15T05:59:59Z') })).toEqual({ fire: undefined, skip: [] });
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n, MIN, 60 * MIN) / MIN)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });
});
