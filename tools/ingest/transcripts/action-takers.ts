import { userTimeZones } from '../../../db/repos/ingest-transcript.ts';
import { usersNamed } from '../../../db/repos/meeting-tasks.ts';
import { inScope } from '../../../db/repos/scope.ts';
import type { ItemContext } from '../core/index.ts';
import type { Commitment } from '../core/action-tasks.ts';
import type { AttendeeMatch } from './match.ts';
import type { TranscriptSections } from './sections.ts';

// Who took each action item of a meeting: the speaker of "I'll send...", the person named in "Dana to
// review...", the person addressed in "Can you...", or the speaker of "we'll..." when that speaker is one of
// ours. A colleague the importer may act for gets the task; anyone else (a customer, a colleague outside the
// importer's reach, a team with no speaker of ours) keeps it on the meeting as their commitment.

export type ActionTaker = { kind: 'user'; userId: string; timeZone: string } | { kind: 'outside'; who: string | null };

type Item = TranscriptSections['actionItems'][number];

async function takerUserId(ctx: ItemContext, sections: TranscriptSections, matches: readonly (AttendeeMatch | null)[], a: Item): Promise<string | null> {
  const userAt = (name: string | null): string | null => {
    const at = name ? sections.attendees.findIndex((x) => x.name === name) : -1;
    const match = at >= 0 ? matches[at] : null;
    return match?.kind === 'user' ? match.id : null;
  };
  if (a.owner) {
    if (a.ownerIsAttendee) return userAt(a.owner);
    // named but not in the meeting ("Colleen will set up the call"): a colleague when the name is unambiguous
    const named = await usersNamed(ctx.tx, a.owner);
    return named.length === 1 ? (named[0]?.id ?? null) : null;
  }
  return a.ownerRole === 'team' ? userAt(a.speaker) : null;
}

export async function actionTakers(ctx: ItemContext, sections: TranscriptSections, matches: readonly (AttendeeMatch | null)[]): Promise<ActionTaker[]> {
  const ids: (string | null)[] = [];
  for (const a of sections.actionItems) ids.push(await takerUserId(ctx, sections, matches, a));
  const zones = await userTimeZones(ctx.tx, ids.filter((id): id is string => id !== null));
  return sections.actionItems.map((a, i) => {
    const id = ids[i];
    if (id && inScope(ctx.scope, id)) return { kind: 'user', userId: id, timeZone: zones.get(id) ?? 'UTC' };
    return { kind: 'outside', who: a.owner ?? (a.ownerRole === 'team' ? a.speaker : null) };
  });
}

export function commitmentsOf(sections: TranscriptSections, takers: readonly ActionTaker[]): Commitment[] {
  return sections.actionItems.flatMap((a, i) => (takers[i]?.kind === 'outside' ? [{ text: a.text, owner: (takers[i] as { who: string | null }).who, due: a.due }] : []));
}
