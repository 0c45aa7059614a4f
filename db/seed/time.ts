// Date arithmetic for the generator. Every instant derives from options.now; local times use
// IANA zones through Intl so a lead in Sydney gets mail at Sydney business hours.
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const addMs = (at: Date, ms: number): Date => new Date(at.getTime() + Math.round(ms));
export const addDays = (at: Date, days: number): Date => addMs(at, days * DAY);
export const daysBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / DAY;
export const minDate = (a: Date, b: Date): Date => (a.getTime() <= b.getTime() ? a : b);
export const maxDate = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
/** whole seconds: the stored data looks like a CRM's, not like a benchmark's */
export const roundSecond = (at: Date): Date => new Date(Math.floor(at.getTime() / 1000) * 1000);

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** minutes to add to UTC to get local wall time in `tz` at that instant; cached per zone and hour */
export function tzOffsetMinutes(tz: string, at: Date): number {
  const hourKey = `${tz}|${Math.floor(at.getTime() / HOUR)}`;
  const cached = offsets.get(hourKey);
  if (cached !== undefined) return cached;
  let fmt = formatters.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(tz, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
  const offset = Math.round((wall - Math.floor(at.getTime() / MINUTE) * MINUTE) / MINUTE);
  offsets.set(hourKey, offset);
  return offset;
}

/** the wall clock in `tz` as a Date whose UTC fields read as local ones */
export function wallClock(at: Date, tz: string): Date {
  return addMs(at, tzOffsetMinutes(tz, at) * MINUTE);
}

export const localHour = (at: Date, tz: string): number => wallClock(at, tz).getUTCHours();
const isWeekend = (wall: Date): boolean => wall.getUTCDay() === 0 || wall.getUTCDay() === 6;

/** the instant at local hour:minute on the local day containing `anchor` */
export function atLocal(anchor: Date, tz: string, hour: number, minute = 0): Date {
  const wall = wallClock(anchor, tz);
  const target = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), hour, minute);
  let guess = new Date(target - tzOffsetMinutes(tz, anchor) * MINUTE);
  guess = new Date(target - tzOffsetMinutes(tz, guess) * MINUTE);
  return guess;
}

/** the first weekday instant at or after `earliest` with local time hour:minute */
export function nextBusinessAt(earliest: Date, tz: string, hour: number, minute = 0): Date {
  let candidate = atLocal(earliest, tz, hour, minute);
  for (let i = 0; i < 8; i++) {
    if (candidate.getTime() >= earliest.getTime() && !isWeekend(wallClock(candidate, tz))) return candidate;
    candidate = atLocal(addDays(candidate, 1), tz, hour, minute);
  }
  return candidate;
}

/** YYYY-MM-DD of the UTC day, for date columns */
export const isoDay = (at: Date): string => at.toISOString().slice(0, 10);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "March 15", as people write dates in email */
export const spokenDate = (at: Date): string => `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}`;
export const weekdayName = (at: Date): string => WEEKDAYS[at.getUTCDay()] as string;
export const SECOND_MS = 1000;
