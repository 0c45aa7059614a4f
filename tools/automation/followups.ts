import type { Executor } from '../../db/client.ts';
import { coldLeads, openTasksDueBefore, type ContactPlace } from '../../db/repos/followups.ts';
import type { Scope } from '../../db/repos/scope.ts';
import { DAY_MS } from '../intelligence/risk-signals.ts';
import { isValidZone, localIso, localLabel, nextBusinessSlot, type BusinessHours } from './business-hours.ts';

// The follow-ups a person should make next: overdue tasks, tasks due soon, and working leads gone cold
// with nothing planned. Each gets a suggested moment inside business hours in the lead's own time zone.

export type FollowupKind = 'overdue' | 'due_soon' | 'cold';

export interface Followup {
  kind: FollowupKind;
  recordKind: 'task' | 'lead';
  id: string;
  title: string;
  lead: { id: string; name: string } | null;
  opportunity: { id: string; name: string } | null;
  ownerId: string | null;
  owner: string | null;
  dueAt: Date | null;
  lastContactedAt: Date | null;
  timeZone: string;
  zoneSource: 'lead' | 'account' | 'owner' | 'default';
  suggestedAt: Date;
  suggestedLocal: string;
  suggestedLabel: string;
  reason: string;
}

export interface FollowupOptions {
  now: Date;
  ownerId?: string | undefined;
  dueSoonHours: number;
  coldDays: number;
  hours: BusinessHours;
  cap: number;
}

/** The person's zone: the lead's, else the account's, else the owner's; UTC when none is a valid IANA name. */
export function placeZone(p: ContactPlace): { zone: string; source: Followup['zoneSource'] } {
  if (p.leadTimeZone && isValidZone(p.leadTimeZone)) return { zone: p.leadTimeZone, source: 'lead' };
  if (p.accountTimeZone && isValidZone(p.accountTimeZone)) return { zone: p.accountTimeZone, source: 'account' };
  if (p.ownerTimeZone && isValidZone(p.ownerTimeZone)) return { zone: p.ownerTimeZone, source: 'owner' };
  return { zone: 'UTC', source: 'default' };
}

function suggest(now: Date, place: ContactPlace, hours: BusinessHours) {
  const { zone, source } = placeZone(place);
  const at = nextBusinessSlot(now, zone, hours, place.preferredContactHour);
  const preferred = place.preferredContactHour != null ? `, at their preferred hour ${place.preferredContactHour}:00` : '';
  return { timeZone: zone, zoneSource: source, suggestedAt: at, suggestedLocal: localIso(at, zone), suggestedLabel: `${localLabel(at, zone)}${preferred}` };
}

const days = (ms: number) => Math.floor(ms / DAY_MS);

export async function followupsDue(ex: Executor, scope: Scope, o: FollowupOptions): Promise<{ items: Followup[]; counts: Record<FollowupKind, number> }> {
  const horizon = new Date(o.now.getTime() + o.dueSoonHours * 3_600_000);
  const due = await openTasksDueBefore(ex, scope, { before: horizon, ownerId: o.ownerId, cap: o.cap * 5 });
  const cold = await coldLeads(ex, scope, { since: new Date(o.now.getTime() - o.coldDays * DAY_MS), asOf: o.now, ownerId: o.ownerId, cap: o.cap * 5 });

  const taskItems: Followup[] = due.map((t) => {
    const overdue = t.dueAt < o.now;
    const late = days(o.now.getTime() - t.dueAt.getTime());
    const hoursLeft = Math.max(0, Math.round((t.dueAt.getTime() - o.now.getTime()) / 3_600_000));
    return {
      kind: overdue ? 'overdue' : 'due_soon',
      recordKind: 'task',
      id: t.taskId,
      title: t.title,
      lead: t.leadId ? { id: t.leadId, name: t.leadName ?? '' } : null,
      opportunity: t.opportunityId ? { id: t.opportunityId, name: t.opportunityName ?? '' } : null,
      ownerId: t.ownerId,
      owner: t.ownerName,
      dueAt: t.dueAt,
      lastContactedAt: null,
      ...suggest(o.now, t, o.hours),
      reason: overdue ? `${t.priority} ${t.type} task overdue by ${late > 0 ? `${late} day(s)` : 'less than a day'}` : `${t.priority} ${t.type} task due in ${hoursLeft} hour(s)`,
    };
  });
  const coldItems: Followup[] = cold.map((l) => ({
    kind: 'cold',
    recordKind: 'lead',
    id: l.leadId,
    title: `Re-engage ${l.leadName}${l.accountName ? ` (${l.accountName})` : ''}`,
    lead: { id: l.leadId, name: l.leadName },
    opportunity: null,
    ownerId: l.ownerId,
    owner: l.ownerName,
    dueAt: null,
    lastContactedAt: l.lastContactedAt,
    ...suggest(o.now, l, o.hours),
    reason: l.lastContactedAt
      ? `${l.lifecycleStage} lead, score ${l.score ?? 'unscored'}, last contacted ${days(o.now.getTime() - l.lastContactedAt.getTime())} days ago, no open task`
      : `${l.lifecycleStage} lead, score ${l.score ?? 'unscored'}, never contacted in ${days(o.now.getTime() - l.createdAt.getTime())} days, no open task`,
  }));
  const counts = {
    overdue: taskItems.filter((i) => i.kind === 'overdue').length,
    due_soon: taskItems.filter((i) => i.kind === 'due_soon').length,
    cold: coldItems.length,
  };
  // overdue first (oldest first), then due soon, then cold (highest score first, as the query ordered them)
  return { items: [...taskItems, ...coldItems].slice(0, o.cap), counts };
}
