import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { liveLead, NOW } from './sql.ts';
import { phrase, type CrmTask } from './task.ts';

// Activity priority: of two of my leads, which do I work first.
// Rule (the product's documented queue order, computed here from raw rows): priority = 0.40 score/100
// (unscored 0.5) + 0.25 freshest inbound signal in 14 days (reply or inbound message 1, click 0.7, open 0.4,
// fading linearly over the 14 days) + 0.20 overdue (an open task past due: 0.5 + days/14, capped at 1) +
// 0.15 gap since the last outbound touch (days/30, capped at 1; never touched 1).
// Only pairs where the first lead is at least as high on every part AND ahead by 10 points or more are
// asked, so the answer does not hang on a detail of the arithmetic. The leads' owner asks.

export interface LeadParts {
  name: string;
  score: number;
  inbound: number;
  overdue: number;
  gap: number;
}

export const priorityOf = (p: LeadParts) => 100 * (0.4 * p.score + 0.25 * p.inbound + 0.2 * p.overdue + 0.15 * p.gap);
export const dominates = (a: LeadParts, b: LeadParts) => a.score >= b.score && a.inbound >= b.inbound && a.overdue >= b.overdue && a.gap >= b.gap && priorityOf(a) - priorityOf(b) >= 10;

const TEMPLATES = [
  (a: string, b: string) => `Who should I call first, ${a} or ${b}?`,
  (a: string, b: string) => `${a} or ${b} - which one do I work first today?`,
  (a: string, b: string) => `between ${a} and ${b}, who's the priority?`,
  (a: string, b: string) => `I only have time for one: ${a} or ${b}?`,
];

export async function priorityTasks(db: Db, count = 16): Promise<CrmTask[]> {
  const found = await rows<{ owner: string; name: string; score: number | null; inbound: number; overdue_days: number | null; gap_days: number | null }>(db, sql`
    select u.email as owner, l.full_name as name, l.score,
      greatest(0,
        coalesce((select max((case e.type when 'replied' then 1.0 when 'clicked' then 0.7 else 0.4 end) * (1 - floor(extract(epoch from ${NOW} - e.occurred_at) / 86400) / 14))
                  from engagement_events e where e.lead_id = l.id and e.type in ('opened', 'clicked', 'replied')
                    and e.occurred_at > ${NOW} - interval '14 days' and e.occurred_at <= ${NOW}), 0),
        coalesce((select max(1 - floor(extract(epoch from ${NOW} - i.occurred_at) / 86400) / 14)
                  from interactions i where i.lead_id = l.id and i.direction = 'inbound'
                    and i.occurred_at > ${NOW} - interval '14 days' and i.occurred_at <= ${NOW}), 0))::float8 as inbound,
      (select floor(extract(epoch from ${NOW} - min(t.due_at)) / 86400) from tasks t
        where t.lead_id = l.id and t.status in ('open', 'in_progress') and t.due_at < ${NOW})::float8 as overdue_days,
      (select floor(extract(epoch from ${NOW} - max(i.occurred_at)) / 86400) from interactions i
        where i.lead_id = l.id and i.direction = 'outbound' and i.occurred_at <= ${NOW})::float8 as gap_days
    from leads l join users u on u.id = l.owner_id and u.role = 'rep'
    where ${liveLead('l')} and l.lifecycle_stage in ('new', 'contacted', 'qualified') and l.status in ('open', 'working', 'nurturing')
      and (select count(*) from leads l2 where lower(l2.full_name) = lower(l.full_name) and ${liveLead('l2')}) = 1
    order by u.email, md5(l.full_name)`);
  const byOwner = new Map<string, LeadParts[]>();
  for (const r of found) {
    const parts: LeadParts = {
      name: r.name,
      score: r.score === null ? 0.5 : r.score / 100,
      inbound: r.inbound,
      overdue: r.overdue_days === null ? 0 : Math.min(1, 0.5 + r.overdue_days / 14),
      gap: r.gap_days === null ? 1 : Math.min(1, r.gap_days / 30),
    };
    byOwner.set(r.owner, [...(byOwner.get(r.owner) ?? []), parts]);
  }
  // one or two pairs per rep, the first lead of each pair taken in md5 order: spread over reps and records
  const tasks: CrmTask[] = [];
  const owners = [...byOwner.keys()].sort();
  for (let round = 0; round < 3 && tasks.length < count; round++) {
    for (const owner of owners) {
      if (tasks.length >= count) break;
      const leads = byOwner.get(owner)!;
      const a = leads[round * 7];
      const b = a && leads.find((x) => x !== a && (dominates(a, x) || dominates(x, a)));
      if (!a || !b) continue;
      const [first, second] = dominates(a, b) ? [a, b] : [b, a];
      const i = tasks.length;
      // the order named in the question alternates, so "the first one named" is not a shortcut
      const [x, y] = i % 2 === 0 ? [first, second] : [second, first];
      tasks.push({
        id: `prio-${String(i + 1).padStart(2, '0')}`,
        type: 'activity_priority',
        actor: owner,
        question: phrase(TEMPLATES, i, x.name, y.name),
        expect: { kind: 'first', expected: first.name, candidates: [first.name, second.name] },
        answer: `${first.name} (priority ${priorityOf(first).toFixed(1)} vs ${priorityOf(second).toFixed(1)})`,
      });
    }
  }
  return tasks;
}
