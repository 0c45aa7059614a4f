import { sql, type SQL } from 'drizzle-orm';
import type { InteractionType, ObjectionType, Sentiment } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { leads, opportunities } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { ownedBy, type Scope } from './scope.ts';

// The interactions that belong to a lead or a deal, for the intelligence tools. A deal's interactions are
// those logged against it, plus its contacts' interactions that name no deal at all (an email from the
// champion about "the renewal" belongs to it; one about another deal does not).

export type RecordKind = 'opportunity' | 'lead';

export interface LinkedInteraction {
  recordId: string;
  id: string;
  type: InteractionType;
  direction: 'inbound' | 'outbound' | 'internal';
  occurredAt: Date;
  subject: string | null;
  /** summary, else the first 200 characters of the body */
  quote: string;
  sentiment: Sentiment | null;
  sentimentScore: number | null;
  objectionType: ObjectionType | null;
  question: string | null;
  outcome: string | null;
  firstOpenedAt: Date | null;
  openCount: number;
  repliedAt: Date | null;
}

/** A uuid[] parameter: drizzle would expand a JS array into a list, so it goes in as one array literal. */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

const where = (condition: SQL | undefined): SQL => condition ?? sql`true`;

/** Every (deal, lead) a deal's contacts make: its listed contacts and its primary contact. Their interactions
 *  that name no deal count as the deal's (the role matrix and the risk signals read them the same way). */
export const DEAL_CONTACTS = sql.raw(`(
      select opportunity_id, lead_id from opportunity_contacts
      union select id, primary_contact_id from opportunities where primary_contact_id is not null
    )`);

/**
 * (record_id, interaction_id) pairs of the records in `ids` that the caller may see, up to `asOf`.
 * Scope is applied to the record (the deal's or the lead's owner).
 */
export function linkedInteractionIds(kind: RecordKind, scope: Scope, ids: readonly string[], asOf: Date): SQL {
  const at = asOf.toISOString();
  if (kind === 'lead') {
    return sql`
      select leads.id as record_id, i.id as interaction_id
      from leads join interactions i on i.lead_id = leads.id
      where leads.id = any(${uuidArray(ids)}) and ${where(ownedBy(scope, leads.ownerId))} and i.occurred_at <= ${at}::timestamptz`;
  }
  return sql`
    select opportunities.id as record_id, i.id as interaction_id
    from opportunities join interactions i on i.opportunity_id = opportunities.id
    where opportunities.id = any(${uuidArray(ids)}) and ${where(ownedBy(scope, opportunities.ownerId))} and i.occurred_at <= ${at}::timestamptz
    union
    select opportunities.id, i.id
    from opportunities
    join ${DEAL_CONTACTS} c on c.opportunity_id = opportunities.id
    join interactions i on i.lead_id = c.lead_id and i.opportunity_id is null
    where opportunities.id = any(${uuidArray(ids)}) and ${where(ownedBy(scope, opportunities.ownerId))} and i.occurred_at <= ${at}::timestamptz`;
}

interface RawInteraction extends Omit<LinkedInteraction, 'occurredAt' | 'firstOpenedAt' | 'repliedAt'> {
  occurredAt: Date | string;
  firstOpenedAt: Date | string | null;
  repliedAt: Date | string | null;
}

export const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const toDateOrNull = (value: Date | string | null): Date | null => (value === null ? null : toDate(value));

const columns = sql`
  l.record_id as "recordId", i.id, i.type, i.direction, i.occurred_at as "occurredAt", i.subject,
  coalesce(nullif(i.summary, ''), left(i.body, 200)) as quote, i.sentiment, i.sentiment_score::float8 as "sentimentScore",
  i.objection_type as "objectionType", i.question, i.outcome, i.first_opened_at as "firstOpenedAt",
  i.open_count as "openCount", i.replied_at as "repliedAt"`;

const normalise = (r: RawInteraction): LinkedInteraction => ({
  ...r,
  occurredAt: toDate(r.occurredAt),
  firstOpenedAt: toDateOrNull(r.firstOpenedAt),
  repliedAt: toDateOrNull(r.repliedAt),
});

/**
 * Per record, its `latest` newest interactions plus its `latestWithSentiment` newest ones carrying a
 * sentiment (direction not internal), newest first. Enough for recency, reply streaks and sentiment trends
 * without loading whole timelines.
 */
export async function recentLinkedInteractions(
  ex: Executor,
  kind: RecordKind,
  scope: Scope,
  ids: readonly string[],
  options: { asOf: Date; latest: number; latestWithSentiment: number },
): Promise<LinkedInteraction[]> {
  if (ids.length === 0) return [];
  const found = await rows<RawInteraction>(
    ex,
    sql`
      with l as (${linkedInteractionIds(kind, scope, ids, options.asOf)}),
      ranked as (
        select l.record_id, i.id,
               row_number() over (partition by l.record_id order by i.occurred_at desc, i.id desc) as rn_all,
               case when (i.sentiment is not null or i.sentiment_score is not null) and i.direction <> 'internal'
                    then row_number() over (partition by l.record_id, (i.sentiment is not null or i.sentiment_score is not null) and i.direction <> 'internal'
                                            order by i.occurred_at desc, i.id desc) end as rn_sentiment
        from l join interactions i on i.id = l.interaction_id
      )
      select ${columns}
      from ranked l join interactions i on i.id = l.id
      where l.rn_all <= ${options.latest} or l.rn_sentiment <= ${options.latestWithSentiment}
      order by l.record_id, i.occurred_at desc, i.id desc`,
  );
  return found.map(normalise);
}

/** Every interaction of one record the caller may see, newest first, capped. */
export async function recordInteractions(
  ex: Executor,
  kind: RecordKind,
  scope: Scope,
  id: string,
  options: { asOf: Date; limit: number },
): Promise<LinkedInteraction[]> {
  const found = await rows<RawInteraction>(
    ex,
    sql`
      with l as (${linkedInteractionIds(kind, scope, [id], options.asOf)})
      select ${columns}
      from l join interactions i on i.id = l.interaction_id
      order by i.occurred_at desc, i.id desc
      limit ${options.limit}`,
  );
  return found.map(normalise);
}

export interface InteractionWindowCount {
  recordId: string;
  /** non-internal interactions in [recentFrom, asOf] */
  recent: number;
  /** non-internal interactions in [priorFrom, recentFrom) */
  prior: number;
}

/** How often each record was in touch recently and in the period before, for disengagement checks. */
export async function interactionWindowCounts(
  ex: Executor,
  kind: RecordKind,
  scope: Scope,
  ids: readonly string[],
  windows: { asOf: Date; recentFrom: Date; priorFrom: Date },
): Promise<InteractionWindowCount[]> {
  if (ids.length === 0) return [];
  const recentFrom = windows.recentFrom.toISOString();
  const priorFrom = windows.priorFrom.toISOString();
  return rows<InteractionWindowCount>(
    ex,
    sql`
      with l as (${linkedInteractionIds(kind, scope, ids, windows.asOf)})
      select l.record_id as "recordId",
             (count(*) filter (where i.occurred_at >= ${recentFrom}::timestamptz))::int as recent,
             (count(*) filter (where i.occurred_at >= ${priorFrom}::timestamptz and i.occurred_at < ${recentFrom}::timestamptz))::int as prior
      from l join interactions i on i.id = l.interaction_id
      where i.direction <> 'internal'
      group by l.record_id`,
  );
}
