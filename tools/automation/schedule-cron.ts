import { Cron } from 'croner';
import { invalidInput } from '../core/errors.ts';
import { isValidZone, localIso } from './business-hours.ts';

// Cron validation and next run times, by croner, evaluated in the schedule's IANA zone from ctx.now.

/** Throws invalid_input naming `cron` or `timezone` when either is wrong. */
export function checkCron(cron: string, timeZone: string): void {
  if (!isValidZone(timeZone)) throw invalidInput([{ field: 'timezone', message: `"${timeZone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York)` }]);
  try {
    new Cron(cron, { timezone: timeZone, paused: true });
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    throw invalidInput([{ field: 'cron', message: `"${cron}" is not a valid cron expression: ${why} (format: minute hour day-of-month month day-of-week, e.g. "0 8 * * 1-5")` }]);
  }
}

export function nextRuns(cron: string, timeZone: string, from: Date, n = 3): { at: string; local: string }[] {
  const job = new Cron(cron, { timezone: timeZone, paused: true });
  return job.nextRuns(n, from).map((d) => ({ at: d.toISOString(), local: localIso(d, timeZone) }));
}
