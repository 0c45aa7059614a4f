import type { InboundSignal, QueueRow } from '../../db/repos/lead-queue.ts';
import { pct } from '../core/schemas.ts';
import { daysBetween } from './lead-text.ts';

// A lead's place in the work queue, 0-100:
//   priority = 100 x (0.40 score + 0.25 inbound + 0.20 overdue + 0.15 gap), one decimal
//   score    lead score / 100; an unscored lead counts as 0.5 (neither hot nor cold)
//   inbound  the freshest inbound engagement in the last 14 days: kind weight x (1 - age in whole days / 14),
//            kinds: replied 1.0, inbound message or call 1.0, clicked 0.7, opened 0.4; the largest counts
//   overdue  0 with no overdue open task on the lead, else min(1, 0.5 + days the oldest is overdue / 14)
//   gap      time since the last outbound contact: min(1, whole days / 30); never contacted = 1
// Ties: higher score first, then the older lead.

export const PRIORITY_WEIGHTS = { score: 0.4, inbound: 0.25, overdue: 0.2, gap: 0.15 } as const;
export const INBOUND_WINDOW_DAYS = 14;
export const KIND_WEIGHT: Record<InboundSignal['kind'], number> = { replied: 1, inbound: 1, clicked: 0.7, opened: 0.4 };
type Component = keyof typeof PRIORITY_WEIGHTS;

const VERB: Record<InboundSignal['kind'], string> = { replied: 'replied', inbound: 'reached out', clicked: 'clicked a link', opened: 'opened an email' };
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const ago = (days: number) => (days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`);

export interface Prioritised {
  row: QueueRow;
  priority: number;
  components: Record<Component, { value: number; weight: number }>;
  why: string[];
  evidence: { sourceId: string; kind: string; date: string | null; quote: string }[];
}

export function prioritise(row: QueueRow, now: Date): Prioritised {
  const why: string[] = [];
  const evidence: Prioritised['evidence'] = [];

  const score = row.score === null ? 0.5 : row.score / 100;
  why.push(row.score === null ? 'not scored yet (counted as average)' : `score ${row.score}${row.grade ? ` (${row.grade})` : ''}`);

  let inbound = 0;
  let best: InboundSignal | undefined;
  for (const signal of row.signals) {
    const value = KIND_WEIGHT[signal.kind] * (1 - daysBetween(signal.at, now) / INBOUND_WINDOW_DAYS);
    if (value > inbound) [inbound, best] = [value, signal];
  }
  if (best) {
    why.push(`${VERB[best.kind]} ${ago(daysBetween(best.at, now))}`);
    evidence.push({ sourceId: best.sourceId, kind: best.kind, date: best.at.toISOString(), quote: best.quote });
  }

  let overdue = 0;
  if (row.oldestOverdue) {
    const days = daysBetween(row.oldestOverdue.dueAt, now);
    overdue = Math.min(1, 0.5 + days / 14);
    const more = row.overdueCount > 1 ? ` (${row.overdueCount} overdue tasks)` : '';
    why.push(`task "${row.oldestOverdue.title}" overdue by ${days === 1 ? '1 day' : `${days} days`}${more}`);
    evidence.push({ sourceId: row.oldestOverdue.id, kind: 'task', date: row.oldestOverdue.dueAt.toISOString(), quote: row.oldestOverdue.title });
  }

  let gap = 1;
  if (row.lastContactAt) {
    const days = daysBetween(row.lastContactAt, now);
    gap = Math.min(1, days / 30);
    why.push(`last contacted ${ago(days)}`);
    if (row.lastContactId) evidence.push({ sourceId: row.lastContactId, kind: 'last_contact', date: row.lastContactAt.toISOString(), quote: 'last outbound contact' });
  } else {
    why.push('never contacted');
  }

  const values: Record<Component, number> = { score, inbound, overdue, gap };
  const total = (Object.keys(PRIORITY_WEIGHTS) as Component[]).reduce((s, k) => s + PRIORITY_WEIGHTS[k] * values[k], 0);
  const components = Object.fromEntries(
    (Object.keys(PRIORITY_WEIGHTS) as Component[]).map((k) => [k, { value: round3(values[k]), weight: PRIORITY_WEIGHTS[k] }]),
  ) as Prioritised['components'];
  return { row, priority: pct(100 * total), components, why, evidence };
}

export function rankQueue(rows: readonly QueueRow[], now: Date): Prioritised[] {
  return rows
    .map((r) => prioritise(r, now))
    .sort(
      (a, b) =>
        b.priority - a.priority ||
        (b.row.score ?? -1) - (a.row.score ?? -1) ||
        a.row.createdAt.getTime() - b.row.createdAt.getTime() ||
        (a.row.leadId < b.row.leadId ? -1 : 1),
    );
}
