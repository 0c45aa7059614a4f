import { describe, expect, it } from 'vitest';
import { parsePeriod, periodsBetween, previousPeriod } from './period.ts';

const now = new Date('2026-06-15T12:00:00Z');
const span = (text: string) => {
  const p = parsePeriod(text, now);
  return [p.label, p.start.toISOString().slice(0, 10), p.end.toISOString().slice(0, 10)];
};

describe('reporting periods', () => {
  it('parses named periods with an exclusive end', () => {
    expect(span('2026-Q3')).toEqual(['2026-Q3', '2026-07-01', '2026-10-01']);
    expect(span('2026-02')).toEqual(['2026-02', '2026-02-01', '2026-03-01']);
    expect(span('2025')).toEqual(['2025', '2025-01-01', '2026-01-01']);
    expect(span('2026-q4')).toEqual(['2026-Q4', '2026-10-01', '2027-01-01']);
  });

  it('resolves relative periods against now, across year boundaries', () => {
    expect(span('this_quarter')).toEqual(['2026-Q2', '2026-04-01', '2026-07-01']);
    expect(span('last_quarter')).toEqual(['2026-Q1', '2026-01-01', '2026-04-01']);
    expect(span('next_month')).toEqual(['2026-07', '2026-07-01', '2026-08-01']);
    const january = parsePeriod('last_month', new Date('2026-01-10T00:00:00Z'));
    expect(january.label).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q1', now)).label).toBe('2025-Q4');
    expect(span('last_year')).toEqual(['2025', '2025-01-01', '2026-01-01']);
    expect(span('next_year')).toEqual(['2027', '2027-01-01', '2028-01-01']);
    expect(previousPeriod(parsePeriod('2026', now)).label).toBe('2025');
  });

  it('names the field when the text is not a period', () => {
    expect(() => parsePeriod('2026-13', now, 'period')).toThrow(/^period: "2026-13" is not a period/);
  });

  it('lists the periods covering a range', () => {
    const months = periodsBetween('month', new Date('2026-01-20T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(months.map((m) => m.label)).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});
