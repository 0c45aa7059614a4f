import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { leads, opportunities } from '../schema/index.ts';
import { DEAL_CONTACTS, uuidArray, type LinkedInteraction, type RecordKind } from './interactions.ts';
import { ownedByClause, type Scope } from './scope.ts';

// The part of each record's timeline a risk scan can act on, for thousands of records at once. Shipping
// rows out of the database is what costs most (PGlite hands every field to JS), so the database does the
// cutting and sends one compact row per record, without text; the text of the few interactions that end up
// as evidence is fetched afterwards (interactionTexts).
//
// Of a record's newest `latest` interactions plus its newest `latestWithSentiment` scored ones (the set
// recentLinkedInteractions returns), it keeps what the signals read, newest first:
// - touches with the person (not internal, not a note) up to and including the newest answered one: the
//   last contact and the unanswered streak live there, and the answered one ends the streak;
// - the scored interactions (not internal) with rank <= latestWithSentiment: the sentiment trend.
// Everything else could not change a signal, so the signals give the same findings on the cut timeline.

export interface RiskTimelineOptions {
  asOf: Date;
  latest: number;
  latestWithSentiment: number;
}

// The answered rule of risk-signals.ts isAnswered, in SQL: it only decides where the cut ends; the
// signals still judge every kept row with isAnswered itself.
const ANSWERED = sql.raw(`(i.direction = 'inbound' or (i.direction = 'outbound' and (i.replied_at is not null or i.type = 'meeting'
  or (i.type = 'call' and coalesce(i.outcome, '') not in ('voicemail', 'no_answer', 'busy', 'left_message')))))`);
const CONTACT = sql.raw(`(i.direction <> 'internal' and i.type <> 'note')`);
const SCORED = sql.raw(`((i.sentiment is not null or i.sentiment_score is not null) and i.direction <> 'internal')`);

// The columns the signals read: carried through the ranking, so interactions is read once, not joined back twice.
const CARRIED = sql.raw(
  'i.id, i.type, i.direction, i.occurred_at, i.sentiment, i.sentiment_score, i.objection_type, i.question, i.outcome, i.first_opened_at, i.open_count, i.replied_at',
);

/** (record_id, the interaction's columns) for the records in `ids` the caller may see, up to `asOf`: linkedInteractionIds with columns. */
function linkedInteractions(kind: RecordKind, scope: Scope, ids: readonly string[], asOf: Date) {
  const at = asOf.toISOString();
  if (kind === 'lead') {
    return sql`
      select leads.id as record_id, ${CARRIED}
      from leads join interactions i on i.lead_id = leads.id
      where leads.id = any(${uuidArray(ids)}) and ${ownedByClause(scope, leads.ownerId)} and i.occurred_at <= ${at}::timestamptz`;
  }
  return sql`
    select opportunities.id as record_id, ${CARRIED}
    from opportunities join interactions i on i.opportunity_id = opportunities.id
    where opportunities.id = any(${uuidArray(ids)}) and ${ownedByClause(scope, opportunities.ownerId)} and i.occurred_at <= ${at}::timestamptz
    union
    select opportunities.id, ${CARRIED}
    from opportunities
    join ${DEAL_CONTACTS} c on c.opportunity_id = opportunities.id
    join interactions i on i.lead_id = c.lead_id and i.opportunity_id is null
    where opportunities.id = any(${uuidArray(ids)}) and ${ownedByClause(scope, opportunities.ownerId)} and i.occurred_at <= ${at}::timestamptz`;
}

type Packed = [string, string, string, number, string | null, number | null, string | null, string | null, string | null, number | null, number, number | null];

export async function riskTimelines(
  ex: Executor,
  kind: RecordKind,
  scope: Scope,
  ids: readonly string[],
  options: RiskTimelineOptions,
): Promise<Map<string, LinkedInteraction[]>> {
  const timelines = new Map<string, LinkedInteraction[]>();
  if (ids.length === 0) return timelines;
  // extract() is numeric (exact) since Postgres 14: whole milliseconds as an integer, as a Date holds them
  const epochMs = (column: string) => sql.raw(`floor(extract(epoch from ${column}) * 1000)::bigint`);
  const found = await rows<{ recordId: string; items: string }>(
    ex,
    sql`
      with l as (${linkedInteractions(kind, scope, ids, options.asOf)}),
      ranked as (
        select i.*, ${CONTACT} as contact, ${CONTACT} and ${ANSWERED} as answered,
               row_number() over (partition by i.record_id order by i.occurred_at desc, i.id desc) as rn_all,
               case when ${SCORED} then row_number() over (partition by i.record_id, ${SCORED} order by i.occurred_at desc, i.id desc) end as rn_sentiment
        from l i
      ),
      selected as (
        select r.*, min(case when r.answered then r.rn_all end) over (partition by r.record_id) as stop_rn
        from ranked r
        where r.rn_all <= ${options.latest} or r.rn_sentiment <= ${options.latestWithSentiment}
      )
      select i.record_id as "recordId",
             json_agg(json_build_array(i.id, i.type, i.direction, ${epochMs('i.occurred_at')}, i.sentiment, i.sentiment_score::float8,
                                       i.objection_type, i.question, i.outcome, ${epochMs('i.first_opened_at')}, i.open_count, ${epochMs('i.replied_at')})
                      order by i.occurred_at desc, i.id desc)::text as items
      from selected i
      where (i.contact and (i.stop_rn is null or i.rn_all <= i.stop_rn)) or i.rn_sentiment <= ${options.latestWithSentiment}
      group by i.record_id`,
  );
  for (const row of found) {
    const items = (JSON.parse(row.items) as Packed[]).map(
      ([id, type, direction, occurredAt, sentiment, sentimentScore, objectionType, question, outcome, firstOpenedAt, openCount, repliedAt]): LinkedInteraction => ({
        recordId: row.recordId,
        id,
        type: type as LinkedInteraction['type'],
        direction: direction as LinkedInteraction['direction'],
        occurredAt: new Date(occurredAt),
        subject: null,
        quote: '',
        sentiment: sentiment as LinkedInteraction['sentiment'],
        sentimentScore,
        objectionType: objectionType as LinkedInteraction['objectionType'],
        question,
        outcome,
        firstOpenedAt: firstOpenedAt === null ? null : new Date(firstOpenedAt),
        openCount,
        repliedAt: repliedAt === null ? null : new Date(repliedAt),
      }),
    );
    timelines.set(row.recordId, items);
  }
  return timelines;
}

/** Subject and quote (summary, else the first 200 characters of the body) of these interactions, for evidence. */
export async function interactionTexts(ex: Executor, ids: readonly string[]): Promise<Map<string, { subject: string | null; quote: string }>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ id: string; subject: string | null; quote: string }>(
    ex,
    sql`select i.id, i.subject, coalesce(nullif(i.summary, ''), left(i.body, 200)) as quote from interactions i where i.id = any(${uuidArray(ids)})`,
  );
  return new Map(found.map((r) => [r.id, { subject: r.subject, quote: r.quote }]));
}
