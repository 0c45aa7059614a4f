import { describe, expect, it } from 'vitest';
import { closeDays, parsePeriod, parseSpan, pastWindow, periodsBetween, previousPeriod, rangeFrom, resolveSpan, spanInput } from './period.ts';

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

  // spans, under the fixed clock 2026-06-15T12:00Z (a Monday)
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const spanOf = (text: string, at = now) => {
    const s = parseSpan(text, at);
    return [s.label, iso(s.start), iso(s.end)];
  };

  it('parses weeks (Monday first), rolling days and to-date spans with an exclusive end', () => {
    expect(spanOf('this_week')).toEqual(['week of 2026-06-15', '2026-06-15T00:00:00.000Z', '2026-06-22T00:00:00.000Z']);
    expect(spanOf('last_week')).toEqual(['week of 2026-06-08', '2026-06-08T00:00:00.000Z', '2026-06-15T00:00:00.000Z']);
    // a Sunday belongs to the week that began the Monday before
    expect(spanOf('this_week', new Date('2026-06-21T23:59:00Z'))).toEqual(['week of 2026-06-15', '2026-06-15T00:00:00.000Z', '2026-06-22T00:00:00.000Z']);
    // 7 whole days with today: 06-09 .. 06-15
    expect(spanOf('last_7_days')).toEqual(['last 7 days', '2026-06-09T00:00:00.000Z', '2026-06-16T00:00:00.000Z']);
    // 30 days: 05-17 .. 06-15; 90 days: 03-18 .. 06-15
    expect(spanOf('last_30_days')[1]).toBe('2026-05-17T00:00:00.000Z');
    expect(spanOf('last_90_days')[1]).toBe('2026-03-18T00:00:00.000Z');
    expect(spanOf('ytd')).toEqual(['ytd to 2026-06-15', '2026-01-01T00:00:00.000Z', '2026-06-16T00:00:00.000Z']);
    expect(spanOf('qtd')[1]).toBe('2026-04-01T00:00:00.000Z');
    expect(spanOf('mtd')[1]).toBe('2026-06-01T00:00:00.000Z');
    expect(spanOf('yesterday')).toEqual(['2026-06-14', '2026-06-14T00:00:00.000Z', '2026-06-15T00:00:00.000Z']);
    // calendar names are spans too
    expect(spanOf('2017')).toEqual(['2017', '2017-01-01T00:00:00.000Z', '2018-01-01T00:00:00.000Z']);
    expect(spanInput.safeParse('last_30_days').success).toBe(true);
    expect(spanInput.safeParse('last_fortnight').success).toBe(false);
    expect(() => parseSpan('last_400_days', now)).toThrow(/N from 1 to 366/);
  });

  it('reads from/to with an inclusive to: a date is its whole day, an instant itself', () => {
    const days = rangeFrom('2026-03-01', '2026-03-31');
    expect([iso(days.start), iso(days.end)]).toEqual(['2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    const instants = rangeFrom('2026-03-01T08:00:00Z', '2026-03-01T09:00:00Z');
    expect([iso(instants.start), iso(instants.end)]).toEqual(['2026-03-01T08:00:00.000Z', '2026-03-01T09:00:00.001Z']);
    expect(iso(rangeFrom(undefined, '2026-03-31').start)).toBeNull();
    expect(() => rangeFrom('2026-04-01', '2026-03-31')).toThrow(/^from: must not be after to/);
    expect(closeDays({ period: 'next_month' }, now)).toEqual({ firstDay: '2026-07-01', lastDay: '2026-07-31' });
    expect(closeDays({ from: '2026-07-01', to: '2026-07-31' }, now)).toEqual({ firstDay: '2026-07-01', lastDay: '2026-07-31' });
  });

  it('takes period or from/to, never both, and falls back when neither is given', () => {
    expect(() => resolveSpan({ period: '2026', from: '2026-01-01' }, now)).toThrow(/^period: give either period or from\/to, not both/);
    expect(resolveSpan({}, now)).toBeNull();
    expect(resolveSpan({ period: 'last_quarter' }, now)?.label).toBe('2026-Q1');
  });

  it('cuts a span at now for reports of what happened', () => {
    const running = pastWindow(parseSpan('this_month', now), now);
    expect([iso(running.from), iso(running.toExclusive)]).toEqual(['2026-06-01T00:00:00.000Z', '2026-06-15T12:00:00.001Z']);
    const future = pastWindow(parseSpan('next_month', now), now);
    expect(iso(future.toExclusive)).toBe('2026-07-01T00:00:00.000Z');
    expect(pastWindow(null, now).from).toBeNull();
  });
});
