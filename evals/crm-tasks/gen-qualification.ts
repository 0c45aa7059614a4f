import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { liveLead, NOW } from './sql.ts';
import { phrase, type CrmTask } from './task.ts';

// Lead qualification: which BANT factor fails for this lead.
// Rule (stated plainly): a factor fails when the buyer raised an objection of its kind in an interaction
// on the lead (price -> budget, authority -> authority, need -> need, timing -> timeline). Only leads whose
// objections all point at one factor are asked about, so the right answer is one factor. The lead's owner asks.

export const BANT_OF: Record<string, string> = { price: 'budget', authority: 'authority', need: 'need', timing: 'timeline' };
export const BANT = ['budget', 'authority', 'need', 'timeline'] as const;

const TEMPLATES = [
  (lead: string) => `Which BANT factor is failing for ${lead}?`,
  (lead: string) => `qualify ${lead} on BANT - where does it fall short?`,
  (lead: string) => `what's blocking ${lead} in BANT terms: budget, authority, need or timeline?`,
  (lead: string) => `run BANT on ${lead}, which criterion is unmet`,
  (lead: string) => `${lead}: which part of BANT fails?`,
];

export async function qualificationTasks(db: Db, perFactor = 5): Promise<CrmTask[]> {
  const found = await rows<{ name: string; owner: string; objection: string }>(db, sql`
    with one as (
      select l.id, l.full_name, u.email as owner, min(i.objection_type::text) as objection
      from leads l
      join users u on u.id = l.owner_id and u.role = 'rep'
      join interactions i on i.lead_id = l.id and i.objection_type in ('price', 'authority', 'need', 'timing')
        and i.direction <> 'internal' and i.occurred_at <= ${NOW}
      where ${liveLead('l')}
        and (select count(*) from leads l2 where lower(l2.full_name) = lower(l.full_name) and ${liveLead('l2')}) = 1
      group by l.id, l.full_name, u.email
      having count(distinct i.objection_type) = 1
        and not exists (select 1 from interactions j where j.lead_id = l.id and j.objection_type is not null
                        and j.objection_type not in ('price', 'authority', 'need', 'timing') and j.occurred_at <= ${NOW})
    ), ranked as (
      select *, row_number() over (partition by objection order by md5(full_name)) as n from one
    )
    select full_name as name, owner, objection from ranked where n <= ${perFactor} order by objection, n`);
  return found.map((r, i) => {
    const factor = BANT_OF[r.objection]!;
    return {
      id: `qual-${String(i + 1).padStart(2, '0')}`,
      type: 'lead_qualification',
      actor: r.owner,
      question: phrase(TEMPLATES, i, r.name),
      expect: { kind: 'bant', failing: factor },
      answer: `${factor} fails (the lead raised ${r.objection} objections)`,
    };
  });
}
