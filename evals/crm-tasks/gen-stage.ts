import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { OPPORTUNITY_STAGES } from '../../core/domain.ts';
import { NOW } from './sql.ts';
import { phrase, type CrmTask } from './task.ts';

// Wrong stage: is this open deal's stage right given its activity and dates, and what should it be.
// Rule (stated plainly), first match wins:
//   stale       expected close date already past AND no interaction on the deal in the last 30 days
//               -> wrong: it should be closed_lost (past its date and nobody is talking to them)
//   no meeting  in discovery, proposal or negotiation with no meeting ever logged on the deal -> wrong: a deal
//               gets past qualification by holding a discovery meeting, so it should be qualification
//   healthy     an interaction on the deal in the last 21 days AND expected close date today or later
//               -> right: the stage it is in
// Deals matching none are not asked about. The deal's owner asks.

const TEMPLATES = [
  (deal: string, stage: string) => `Is ${deal} really still in ${stage}? What stage should it be?`,
  (deal: string) => `is the stage on ${deal} right, given the activity?`,
  (deal: string, stage: string) => `${deal} sits at ${stage} - should it still, or move it to what?`,
  (deal: string) => `check ${deal}: is its stage correct and what should it be`,
];

export const STAGE_SYNONYMS: Record<string, string[]> = {
  closed_lost: ['closed lost', 'mark it lost', 'mark as lost', 'marked lost', 'close it as lost', 'close as lost'],
};

export async function stageTasks(db: Db, perKind = 8): Promise<CrmTask[]> {
  const found = await rows<{ name: string; owner: string; stage: string; kind: 'stale' | 'no_meeting' | 'healthy' }>(db, sql`
    with deals as (
      select o.id, o.name, o.stage::text as stage, u.email as owner, o.expected_close_date::date as close_date,
             (select max(i.occurred_at) from interactions i where i.opportunity_id = o.id and i.occurred_at <= ${NOW}) as last_touch,
             exists (select 1 from interactions i where i.opportunity_id = o.id and i.type = 'meeting' and i.occurred_at <= ${NOW}) as met
      from opportunities o join users u on u.id = o.owner_id and u.role = 'rep'
      where o.outcome is null and (select count(*) from opportunities o2 where lower(o2.name) = lower(o.name)) = 1
    ), kinds as (
      select *, case
        when close_date < (${NOW})::date and (last_touch is null or last_touch < ${NOW} - interval '30 days') then 'stale'
        when stage in ('discovery', 'proposal', 'negotiation') and not met then 'no_meeting'
        when last_touch >= ${NOW} - interval '21 days' and close_date >= (${NOW})::date then 'healthy'
      end as kind from deals
    ), ranked as (
      select *, row_number() over (partition by kind order by md5(name)) as n from kinds where kind is not null
    )
    select name, owner, stage, kind from ranked where n <= ${perKind} order by kind, n`);
  return found.map((r, i) => {
    const expected = r.kind === 'stale' ? 'closed_lost' : r.kind === 'no_meeting' ? 'qualification' : r.stage;
    const why = r.kind === 'stale' ? 'past its close date, no touch in 30 days' : r.kind === 'no_meeting' ? 'no meeting ever logged' : 'recent activity, close date ahead';
    return {
      id: `stage-${String(i + 1).padStart(2, '0')}`,
      type: 'wrong_stage',
      actor: r.owner,
      question: phrase(TEMPLATES, i, r.name, r.stage.replace(/_/g, ' ')),
      // right: the answer names the expected stage and no other (the current one may be named when moving from it):
      // a table of every stage is not an answer
      expect: { kind: 'label', expected, others: OPPORTUNITY_STAGES.filter((s) => s !== expected && s !== r.stage), synonyms: STAGE_SYNONYMS },
      answer: `${r.kind === 'healthy' ? 'right' : 'wrong'}: ${r.stage} -> ${expected} (${why})`,
    };
  });
}
