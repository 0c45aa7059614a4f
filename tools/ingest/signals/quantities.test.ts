import { describe, expect, it } from 'vitest';
import { extractSignals } from './extract.ts';

const now = new Date('2026-06-15T12:00:00Z');
const q = (text: string) => extractSignals(text, { now }).quantities.map(({ value, valueMax, unit, text: t }) => ({ value, valueMax, unit, text: t }));

describe('quantities', () => {
  it('reads the spec examples', () => {
    expect(q('We need 250 seats.')).toEqual([{ value: 250, valueMax: undefined, unit: 'seats', text: '250 seats' }]);
    expect(q('Somewhere between 200 and 300 users.')).toEqual([{ value: 200, valueMax: 300, unit: 'users', text: 'between 200 and 300 users' }]);
    expect(q('Budget covers 200-300 licenses.')).toEqual([{ value: 200, valueMax: 300, unit: 'licenses', text: '200-300 licenses' }]);
    expect(q('They ship 1,200 units a month.')).toEqual([{ value: 1200, valueMax: undefined, unit: 'units', text: '1,200 units' }]);
    expect(q('Start with 2k seats.')).toEqual([{ value: 2000, valueMax: undefined, unit: 'seats', text: '2k seats' }]);
  });

  it('reads durations, modifiers, spoken numbers and energy units', () => {
    expect(q('Book a 30-minute call for 8 pilot users.').map((x) => [x.value, x.unit])).toEqual([[30, 'minutes'], [8, 'users']]);
    expect(q('A three-year term, then ten million units.').map((x) => [x.value, x.unit])).toEqual([[3, 'years'], [10_000_000, 'units']]);
    expect(q('We sold 200MW and 5 , 000 mw more.').map((x) => [x.value, x.unit])).toEqual([[200, 'mw'], [5000, 'mw']]);
    expect(q('installing across many stores (60-100) in San Diego')).toEqual([{ value: 60, valueMax: 100, unit: 'stores', text: 'stores (60-100)' }]);
  });

  it('ignores years, phones, versions, money, percentages, times and other nouns', () => {
    expect(q('Unhedged 15,000/d in 2003 and 2004; call 713-853-7107 about v2.1.')).toEqual([]);
    expect(q('The price is $30 per user and 40% of users agree.')).toEqual([]);
    expect(q('Time: 2:30 - 3:30 Location: EB30C1, 3 bids, the 19 th floor.')).toEqual([]);
  });
});
