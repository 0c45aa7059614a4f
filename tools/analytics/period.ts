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
    'must be YYYY, YYYY-Qn, YYYY-MM, or this/last/next_month|quarter|year',
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
