import { describe, expect, it } from 'vitest';
import type { Signals } from '../../tools/ingest/signals/types.ts';
import type { LabelledSentence } from './dataset.ts';
import { matchKeys, scoreDataset, toRow } from './score.ts';

const empty = (): Signals => ({
  quantities: [], prices: [], dates: [], margins: [], discounts: [], competitors: [], objections: [], questions: [],
  sentiment: { label: 'neutral', score: 0 }, actionItems: [],
});
const row = (id: string, expected: Partial<LabelledSentence['expected']>): LabelledSentence => ({
  id, split: 'test', source: 'unit', text: id, now: '2026-06-15T12:00:00Z', context: {},
  expected: { quantities: [], prices: [], dates: [], margins: [], discounts: [], competitors: [], objections: [], questions: false, sentiment: 'neutral', actionItems: [], ...expected },
});
const span = { text: 'x', start: 0, end: 1 };

describe('toRow', () => {
  it('computes P, R, F1 from counts', () => {
    // P = 3/4, R = 3/5, F1 = 2 * 0.75 * 0.6 / 1.35 = 0.6667
    const r = toRow('x', { tp: 3, fp: 1, fn: 2 });
    expect(r.precision).toBe(0.75);
    expect(r.recall).toBe(0.6);
    expect(r.f1).toBeCloseTo(0.6667, 4);
  });

  it('reads n/a (null) with nothing predicted or expected, and 0 when nothing matches', () => {
    expect(toRow('x', { tp: 0, fp: 0, fn: 0 })).toMatchObject({ precision: null, recall: null, f1: null });
    expect(toRow('x', { tp: 0, fp: 2, fn: 1 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('matchKeys', () => {
  it('matches a multiset: a duplicate prediction is a false positive', () => {
    const m = matchKeys(['a', 'a', 'b'], ['a', 'c'], (x) => x, (x) => x);
    expect(m.pairs).toEqual([['a', 'a']]);
    expect(m.fp).toEqual(['a', 'b']);
    expect(m.fn).toEqual(['c']);
  });
});

describe('scoreDataset', () => {
  it('counts span matches by value/unit, amount/currency and ISO date', () => {
    const rows = [
      row('r1', { quantities: [{ value: 250, unit: 'seats' }], prices: [{ amountMinor: 4_200_000, currency: 'USD' }], dates: [{ date: '2026-06-19', kind: 'deadline' }], questions: true }),
      row('r2', { quantities: [{ value: 200, valueMax: 300, unit: 'users' }] }),
    ];
    const predictions: Record<string, Signals> = {
      // r1: quantity right, price in the wrong currency, date right with the wrong kind, a question
      r1: { ...empty(), quantities: [{ ...span, value: 250, unit: 'seats' }], prices: [{ ...span, amountMinor: 4_200_000, currency: 'EUR' }], dates: [{ ...span, date: '2026-06-19', kind: 'mention' }], questions: [{ ...span, kind: 'question' }] },
      // r2: range read as a single value: one fp and one fn
      r2: { ...empty(), quantities: [{ ...span, value: 200, unit: 'users' }] },
    };
    const report = scoreDataset(rows, (r) => predictions[r.id] as Signals);
    const by = Object.fromEntries(report.rows.map((r) => [r.type, r]));
    expect(by.quantities).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
    expect(by.prices).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(by.dates).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    expect(by.questions).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(report.dateKindAccuracy).toBe(0); // 0 of 1 matched dates has the right kind
    expect(report.questionAccuracy).toBe(1); // r1 asked and was labelled so; r2 neither
    expect(report.sentences).toBe(2);
    expect(report.misses.filter((m) => m.type === 'prices').map((m) => `${m.kind}:${m.detail}`)).toEqual(['fp:4200000||EUR', 'fn:4200000||USD']);
  });
});
