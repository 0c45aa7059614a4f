import { z } from 'zod';
import { invalidInput } from '../core/errors.ts';

// Reporting periods, shared by every analytics tool: "2026-Q3", "2026-07", "2026", "this_quarter",
// "last_month"... resolved against ctx.now. Boundaries are UTC calendar boundaries; `end` is exclusive.

export type Granularity = 'month' | 'quarter' | 'year';

export interface Period {
  label: string;
  granularity: Granularity;
  /** first instant of the period */
  start: Date;
  /** first instant after the period */
  end: Date;
}

export const PERIOD_KEYWORDS = [
  'this_month',
  'last_month',
  'next_month',
  'this_quarter',
  'last_quarter',
  'next_quarter',
  'this_year',
  'last_year',
  'next_year',
] as const;

export const periodInput = z
  .string()
  .trim()
  .regex(
    /^(\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?|(this|last|next)_(month|quarter|year))$/i,
    'must be a calendar period: YYYY, YYYY-Qn, YYYY-MM, or this/last/next_month|quarter|year (this tool works by calendar month, quarter or year)',
  )
  .describe('a period: "2026-Q3", "2026-07", "2026", or this_quarter, last_month, next_quarter, this_year...');

const utc = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1));
const monthsIn: Record<Granularity, number> = { month: 1, quarter: 3, year: 12 };

function labelOf(granularity: Granularity, start: Date): string {
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth();
  if (granularity === 'year') return String(year);
  if (granularity === 'quarter') return `${year}-Q${Math.floor(month / 3) + 1}`;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** The period of `granularity` that starts at the given year and month index (0-11), aligned down. */
export function periodAt(granularity: Granularity, yearIn: number, monthIndexIn: number): Period {
  // months outside 0-11 roll into neighbouring years before aligning, so shifting a year by -12 months works
  const normalised = utc(yearIn, monthIndexIn);
  const year = normalised.getUTCFullYear();
  const monthIndex = normalised.getUTCMonth();
  const alignedMonth = granularity === 'year' ? 0 : granularity === 'quarter' ? Math.floor(monthIndex / 3) * 3 : monthIndex;
  const start = utc(year, alignedMonth);
  const end = utc(year, alignedMonth + monthsIn[granularity]);
  return { label: labelOf(granularity, start), granularity, start, end };
}

/** The period `steps` periods after (negative: before) the given one. */
export function shiftPeriod(period: Period, steps: number): Period {
  const months = monthsIn[period.granularity] * steps;
  return periodAt(period.granularity, period.start.getUTCFullYear(), period.start.getUTCMonth() + months);
}

export const previousPeriod = (period: Period) => shiftPeriod(period, -1);

/** Parses a period name (see periodInput) relative to `now`. */
export function parsePeriod(text: string, now: Date, field = 'period'): Period {
  const value = text.trim();
  const keyword = /^(this|last|next)_(month|quarter|year)$/i.exec(value);
  if (keyword) {
    const granularity = keyword[2]!.toLowerCase() as Granularity;
    const current = periodAt(granularity, now.getUTCFullYear(), now.getUTCMonth());
    const step = { this: 0, last: -1, next: 1 }[keyword[1]!.toLowerCase() as 'this' | 'last' | 'next'];
    return shiftPeriod(current, step);
  }
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(value);
  if (quarter) return periodAt('quarter', Number(quarter[1]), (Number(quarter[2]) - 1) * 3);
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return periodAt('month', Number(month[1]), Number(month[2]) - 1);
  if (/^\d{4}$/.test(value)) return periodAt('year', Number(value), 0);
  throw invalidInput([{ field, message: `"${text}" is not a period; use YYYY, YYYY-Qn, YYYY-MM or this/last/next_month|quarter|year` }]);
}

/** Consecutive periods of `granularity` covering [from, to): for trends and per-month tables. */
export function periodsBetween(granularity: Granularity, from: Date, to: Date): Period[] {
  const out: Period[] = [];
  let current = periodAt(granularity, from.getUTCFullYear(), from.getUTCMonth());
  while (current.start < to) {
    out.push(current);
    current = shiftPeriod(current, 1);
  }
  return out;
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

// ---- Spans: the wider vocabulary for tools that only filter by a time range ------------------------------
// Calendar periods (above) stay the only choice where a tool needs a month, quarter or year (quotas pro-rated
// by granularity, trend buckets, forecasts). Tools that merely filter records by a date also take weeks,
// rolling windows and to-date spans, and a custom from/to. Every span is [start, end): `end` is exclusive.
// A caller's `to` is inclusive: a date (YYYY-MM-DD) includes that whole UTC day, an instant includes that instant.

export const SPAN_KEYWORDS = ['today', 'yesterday', 'this_week', 'last_week', 'next_week', 'ytd', 'qtd', 'mtd', 'last_7_days', 'last_30_days', 'last_90_days'] as const;

const SPAN_PATTERN = /^(\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?|(this|last|next)_(month|quarter|year|week)|today|yesterday|ytd|qtd|mtd|last_([1-9]\d{0,2})_days)$/i;
const SPAN_WORDS = 'YYYY, YYYY-Qn, YYYY-MM, this/last/next_month|quarter|year|week, today, yesterday, ytd, qtd, mtd or last_N_days (N 1-366)';

export const spanInput = z
  .string()
  .trim()
  .regex(SPAN_PATTERN, `must be ${SPAN_WORDS}`)
  .describe('a period: "2026-Q3", "2026-07", "2026", this_quarter, last_month, this_week, last_week, last_7_days, last_30_days, last_90_days, ytd, qtd, mtd, today...');

/** A date or an instant bounding a custom range; see resolveSpan for which end is inclusive. */
export const spanBound = z
  .union([z.iso.date('must be a date like 2026-03-31'), z.iso.datetime({ offset: true })])
  .describe('a date (YYYY-MM-DD, a whole UTC day) or an ISO 8601 instant');

/** A resolved time range, [start, end); null ends are open. */
export interface Span {
  label: string;
  start: Date | null;
  end: Date | null;
}

const DAY_MS = 86_400_000;
const dayStart = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
const addDaysUtc = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

/** Parses any span name (see spanInput) relative to `now`: calendar periods, ISO weeks (Monday first), rolling days, to-date. */
export function parseSpan(text: string, now: Date, field = 'period'): Span {
  const value = text.trim().toLowerCase();
  const today = dayStart(now);
  const tomorrow = addDaysUtc(today, 1);
  const week = /^(this|last|next)_week$/.exec(value);
  if (week) {
    const monday = addDaysUtc(today, -((today.getUTCDay() + 6) % 7));
    const start = addDaysUtc(monday, 7 * { this: 0, last: -1, next: 1 }[week[1] as 'this' | 'last' | 'next']);
    return { label: `week of ${isoDay(start)}`, start, end: addDaysUtc(start, 7) };
  }
  const rolling = /^last_(\d+)_days$/.exec(value);
  if (rolling) {
    const days = Number(rolling[1]);
    if (days < 1 || days > 366) throw invalidInput([{ field, message: `"${text}": last_N_days takes N from 1 to 366` }]);
    // the N whole days ending with today, today included
    return { label: `last ${days} days`, start: addDaysUtc(today, 1 - days), end: tomorrow };
  }
  if (value === 'today') return { label: isoDay(today), start: today, end: tomorrow };
  if (value === 'yesterday') return { label: isoDay(addDaysUtc(today, -1)), start: addDaysUtc(today, -1), end: today };
  const toDate = { ytd: 'year', qtd: 'quarter', mtd: 'month' }[value] as Granularity | undefined;
  if (toDate) {
    const start = periodAt(toDate, now.getUTCFullYear(), now.getUTCMonth()).start;
    return { label: `${value} to ${isoDay(today)}`, start, end: tomorrow };
  }
  try {
    return parsePeriod(text, now, field);
  } catch {
    throw invalidInput([{ field, message: `"${text}" is not a period; use ${SPAN_WORDS}` }]);
  }
}

const isDateOnly = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);

/** A custom range from caller bounds: `from` inclusive; `to` inclusive (a date = its whole day, an instant = up to and including it). */
export function rangeFrom(from: string | undefined, to: string | undefined, fields = { from: 'from', to: 'to' }): Span {
  const start = from === undefined ? null : new Date(isDateOnly(from) ? `${from}T00:00:00Z` : from);
  const end = to === undefined ? null : isDateOnly(to) ? addDaysUtc(new Date(`${to}T00:00:00Z`), 1) : new Date(new Date(to).getTime() + 1);
  if (start && end && start.getTime() >= end.getTime()) throw invalidInput([{ field: fields.from, message: `must not be after ${fields.to}` }]);
  return { label: `${from ?? '…'} to ${to ?? '…'}`, start, end };
}

export interface SpanFields {
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The one way a tool reads its time span: `period` (any span name) or a custom `from`/`to`, never both.
 * Returns `fallback` when neither is given (null: no time filter).
 */
export function resolveSpan(input: SpanFields, now: Date, fallback: Span | null = null, fields = { period: 'period', from: 'from', to: 'to' }): Span | null {
  if (input.period !== undefined && (input.from !== undefined || input.to !== undefined)) {
    throw invalidInput([{ field: fields.period, message: `give either ${fields.period} or ${fields.from}/${fields.to}, not both` }]);
  }
  if (input.period !== undefined) return parseSpan(input.period, now, fields.period);
  if (input.from !== undefined || input.to !== undefined) return rangeFrom(input.from, input.to, fields);
  return fallback;
}

/** The span as inclusive calendar days, for date columns (expected close dates): [first day, last day]. */
export function spanDays(span: Span): { firstDay: string | undefined; lastDay: string | undefined } {
  return {
    firstDay: span.start ? isoDay(span.start) : undefined,
    lastDay: span.end ? isoDay(new Date(span.end.getTime() - 1)) : undefined,
  };
}

/** Inclusive expected-close days from a tool's period or from/to dates (none given: no filter). */
export function closeDays(input: SpanFields, now: Date): { firstDay: string | undefined; lastDay: string | undefined } {
  const span = resolveSpan(input, now);
  return span ? spanDays(span) : { firstDay: undefined, lastDay: undefined };
}

/** A span cut at now for reports of what happened: a span still running ends at now, one that starts later is empty. */
export function pastWindow(span: Span | null, now: Date): { from: Date | null; toExclusive: Date } {
  const nowExclusive = now.getTime() + 1;
  const end = span?.end ? Math.min(span.end.getTime(), nowExclusive) : nowExclusive;
  const from = span?.start ?? null;
  return { from, toExclusive: new Date(from ? Math.max(from.getTime(), end) : end) };
}
