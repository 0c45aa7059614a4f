import { sql } from 'drizzle-orm';
import type { ObjectionType, Sentiment } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';

// What followed each objection in the store: the first thing the seller sent the same person within
// RESPONSE_DAYS (the response), then the first thing heard from or logged with that person within
// OUTCOME_DAYS after it (the outcome). objection_response classifies the responses and counts which
// were followed by a positive outcome. Counts span the whole org's history: they name no record.

export const RESPONSE_DAYS = 14;
export const OUTCOME_DAYS = 30;

export interface ObjectionFollowUp {
  objectionId: string;
  type: ObjectionType;
  responseId: string;
  responseText: string;
  outcomeSentiment: Sentiment | null;
  outcome: string | null;
}

export async function objectionFollowUps(ex: Executor, options: { asOf: Date; type?: ObjectionType }): Promise<ObjectionFollowUp[]> {
  const at = options.asOf.toISOString();
  return rows<ObjectionFollowUp>(
    ex,
    sql`
      select o.id as "objectionId", o.objection_type as type, r.id as "responseId",
             coalesce(r.subject || E'\n', '') || r.body as "responseText",
             n.sentiment as "outcomeSentiment", n.outcome
      from interactions o
      join lateral (
        select r.id, r.subject, r.body, r.occurred_at from interactions r
        where r.lead_id = o.lead_id and r.direction = 'outbound' and r.id <> o.id
          and r.occurred_at > o.occurred_at and r.occurred_at <= least(o.occurred_at + make_interval(days => ${RESPONSE_DAYS}), ${at}::timestamptz)
        order by r.occurred_at, r.id limit 1
      ) r on true
      left join lateral (
        select n.sentiment, n.outcome from interactions n
        where n.lead_id = o.lead_id and n.direction <> 'internal' and n.id <> r.id
          and (n.direction = 'inbound' or n.type in ('call', 'meeting'))
          and n.occurred_at > r.occurred_at and n.occurred_at <= least(r.occurred_at + make_interval(days => ${OUTCOME_DAYS}), ${at}::timestamptz)
        order by n.occurred_at, n.id limit 1
      ) n on true
      where o.objection_type is not null and o.lead_id is not null and o.occurred_at <= ${at}::timestamptz
        ${options.type ? sql`and o.objection_type = ${options.type}` : sql``}
      order by o.occurred_at, o.id`,
  );
}
