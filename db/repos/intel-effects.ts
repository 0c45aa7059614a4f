import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';

// How closed deals that did a thing fared against those that did not: the measured side of
// next_best_action's "expected effect". Org-wide counts (no record leaves this module, only totals), over
// deals closed by `asOf`, from the interactions logged against each deal. An association in the store,
// not a controlled experiment: the tool says so.

export const EFFECT_MEASURES = ['meeting_before_close', 'multi_threaded', 'questions_answered', 'objections_answered', 'opens_followed_up'] as const;
export type EffectMeasure = (typeof EFFECT_MEASURES)[number];

export interface EffectCounts {
  withWon: number;
  withClosed: number;
  withoutWon: number;
  withoutClosed: number;
}

// Per measure: which closed deals count at all, and which of those "had" the action.
const MEASURES: Record<EffectMeasure, { eligible: SQL; had: SQL; description: string }> = {
  meeting_before_close: {
    eligible: sql`true`,
    had: sql`exists (select 1 from interactions i where i.opportunity_id = o.id and i.type = 'meeting'
                     and i.occurred_at between o.closed_at - interval '30 days' and o.closed_at)`,
    description: 'closed deals with a meeting in their last 30 days against those without',
  },
  multi_threaded: {
    eligible: sql`true`,
    had: sql`(select count(distinct c.lead_id) from (
               select lead_id from opportunity_contacts where opportunity_id = o.id
               union select o.primary_contact_id where o.primary_contact_id is not null) c) >= 2`,
    description: 'closed deals with two or more contacts against those with one or none',
  },
  questions_answered: {
    eligible: sql`exists (select 1 from interactions q where q.opportunity_id = o.id and q.direction = 'inbound' and q.question is not null)`,
    had: sql`not exists (select 1 from interactions q where q.opportunity_id = o.id and q.direction = 'inbound' and q.question is not null
               and not exists (select 1 from interactions r where r.opportunity_id = o.id and r.direction = 'outbound'
                               and r.occurred_at > q.occurred_at and r.occurred_at <= q.occurred_at + interval '1 day'))`,
    description: 'closed deals with buyer questions, every one answered within a day, against those with one left longer',
  },
  objections_answered: {
    eligible: sql`exists (select 1 from interactions q where q.opportunity_id = o.id and q.objection_type is not null)`,
    had: sql`not exists (select 1 from interactions q where q.opportunity_id = o.id and q.objection_type is not null
               and not exists (select 1 from interactions r where r.opportunity_id = o.id and r.direction = 'outbound'
                               and r.occurred_at > q.occurred_at and r.occurred_at <= q.occurred_at + interval '2 days'))`,
    description: 'closed deals with objections, every one followed up within 2 days, against those with one left longer',
  },
  opens_followed_up: {
    eligible: sql`exists (select 1 from interactions q where q.opportunity_id = o.id and q.type = 'email' and q.direction = 'outbound'
               and q.first_opened_at is not null and q.replied_at is null)`,
    had: sql`not exists (select 1 from interactions q where q.opportunity_id = o.id and q.type = 'email' and q.direction = 'outbound'
               and q.first_opened_at is not null and q.replied_at is null
               and not exists (select 1 from interactions r where r.opportunity_id = o.id and r.direction = 'outbound'
                               and r.occurred_at > q.first_opened_at and r.occurred_at <= q.first_opened_at + interval '3 days'))`,
    description: 'closed deals with opened, unanswered emails, every one followed up within 3 days of the open, against the rest',
  },
};

export const effectDescription = (measure: EffectMeasure) => MEASURES[measure].description;

export async function actionEffect(ex: Executor, measure: EffectMeasure, asOf: Date): Promise<EffectCounts> {
  const m = MEASURES[measure];
  const [row] = await rows<EffectCounts>(
    ex,
    sql`
      with deals as (
        select o.outcome, (${m.had}) as had
        from opportunities o
        where o.closed_at is not null and o.closed_at <= ${asOf.toISOString()}::timestamptz and o.outcome is not null and (${m.eligible})
      )
      select (count(*) filter (where had and outcome = 'won'))::int as "withWon",
             (count(*) filter (where had))::int as "withClosed",
             (count(*) filter (where not had and outcome = 'won'))::int as "withoutWon",
             (count(*) filter (where not had))::int as "withoutClosed"
      from deals`,
  );
  return row ?? { withWon: 0, withClosed: 0, withoutWon: 0, withoutClosed: 0 };
}
