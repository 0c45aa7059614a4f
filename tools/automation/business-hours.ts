import { DateTime, IANAZone } from 'luxon';

// Business-hours arithmetic in a person's own IANA time zone, done by luxon so that offsets (and their
// DST changes) come from the tz database, never from hand-written hour shifts. Weekends are skipped.

export interface BusinessHours {
  /** first working hour, local (default 9) */
  startHour: number;
  /** end of the working day, local, exclusive (default 17) */
  endHour: number;
}

export const DEFAULT_HOURS: BusinessHours = { startHour: 9, endHour: 17 };

export const isValidZone = (zone: string) => IANAZone.isValidZone(zone);

/** The zone to use: the first valid one given, else UTC. */
export function zoneOf(...candidates: (string | null | undefined)[]): string {
  return candidates.find((z): z is string => typeof z === 'string' && z !== '' && isValidZone(z)) ?? 'UTC';
}

const isWeekend = (d: DateTime) => d.weekday >= 6;

function startOfDay(d: DateTime, hours: BusinessHours): DateTime {
  return d.set({ hour: hours.startHour, minute: 0, second: 0, millisecond: 0 });
}

function endOfDay(d: DateTime, hours: BusinessHours): DateTime {
  return d.set({ hour: hours.endHour, minute: 0, second: 0, millisecond: 0 });
}

/** The next weekday's opening, strictly after the given local day. */
function nextOpening(d: DateTime, hours: BusinessHours): DateTime {
  let day = d.startOf('day').plus({ days: 1 });
  while (isWeekend(day)) day = day.plus({ days: 1 });
  return startOfDay(day, hours);
}

/** Rounds up to the next quarter hour (a suggestion of 10:07 reads as 10:15). */
function roundUpQuarter(d: DateTime): DateTime {
  const minutes = d.minute + (d.second > 0 || d.millisecond > 0 ? 1 : 0);
  const up = Math.ceil(minutes / 15) * 15;
  return d.set({ minute: 0, second: 0, millisecond: 0 }).plus({ minutes: up });
}

/**
 * The first instant at or after `after` that falls inside business hours in `zone` (rounded up to a
 * quarter hour). With `preferredHour`, the first business day whose slot at that local hour is still ahead.
 */
export function nextBusinessSlot(after: Date, zone: string, hours: BusinessHours = DEFAULT_HOURS, preferredHour?: number | null): Date {
  const local = DateTime.fromJSDate(after, { zone });
  if (preferredHour != null && preferredHour >= hours.startHour && preferredHour < hours.endHour) {
    let day = local.startOf('day');
    for (let i = 0; i < 14; i++, day = day.plus({ days: 1 })) {
      if (isWeekend(day)) continue;
      const slot = day.set({ hour: preferredHour, minute: 0, second: 0, millisecond: 0 });
      if (slot >= local) return slot.toJSDate();
    }
  }
  let at = roundUpQuarter(local);
  if (!isWeekend(at) && at < startOfDay(at, hours)) at = startOfDay(at, hours);
  if (isWeekend(at) || at >= endOfDay(at, hours)) at = nextOpening(at, hours);
  return at.toJSDate();
}

/**
 * `from` plus `hours` working hours in `zone`: time outside business hours and weekends does not count.
 * E.g. 24 business hours at 9-17 from Friday 16:00 is Wednesday 16:00.
 */
export function addBusinessHours(from: Date, workHours: number, zone: string, hours: BusinessHours = DEFAULT_HOURS): Date {
  let at: DateTime = DateTime.fromJSDate(from, { zone });
  if (isWeekend(at) || at >= endOfDay(at, hours)) at = nextOpening(at, hours);
  else if (at < startOfDay(at, hours)) at = startOfDay(at, hours);
  let remaining = workHours * 60;
  for (;;) {
    const left = endOfDay(at, hours).diff(at, 'minutes').minutes;
    if (remaining <= left) return at.plus({ minutes: remaining }).toJSDate();
    remaining -= left;
    at = nextOpening(at, hours);
  }
}

/** Business days from `from` to `to` (whole weekdays between, by local calendar date). */
export function businessDaysBetween(from: Date, to: Date, zone: string): number {
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  const end = DateTime.fromJSDate(to, { zone }).startOf('day');
  let n = 0;
  while (day < end) {
    day = day.plus({ days: 1 });
    if (!isWeekend(day)) n++;
  }
  return n;
}

/** "Tue 10 Mar 09:00 America/New_York (UTC-4)": how a local time is shown next to its instant. */
export function localLabel(at: Date, zone: string): string {
  const d = DateTime.fromJSDate(at, { zone });
  return `${d.toFormat('ccc d LLL HH:mm')} ${zone} (UTC${d.toFormat('ZZ')})`;
}

/** ISO with the zone's own offset, e.g. 2026-03-10T09:00:00-04:00. */
export const localIso = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISO({ suppressMilliseconds: true }) ?? at.toISOString();
