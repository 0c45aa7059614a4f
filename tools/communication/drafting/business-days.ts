import { DateTime } from 'luxon';

/** The calendar day `n` business days (Mon-Fri) after `from`, in `zone`; 0 = today, or Monday when today is a weekend. */
export function addBusinessDays(from: Date, n: number, zone: string): DateTime {
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  while (day.weekday > 5) day = day.plus({ days: 1 });
  for (let left = n; left > 0; ) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) left -= 1;
  }
  return day;
}
