import { describe, expect, it } from 'vitest';
import { extractSignals } from './extract.ts';

const now = new Date('2026-06-15T12:00:00Z');
const types = (text: string, knownCompetitors: string[] = ['Closewell', 'Brightpipe']) =>
  [...new Set(extractSignals(text, { now, knownCompetitors }).objections.map((o) => o.type))].sort();

describe('objections', () => {
  it.each([
    ['Honestly, $86,000 is more than we budgeted.', ['price']],
    ['The timing is tough: we cannot start before September 1.', ['timing']],
    ['Can we push this out a couple of weeks?', ['timing']],
    ['I am supportive, but the final call sits with our CFO.', ['authority']],
    ['We already have dashboards in Salesforce, so I am struggling to see the gap.', ['need']],
    ['We are also looking at Closewell, and their demo went well.', ['competitor']],
    ['Frankly, Brightpipe looks further along on forecasting.', ['competitor']],
    ['Our legal team is worried about where the data is stored.', ['trust']],
    ['Custom territory hierarchies are a dealbreaker for our ops team.', ['feature']],
    ['Legal flagged the auto-renewal clause in your order form.', ['contract']],
    ['Well to be honest I found the same car with less miles for cheaper.', ['competitor', 'price']],
  ])('%s -> %j', (text, expected) => {
    expect(types(text)).toEqual(expected);
  });

  it('does not read topics as objections', () => {
    expect(types('Here is the revised order form: 150 seats, $90,000 per year, net-45 payment terms.')).toEqual([]);
    expect(types('Looked at Closewell last year but did not buy.')).toEqual([]);
    expect(types('The timing is actually good: this is on our list for this quarter.')).toEqual([]);
    expect(types('Is there a discount for paying annually up front?')).toEqual([]);
  });

  it('spans the sentence that carries the objection', () => {
    const text = 'Thanks for the deck. That is too expensive for us.';
    const [o] = extractSignals(text, { now }).objections;
    expect(o?.text).toBe('That is too expensive for us.');
    expect(text.slice(o?.start, o?.end)).toBe(o?.text);
  });
});
