import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { leads } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { ownedByClause, type Scope } from './scope.ts';

// The facts behind a rep's work queue (lead_prioritize): their open leads with the score, the latest
// inbound engagement of each kind in the last `windowDays`, the oldest overdue open task and the last
// outbound contact, all as of `asOf`.

export interface InboundSignal {
  kind: 'replied' | 'inbound' | 'clicked' | 'opened';
  at: Date;
  sourceId: string;
  quote: string;
}

export interface QueueRow {
  leadId: string;
  fullName: string;
  accountName: string | null;
  score: number | null;
  grade: string | null;
  createdAt: Date;
  lastContactAt: Date | null;
  lastContactId: string | null;
  signals: InboundSignal[];
  overdueCount: number;
  oldestOverdue: { id: string; title: string; dueAt: Date } | null;
}

export async function queueFacts(
  ex: Executor,
  scope: Scope,
  options: { ownerId: string; asOf: Date; windowDays: number; cap: number },
): Promise<{ rows: QueueRow[]; capped: boolean }> {
  const asOf = options.asOf.toISOString();
  const since = sql`${asOf}::timestamptz - make_interval(days => ${options.windowDays})`;
  const raw = await rows<{
    lead_id: string; full_name: string; account_name: string | null; score: number | null; grade: string | null; created_at: string | Date;
    last_contact_at: string | Date | null; last_outbound_at: string | Date | null; last_contact_id: string | null;
    signals: { kind: InboundSignal['kind']; at: string; source_id: string; quote: string | null }[] | null;
    overdue_count: number; overdue_id: string | null; overdue_title: string | null; overdue_due: string | Date | null;
  }>(ex, sql`
    select ${leads.id} as lead_id, ${leads.fullName} as full_name, a.name as account_name, ${leads.score} as score, ${leads.grade} as grade,
           ${leads.createdAt} as created_at,
           greatest(oc.at, case when ${leads.lastContactedAt} <= ${asOf}::timestamptz then ${leads.lastContactedAt} end) as last_contact_at,
           oc.at as last_outbound_at,
           oc.id as last_contact_id,
           (select json_agg(s) from (
              select distinct on (kind) kind, at, source_id, quote from (
                select e.type::text as kind, e.occurred_at as at, e.id as source_id, 'email ' || e.type::text as quote
                from engagement_events e
                where e.lead_id = ${leads.id} and e.type in ('opened', 'clicked', 'replied') and e.occurred_at > ${since} and e.occurred_at <= ${asOf}::timestamptz
                union all
                select 'replied', i.replied_at, i.id, coalesce(i.subject, 'email') || ' (replied)'
                from interactions i where i.lead_id = ${leads.id} and i.replied_at > ${since} and i.replied_at <= ${asOf}::timestamptz
                union all
                select 'opened', i.first_opened_at, i.id, coalesce(i.subject, 'email') || ' (opened)'
                from interactions i where i.lead_id = ${leads.id} and i.first_opened_at > ${since} and i.first_opened_at <= ${asOf}::timestamptz
                union all
                select 'inbound', i.occurred_at, i.id, coalesce(i.summary, i.subject, left(i.body, 160))
                from interactions i where i.lead_id = ${leads.id} and i.direction = 'inbound' and i.occurred_at > ${since} and i.occurred_at <= ${asOf}::timestamptz
              ) x order by kind, at desc, source_id
           ) s) as signals,
           coalesce(od.n, 0) as overdue_count, od.id as overdue_id, od.title as overdue_title, od.due_at as overdue_due
    from ${leads}
    left join accounts a on a.id = ${leads.accountId}
    left join lateral (
      select i.id, i.occurred_at as at from interactions i
      where i.lead_id = ${leads.id} and i.direction = 'outbound' and i.occurred_at <= ${asOf}::timestamptz
      order by i.occurred_at desc, i.id limit 1
    ) oc on true
    left join lateral (
      select count(*) over ()::int as n, t.id, t.title, t.due_at from tasks t
      where t.lead_id = ${leads.id} and t.status in ('open', 'in_progress') and t.due_at < ${asOf}::timestamptz
      order by t.due_at, t.id limit 1
    ) od on true
    where ${leads.ownerId} = ${options.ownerId} and ${leads.status} in ('open', 'working', 'nurturing')
      and ${leads.lifecycleStage} not in ('customer', 'disqualified', 'opportunity')
      and ${ownedByClause(scope, leads.ownerId)}
    order by ${leads.score} desc nulls last, ${leads.id}
    limit ${options.cap + 1}
  `);
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return {
    capped: raw.length > options.cap,
    rows: raw.slice(0, options.cap).map((r) => ({
      leadId: r.lead_id,
      fullName: r.full_name,
      accountName: r.account_name,
      score: r.score,
      grade: r.grade,
      createdAt: new Date(r.created_at),
      lastContactAt: date(r.last_contact_at),
      // the outbound interaction is the evidence only when it is the latest contact
      lastContactId: r.last_contact_id && date(r.last_outbound_at)?.getTime() === date(r.last_contact_at)?.getTime() ? r.last_contact_id : null,
      signals: (r.signals ?? []).map((s) => ({ kind: s.kind, at: new Date(s.at), sourceId: s.source_id, quote: s.quote ?? '' })),
      overdueCount: r.overdue_count,
      oldestOverdue: r.overdue_id && r.overdue_title && r.overdue_due ? { id: r.overdue_id, title: r.overdue_title, dueAt: new Date(r.overdue_due) } : null,
    })),
  };
}
