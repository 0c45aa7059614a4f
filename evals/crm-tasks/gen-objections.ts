import { sql, type SQL } from 'drizzle-orm';
import { OBJECTION_TYPES } from '../../core/domain.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { NOW, visibleOwners } from './sql.ts';
import { phrase, type CrmTask } from './task.ts';

// Top objections by topic, for a rep (their own), a manager (their team) or the exec (everyone), over a period.
// Rule: count the interactions with an objection type that occurred in the period (not internal notes); an
// objection belongs to the owner of the deal it was raised on, else of the lead, else the user who logged it.
// The answer is the three most frequent types; only scopes and periods with a clear top three (the third
// strictly above the fourth) are asked. Right = of the first three objection types the answer names, at
// least two are in the top three.

interface Period { words: string; from: string; to: string }
const PERIODS: Period[] = [
  { words: 'last quarter', from: '2026-01-01', to: '2026-04-01' },
  { words: 'this quarter', from: '2026-04-01', to: '2026-07-01' },
  { words: 'in Q4 2025', from: '2025-10-01', to: '2026-01-01' },
  { words: 'over the last 12 months', from: '2025-06-15', to: '2026-06-16' },
];

/** (who as subject, who as object, when) */
const TEMPLATES = [
  (subject: string, _object: string, when: string) => `What are the top objections ${subject} heard ${when}?`,
  (_subject: string, object: string, when: string) => `top 3 objections for ${object} ${when}`,
  (_subject: string, object: string, when: string) => `which objections come up most for ${object} ${when}?`,
  (subject: string, _object: string, when: string) => `most common pushback ${subject} got ${when}, by type`,
];
const WHO: Record<string, [string, string]> = { rep: ['I', 'me'], manager: ['my team', 'my team'], exec: ['we', 'us'] };

export const OBJECTION_SYNONYMS: Record<string, string[]> = {
  price: ['pricing'], competitor: ['competitors', 'competition'], feature: ['features'], contract: ['contracts'],
};

async function counts(db: Db, actor: string, p: Period): Promise<{ type: string; n: number }[]> {
  const owner: SQL = sql`coalesce((select o.owner_id from opportunities o where o.id = i.opportunity_id), (select l.owner_id from leads l where l.id = i.lead_id), i.user_id)`;
  return rows(db, sql`
    select i.objection_type::text as type, count(*)::int as n from interactions i
    where i.objection_type is not null and i.direction <> 'internal'
      and i.occurred_at >= ${p.from}::timestamptz and i.occurred_at < ${p.to}::timestamptz and i.occurred_at <= ${NOW}
      and ${owner} in ${visibleOwners(actor)}
    group by 1 order by 2 desc, 1`);
}

export async function objectionTasks(db: Db, count = 16): Promise<CrmTask[]> {
  const users = await rows<{ email: string; role: string }>(db, sql`select email, role::text as role from users where role in ('rep', 'manager', 'exec') and active order by role, email`);
  const tasks: CrmTask[] = [];
  for (let round = 0; round < PERIODS.length && tasks.length < count; round++) {
    for (const [u, user] of users.entries()) {
      if (tasks.length >= count) break;
      const period = PERIODS[(u + round) % PERIODS.length]!;
      const found = await counts(db, user.email, period);
      if (found.length < 4 || found[2]!.n <= found[3]!.n) continue;
      const top = found.slice(0, 3).map((r) => r.type);
      const [subject, object] = WHO[user.role]!;
      const i = tasks.length;
      tasks.push({
        id: `obj-${String(i + 1).padStart(2, '0')}`,
        type: 'top_objections',
        actor: user.email,
        question: phrase(TEMPLATES, i, subject, object, period.words),
        expect: { kind: 'set', items: top, min: 2, ranked: [...OBJECTION_TYPES], synonyms: OBJECTION_SYNONYMS },
        answer: found.slice(0, 4).map((r) => `${r.type} ${r.n}`).join(', '),
      });
    }
  }
  return tasks;
}
