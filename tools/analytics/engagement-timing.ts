import { ratio } from '../../core/stats/descriptive.ts';
import type { OutboundEmailRow } from '../../db/repos/analytics-engagement.ts';
import { pct } from '../core/schemas.ts';

// Best send hour and weekday, in the recipient's own time zone. For each outbound email that was
// delivered (bounces and untracked sends are left out), the hour (0-23) and weekday of the SEND are read
// in the lead's time zone, else the lead's account's, else UTC. Per slot:
//   open rate  = delivered emails opened / delivered emails
//   reply rate = delivered emails replied to / delivered emails
// The best slot is the highest rate among slots with at least `minSample` delivered emails (ties: more
// emails, then the earlier slot); none when no slot reaches the floor.

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const SHORT_WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A formatter for the zone, or null when the zone name is not one Intl knows. */
function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    let formatter: Intl.DateTimeFormat | null;
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' });
    } catch (error) {
      // an unknown zone name is bad data, not a bug: the caller falls back to the next zone
      if (!(error instanceof RangeError)) throw error;
      formatter = null;
    }
    formatters.set(timeZone, formatter);
  }
  return formatters.get(timeZone) ?? null;
}

export interface LocalTime {
  hour: number;
  /** 0 = Monday .. 6 = Sunday */
  weekday: number;
  timeZone: string;
  /** where the zone came from */
  zoneSource: 'lead' | 'account' | 'utc';
}

/** The send's local hour and weekday in the first usable zone of lead, account, UTC. */
export function localTime(at: Date, leadZone: string | null, accountZone: string | null): LocalTime {
  const candidates: [string | null, LocalTime['zoneSource']][] = [[leadZone, 'lead'], [accountZone, 'account'], ['UTC', 'utc']];
  for (const [zone, zoneSource] of candidates) {
    const formatter = zone ? formatterFor(zone.trim()) : null;
    if (!zone || !formatter) continue;
    const parts = formatter.formatToParts(at);
    const hour = Number(parts.find((p) => p.type === 'hour')?.value);
    const weekday = SHORT_WEEKDAYS[parts.find((p) => p.type === 'weekday')?.value ?? ''];
    if (Number.isInteger(hour) && weekday !== undefined) return { hour: hour % 24, weekday, timeZone: zone.trim(), zoneSource };
  }
  return { hour: at.getUTCHours(), weekday: (at.getUTCDay() + 6) % 7, timeZone: 'UTC', zoneSource: 'utc' };
}

export interface SlotStats {
  slot: number;
  label: string;
  delivered: number;
  opened: number;
  openRate: number | null;
  replied: number;
  replyRate: number | null;
  smallSample: boolean;
}

export interface BestSlot {
  slot: number;
  label: string;
  rate: number;
  n: number;
}

export interface SendTimes {
  byHour: SlotStats[];
  byWeekday: SlotStats[];
  bestHour: { open: BestSlot | null; reply: BestSlot | null };
  bestWeekday: { open: BestSlot | null; reply: BestSlot | null };
  zoneSources: { lead: number; account: number; utc: number };
}

const rate = (part: number, whole: number) => {
  const r = ratio(part, whole);
  return r === null ? null : pct(r * 100);
};
export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

function table(emails: readonly { slot: number; opened: boolean; replied: boolean }[], labelOf: (slot: number) => string, minSample: number): SlotStats[] {
  const slots = new Map<number, { delivered: number; opened: number; replied: number }>();
  for (const e of emails) {
    const s = slots.get(e.slot) ?? { delivered: 0, opened: 0, replied: 0 };
    s.delivered++;
    if (e.opened) s.opened++;
    if (e.replied) s.replied++;
    slots.set(e.slot, s);
  }
  return [...slots.entries()]
    .sort(([a], [b]) => a - b)
    .map(([slot, s]) => ({
      slot, label: labelOf(slot), delivered: s.delivered, opened: s.opened, openRate: rate(s.opened, s.delivered),
      replied: s.replied, replyRate: rate(s.replied, s.delivered), smallSample: s.delivered < minSample,
    }));
}

function best(slots: readonly SlotStats[], key: 'openRate' | 'replyRate', minSample: number): BestSlot | null {
  // compare exact rates (opened / delivered), not the rounded percentages
  const exact = (s: SlotStats) => (key === 'openRate' ? s.opened : s.replied) / s.delivered;
  const eligible = slots.filter((s) => s.delivered >= minSample && s.delivered > 0);
  const top = [...eligible].sort((a, b) => exact(b) - exact(a) || b.delivered - a.delivered || a.slot - b.slot)[0];
  return top ? { slot: top.slot, label: top.label, rate: top[key] ?? 0, n: top.delivered } : null;
}

export function sendTimes(emails: readonly OutboundEmailRow[], minSample: number): SendTimes {
  const zoneSources = { lead: 0, account: 0, utc: 0 };
  const delivered = emails.filter((e) => e.delivered).map((e) => {
    const local = localTime(e.sentAt, e.leadTimeZone, e.accountTimeZone);
    zoneSources[local.zoneSource]++;
    return { ...local, opened: e.opened, replied: e.replied };
  });
  const byHour = table(delivered.map((d) => ({ ...d, slot: d.hour })), hourLabel, minSample);
  const byWeekday = table(delivered.map((d) => ({ ...d, slot: d.weekday })), (w) => WEEKDAYS[w] ?? String(w), minSample);
  return {
    byHour,
    byWeekday,
    bestHour: { open: best(byHour, 'openRate', minSample), reply: best(byHour, 'replyRate', minSample) },
    bestWeekday: { open: best(byWeekday, 'openRate', minSample), reply: best(byWeekday, 'replyRate', minSample) },
    zoneSources,
  };
}
