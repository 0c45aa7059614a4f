import { describe, expect, it } from 'vitest';
import { closeCandidates, describeCloseDateModel, fitCloseDateModel, MIN_BUCKET } from './close-dates.ts';

const DAY = 86_400_000;
const asOf = Date.UTC(2026, 5, 1); // 2026-06-01
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const repeat = <T,>(n: number, o: T): T[] => Array.from({ length: n }, () => o);

describe('close-date distribution from slips', () => {
  it('without history takes the expected date as exact, overdue as now, and cannot place a deal without a date', () => {
    const model = fitCloseDateModel([]);
    expect(model.source).toBe('none');
    expect(closeCandidates(model, '2026-06-20', asOf)).toEqual([Date.UTC(2026, 5, 20)]);
    expect(closeCandidates(model, '2026-05-20', asOf)).toEqual([asOf]);
    expect(closeCandidates(model, null, asOf)).toEqual([]);
    expect(describeCloseDateModel(model)).toMatch(/no won deals/);
  });

  // 20 observations 10 days ahead (bucket 0-30) that closed 5 days late: slip +5, delay 15 days;
  // 2 observations 40 days ahead (bucket 30-90) that closed 10 days early: slip -10, delay 30 days;
  // 1 observation that closed before it was made: ignored.
  const observations = [
    ...repeat(MIN_BUCKET, { at: 0, expected: 10 * DAY, closedAt: 15 * DAY }),
    ...repeat(2, { at: 0, expected: 40 * DAY, closedAt: 30 * DAY }),
    { at: 50 * DAY, expected: 60 * DAY, closedAt: 40 * DAY },
  ];
  const model = fitCloseDateModel(observations);

  it('buckets slips by how far ahead the expected date was', () => {
    expect(model.source).toBe('history');
    expect(model.observations).toBe(22);
    expect(model.slips['0-30']).toEqual(repeat(20, 5 * DAY));
    expect(model.slips['30-90']).toEqual([-10 * DAY, -10 * DAY]);
    expect(model.delays['30-90']).toEqual([30 * DAY, 30 * DAY]);
  });

  it('uses the own bucket when it has enough observations', () => {
    // expected 2026-06-11 (lead 10 days): 20 candidates, each 5 days late
    expect(closeCandidates(model, '2026-06-11', asOf).map(iso)).toEqual(repeat(20, '2026-06-16'));
  });

  it('borrows every non-overdue slip when its bucket is too small', () => {
    // expected 2026-07-21 (lead 50 days, bucket 30-90 has 2 < 20): 20 x (+5 days) and 2 x (-10 days)
    const candidates = closeCandidates(model, '2026-07-21', asOf).map(iso);
    expect(candidates).toHaveLength(22);
    expect(candidates.filter((d) => d === '2026-07-26')).toHaveLength(20);
    expect(candidates.filter((d) => d === '2026-07-11')).toHaveLength(2);
  });

  it('treats an overdue deal as due now when there are too few overdue observations, never before now', () => {
    // expected 2026-05-25, overdue: slips of the 0-30 bucket from asOf: 2026-06-01 + 5 days
    expect(closeCandidates(model, '2026-05-25', asOf).map(iso)).toEqual(repeat(20, '2026-06-06'));
    // slips earlier than now are clamped to now: 20 observations closing 10 days early, deal due in 5 days
    const early = fitCloseDateModel(repeat(MIN_BUCKET, { at: 0, expected: 20 * DAY, closedAt: 10 * DAY }));
    expect(closeCandidates(early, '2026-06-06', asOf)).toEqual(repeat(20, asOf));
  });

  it('places a deal without a date at now plus the observed delays', () => {
    // delays: 20 x 15 days and 2 x 30 days
    const candidates = closeCandidates(model, null, asOf).map(iso);
    expect(candidates.filter((d) => d === '2026-06-16')).toHaveLength(20);
    expect(candidates.filter((d) => d === '2026-07-01')).toHaveLength(2);
  });

  it('uses overdue observations for overdue deals once there are enough', () => {
    // 20 observations made 3 days after their date had passed, closing 7 days later
    const overdue = fitCloseDateModel(repeat(MIN_BUCKET, { at: 13 * DAY, expected: 10 * DAY, closedAt: 20 * DAY }));
    expect(closeCandidates(overdue, '2026-05-01', asOf).map(iso)).toEqual(repeat(20, '2026-06-08'));
  });
});
