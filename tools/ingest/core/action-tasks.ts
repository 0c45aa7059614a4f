import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';

// What the action items of a meeting or a message become: one task per item for the colleague who took it,
// keyed so that ingesting and summarising the same interaction (in any order, any number of times) make one
// task. Items taken by someone outside the org stay on the interaction as that person's commitments.

const normalise = (text: string | null): string => (text ?? '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * One key per interaction and item: the sentence and who owns it ("we"/"you" items by their role, so
 * "Dana to review it and I'll send it" stays two items). Shared by the importers and meeting_summary.
 */
export function actionItemKey(interactionKey: string, item: { text: string; owner: string | null; ownerRole?: string | undefined }): string {
  const owner = item.owner ? normalise(item.owner) : `(${item.ownerRole ?? 'unknown'})`;
  return `action:${interactionKey}:${createHash('sha1').update(`${normalise(item.text)}|${owner}`).digest('hex').slice(0, 16)}`;
}

/** A due day that falls on a weekend moves to the Monday after (a task is not due on a Saturday); null for a day that is not one. */
export function businessDue(isoDate: string): { date: string; moved: boolean } | null {
  let day = DateTime.fromISO(isoDate, { zone: 'UTC' });
  // a date the extractor could not make sense of leaves the task undated rather than failing the import
  if (!day.isValid) return null;
  const moved = day.weekday > 5;
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return { date: day.toISODate() as string, moved };
}

/** 5 pm on that day in the owner's zone: end of their working day */
export function dueInstant(isoDate: string, zone: string): Date {
  return DateTime.fromISO(`${isoDate}T17:00:00`, { zone }).toJSDate();
}

/** "I'll send the revised quote by Wednesday." as a task title, with the owner when it is not the task's owner */
export function actionTaskTitle(text: string, namedOwner?: string | null): string {
  const clipped = text.length > 150 ? `${text.slice(0, 149)}…` : text;
  return namedOwner ? `${clipped} (owner: ${namedOwner})` : clipped;
}

/** Someone outside the org (or outside the importer's reach) who took an item: kept on the interaction. */
export interface Commitment {
  text: string;
  owner: string | null;
  due: string | null;
}
