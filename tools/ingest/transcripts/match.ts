import type { Executor } from '../../../db/client.ts';
import { findLeads, findUsers, type Match } from '../../../db/repos/resolve.ts';
import type { Scope } from '../../../db/repos/scope.ts';
import type { Attendee } from './attendees.ts';

// Attendees to our records through the one resolver (db/repos/resolve.ts): an email, else the exact
// full name. A transcript only says "Dana", so a fuzzy or shared name links nothing: a wrong link on a
// meeting record costs more than a missing one. Users first (colleagues), then leads in the caller's scope.

export interface AttendeeMatch {
  kind: 'user' | 'lead';
  id: string;
  label: string;
}

function onlyExact(matches: Match[]): Match | null {
  const exact = matches.filter((m) => m.score >= 1);
  return exact.length === 1 ? (exact[0] as Match) : null;
}

export async function matchAttendee(ex: Executor, scope: Scope, attendee: Pick<Attendee, 'name' | 'email'>): Promise<AttendeeMatch | null> {
  for (const reference of [attendee.email, attendee.name]) {
    if (!reference || reference.trim().length < 3) continue;
    const user = onlyExact(await findUsers(ex, reference));
    if (user) return { kind: 'user', id: user.id, label: user.label };
    const lead = onlyExact(await findLeads(ex, scope, reference));
    if (lead) return { kind: 'lead', id: lead.id, label: lead.label };
  }
  return null;
}
