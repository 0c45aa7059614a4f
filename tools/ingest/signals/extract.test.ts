import { describe, expect, it } from 'vitest';
import { extractSignals } from './extract.ts';
import type { Signals, Span } from './types.ts';

const ctx = { now: new Date('2026-06-15T12:00:00Z'), timeZone: 'America/New_York', speaker: 'Dana', knownCompetitors: ['Closewell'] };

const allSpans = (s: Signals): Span[] => [
  ...s.quantities, ...s.prices, ...s.dates, ...s.margins, ...s.discounts, ...s.competitors, ...s.objections, ...s.questions, ...s.actionItems,
];

describe('extractSignals', () => {
  const email = [
    'Hi Maya,',
    '',
    'Thanks for the proposal. Honestly, $86,000 is more than we budgeted for 250 seats; we are also looking at Closewell.',
    'Could you send a revised quote by Friday? I will review it with our CFO next week.',
  ].join('\n');
  const s = extractSignals(email, ctx);

  it('extracts every signal of a buyer email', () => {
    expect(s.prices.map((p) => [p.amountMinor, p.currency])).toEqual([[8_600_000, 'USD']]);
    expect(s.quantities.map((q) => [q.value, q.unit])).toEqual([[250, 'seats']]);
    expect(s.competitors.map((c) => c.name)).toEqual(['Closewell']);
    expect(s.objections.map((o) => o.type).sort()).toEqual(['competitor', 'price']);
    expect(s.dates.map((d) => [d.date, d.kind])).toEqual([['2026-06-19', 'deadline'], ['2026-06-22', 'mention']]);
    expect(s.questions.map((q) => q.kind)).toEqual(['request']);
    expect(s.actionItems.map((a) => [a.owner, a.ownerRole, a.due])).toEqual([[null, 'addressee', '2026-06-19'], ['Dana', 'speaker', '2026-06-22']]);
  });

  it('keeps every span traceable: text === input.slice(start, end)', () => {
    const spans = allSpans(s);
    expect(spans.length).toBeGreaterThan(8);
    for (const span of spans) expect(email.slice(span.start, span.end)).toBe(span.text);
  });

  it('returns empty signals for empty text', () => {
    expect(extractSignals('', ctx)).toEqual({
      quantities: [], prices: [], dates: [], margins: [], discounts: [], competitors: [], objections: [], questions: [],
      sentiment: { label: 'neutral', score: 0 }, actionItems: [],
    });
  });

  it('is deterministic: same input, same output', () => {
    expect(extractSignals(email, ctx)).toEqual(s);
  });
});
