import { DateTime } from 'luxon';

// How facts are worded in drafts: dates in the reader's own zone, money in the deal's currency.

export function zoneOr(zone: string | null | undefined): string {
  return zone && DateTime.now().setZone(zone).isValid ? zone : 'UTC';
}

/** "Tuesday, June 2" in the reader's zone */
export function dayLabel(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('cccc, LLLL d');
}

/** "June 30, 2026" from a YYYY-MM-DD calendar date */
export function calendarLabel(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).toFormat('LLLL d, yyyy');
}

export function moneyLabel(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(minor / 100);
}

/** whole calendar days between two instants */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}

export function hourLabel(hour: number): string {
  return DateTime.fromObject({ hour }, { zone: 'UTC' }).toFormat('h a').toLowerCase();
}
