import { DateTime } from 'luxon';
import { z } from 'zod';
import { invalidInput } from '../core/errors.ts';
import { addBusinessHours, DEFAULT_HOURS, type BusinessHours } from './business-hours.ts';

// A task's due moment from what people write: an ISO instant, a date (due at the end of that working
// day, in the owner's zone), or today / tomorrow / in N days / in N business days / next monday.

export const dueInput = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .describe('when it is due: an ISO instant (2026-06-18T15:00:00Z), a date (2026-06-18 = end of that working day in the owner\'s time zone), or today, tomorrow, in 3 days, in 2 business days, next monday');

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The due instant, or an invalid_input error naming `field`. */
export function parseDue(text: string, now: Date, zone: string, hours: BusinessHours = DEFAULT_HOURS, field = 'due'): Date {
  const value = text.trim().toLowerCase();
  const local = DateTime.fromJSDate(now, { zone });
  const endOf = (d: DateTime) => d.set({ hour: hours.endHour, minute: 0, second: 0, millisecond: 0 }).toJSDate();

  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = DateTime.fromISO(value, { zone });
    if (!d.isValid) throw invalidInput([{ field, message: `"${text}" is not a calendar date` }]);
    return endOf(d);
  }
  if (/^\d{4}-\d{2}-\d{2}t/.test(value)) {
    const d = DateTime.fromISO(text.trim(), { zone, setZone: false });
    if (!d.isValid) throw invalidInput([{ field, message: `"${text}" is not an ISO 8601 instant` }]);
    return d.toJSDate();
  }
  if (value === 'today') return endOf(local);
  if (value === 'tomorrow') return endOf(local.plus({ days: 1 }));
  const inDays = /^in (\d{1,3}) (business |working )?days?$/.exec(value);
  if (inDays) {
    const n = Number(inDays[1]);
    return inDays[2] ? addBusinessHours(now, n * (hours.endHour - hours.startHour), zone, hours) : endOf(local.plus({ days: n }));
  }
  const inHours = /^in (\d{1,3}) hours?$/.exec(value);
  if (inHours) return new Date(now.getTime() + Number(inHours[1]) * 3_600_000);
  const next = /^(next )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.exec(value);
  if (next) {
    const target = WEEKDAYS.indexOf(next[2]!) + 1;
    const ahead = ((target - local.weekday + 7) % 7) || 7;
    return endOf(local.plus({ days: ahead }));
  }
  throw invalidInput([{ field, message: `"${text}" is not a due date I understand`, }]);
}
