// Calendar arithmetic on plain dates (no time, no zone), and the wall-clock date of an instant in
// an IANA zone. Dates are { y, m (1-12), d } and are moved through Date.UTC so DST never interferes.

export interface YMD {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

export const toUtc = (p: YMD): number => Date.UTC(p.y, p.m - 1, p.d);
export const fromUtc = (ms: number): YMD => {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};
export const addDays = (p: YMD, days: number): YMD => fromUtc(toUtc(p) + days * DAY_MS);
export const weekday = (p: YMD): number => new Date(toUtc(p)).getUTCDay();
export const compare = (a: YMD, b: YMD): number => toUtc(a) - toUtc(b);
export const iso = (p: YMD): string => `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
export const lastDayOfMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const isValid = (p: YMD): boolean => p.m >= 1 && p.m <= 12 && p.d >= 1 && p.d <= lastDayOfMonth(p.y, p.m);

/** Monday of the week holding p (weeks start on Monday) */
export const mondayOf = (p: YMD): YMD => addDays(p, -((weekday(p) + 6) % 7));

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** the calendar date and UTC offset (minutes) of an instant in a zone */
export function wallClock(now: Date, timeZone: string | undefined): { today: YMD; offsetMinutes: number } {
  if (!timeZone || timeZone === 'UTC') return { today: fromUtc(now.getTime()), offsetMinutes: 0 };
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(now)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year as number, (parts.month as number) - 1, parts.day as number, parts.hour as number, parts.minute as number);
  const offsetMinutes = Math.round((local - Math.floor(now.getTime() / 60_000) * 60_000) / 60_000);
  return { today: { y: parts.year as number, m: parts.month as number, d: parts.day as number }, offsetMinutes };
}
