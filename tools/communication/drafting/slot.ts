import { DateTime } from 'luxon';
import type { FactBook } from '../facts/collect.ts';
import type { Fact } from '../facts/fact.ts';

// A meeting time to propose: the next business day (Mon-Fri, in the lead's own zone) at the hour they
// prefer to be contacted (else 10 am), at least one day from now. Luxon does the zone and DST arithmetic.

export function proposedSlot(book: FactBook, now: Date, preferredHour: number | null): Fact {
  const hour = preferredHour !== null && preferredHour >= 8 && preferredHour <= 17 ? preferredHour : 10;
  let day = DateTime.fromJSDate(now, { zone: book.zone }).plus({ days: 1 }).startOf('day');
  while (day.weekday > 5) day = day.plus({ days: 1 });
  const at = day.set({ hour });
  return {
    key: 'derived.proposedSlot',
    fact: `${at.toFormat('cccc, LLLL d')} at ${at.toFormat('h a').toLowerCase()}`,
    source: { kind: 'derived', id: book.leadId, field: preferredHour !== null ? 'preferredContactHour' : 'timeZone', quote: at.toISO() ?? undefined },
  };
}
