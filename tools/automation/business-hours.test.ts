import { describe, expect, it } from 'vitest';
import { addBusinessHours, businessDaysBetween, localIso, nextBusinessSlot } from './business-hours.ts';
import { parseDue } from './due.ts';

// Instants computed by hand from the tz rules: Europe/Berlin goes CET (+1) -> CEST (+2) on Sun 29 Mar 2026
// and back on Sun 25 Oct 2026; America/New_York goes EST (-5) -> EDT (-4) on Sun 8 Mar 2026 and back on Sun 1 Nov 2026.
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('nextBusinessSlot', () => {
  it('Friday evening in Berlin before the spring change -> Monday 09:00 CEST (07:00Z), not 08:00Z', () => {
    // Fri 27 Mar 2026 17:30 CET = 16:30Z
    expect(iso(nextBusinessSlot(at('2026-03-27T16:30:00Z'), 'Europe/Berlin'))).toBe('2026-03-30T07:00:00.000Z');
  });

  it('Friday evening in Berlin before the autumn change -> Monday 09:00 CET (08:00Z)', () => {
    // Fri 23 Oct 2026 18:00 CEST = 16:00Z
    expect(iso(nextBusinessSlot(at('2026-10-23T16:00:00Z'), 'Europe/Berlin'))).toBe('2026-10-26T08:00:00.000Z');
  });

  it('Friday evening in New York before the spring change -> Monday 09:00 EDT (13:00Z)', () => {
    // Fri 6 Mar 2026 18:00 EST = 23:00Z
    expect(iso(nextBusinessSlot(at('2026-03-06T23:00:00Z'), 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('Friday evening in New York before the autumn change -> Monday 09:00 EST (14:00Z)', () => {
    // Fri 30 Oct 2026 17:30 EDT = 21:30Z
    expect(iso(nextBusinessSlot(at('2026-10-30T21:30:00Z'), 'America/New_York'))).toBe('2026-11-02T14:00:00.000Z');
  });

  it('a Saturday goes to Monday opening; early morning waits for 09:00; inside hours rounds up to the quarter', () => {
    expect(iso(nextBusinessSlot(at('2026-03-07T15:00:00Z'), 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z');
    // Tue 10 Mar 2026 07:00 EDT = 11:00Z
    expect(iso(nextBusinessSlot(at('2026-03-10T11:00:00Z'), 'America/New_York'))).toBe('2026-03-10T13:00:00.000Z');
    // 10:07 EDT -> 10:15 EDT
    expect(iso(nextBusinessSlot(at('2026-03-10T14:07:00Z'), 'America/New_York'))).toBe('2026-03-10T14:15:00.000Z');
  });

  it('the same instant lands on different local days by zone (Tokyo is already Saturday)', () => {
    // Fri 27 Mar 2026 16:00Z = Sat 01:00 in Tokyo -> Mon 30 Mar 09:00 JST = 00:00Z
    expect(iso(nextBusinessSlot(at('2026-03-27T16:00:00Z'), 'Asia/Tokyo'))).toBe('2026-03-30T00:00:00.000Z');
  });

  it('honours a preferred hour, on the next business day when today\'s has passed', () => {
    // Tue 10 Mar 07:00 EDT, prefers 14:00 -> 14:00 EDT = 18:00Z
    expect(iso(nextBusinessSlot(at('2026-03-10T11:00:00Z'), 'America/New_York', undefined, 14))).toBe('2026-03-10T18:00:00.000Z');
    // Fri 6 Mar 15:00 EST (20:00Z), prefers 14:00 -> Mon 9 Mar 14:00 EDT = 18:00Z
    expect(iso(nextBusinessSlot(at('2026-03-06T20:00:00Z'), 'America/New_York', undefined, 14))).toBe('2026-03-09T18:00:00.000Z');
  });

  it('uses configurable hours', () => {
    // 08:30 CEST Mon 30 Mar with 8-16 hours: already open -> 08:30 CEST = 06:30Z
    expect(iso(nextBusinessSlot(at('2026-03-30T06:30:00Z'), 'Europe/Berlin', { startHour: 8, endHour: 16 }))).toBe('2026-03-30T06:30:00.000Z');
  });
});

describe('addBusinessHours', () => {
  it('24 business hours from Friday 16:00 CET cross the weekend and the DST change: Wednesday 16:00 CEST', () => {
    // Fri 27 Mar 16:00 CET = 15:00Z; Fri 1h + Mon 8h + Tue 8h + Wed 7h -> Wed 1 Apr 16:00 CEST = 14:00Z
    expect(iso(addBusinessHours(at('2026-03-27T15:00:00Z'), 24, 'Europe/Berlin'))).toBe('2026-04-01T14:00:00.000Z');
  });

  it('24 business hours from Friday 16:00 EST: Wednesday 16:00 EDT', () => {
    expect(iso(addBusinessHours(at('2026-03-06T21:00:00Z'), 24, 'America/New_York'))).toBe('2026-03-11T20:00:00.000Z');
  });

  it('starting on a Sunday counts from Monday 09:00', () => {
    // Sun 1 Nov 2026 12:00 EST = 17:00Z; 4 hours -> Mon 2 Nov 13:00 EST = 18:00Z
    expect(iso(addBusinessHours(at('2026-11-01T17:00:00Z'), 4, 'America/New_York'))).toBe('2026-11-02T18:00:00.000Z');
  });

  it('counts weekdays between local dates', () => {
    expect(businessDaysBetween(at('2026-03-27T10:00:00Z'), at('2026-03-30T10:00:00Z'), 'Europe/Berlin')).toBe(1);
  });
});

describe('parseDue', () => {
  const now = at('2026-03-27T15:00:00Z'); // Fri 16:00 CET
  it('a date is due at the end of that working day in the zone, after the DST change too', () => {
    expect(iso(parseDue('2026-03-30', now, 'Europe/Berlin'))).toBe('2026-03-30T15:00:00.000Z');
    expect(iso(parseDue('tomorrow', now, 'Europe/Berlin'))).toBe('2026-03-28T16:00:00.000Z');
    expect(iso(parseDue('next monday', now, 'Europe/Berlin'))).toBe('2026-03-30T15:00:00.000Z');
    expect(iso(parseDue('in 2 business days', now, 'Europe/Berlin'))).toBe('2026-03-31T14:00:00.000Z');
    expect(localIso(parseDue('2026-06-18T15:00:00Z', now, 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-06-18T17:00:00+02:00');
  });
  it('refuses what it cannot read, naming the field', () => {
    expect(() => parseDue('someday', now, 'UTC')).toThrow(/due: "someday"/);
    expect(() => parseDue('2026-02-30', now, 'UTC')).toThrow(/not a calendar date/);
  });
});
