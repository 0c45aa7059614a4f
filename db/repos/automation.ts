import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { leads, opportunities } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { ownedByClause, type Scope } from './scope.ts';

// The records the automation rules look at (tools/automation/rules.ts), each query kept inside the
// caller's scope. Which of them already got their task is decided by the tasks' ruleKey, not here.

const d = (v: string | Date) => (v instanceof Date ? v : new Date(v));
const dn = (v: string | Date | null) => (v == null ? null : d(v));

export interface RuleLead {
  leadId: string;
  name: string;
  ownerId: string | null;
  createdAt: Date;
  lastContactedAt: Date | null;
  score: number | null;
  budgetMaxMinor: number | null;
  leadTimeZone: string | null;
  accountTimeZone: string | null;
  preferredContactHour: number | null;
}

const leadColumns = sql`
  leads.id as "leadId", leads.full_name as name, leads.owner_id as "ownerId", leads.created_at as "createdAt",
  leads.last_contacted_at as "lastContactedAt", leads.score::int as score, leads.budget_max_minor::float8 as "budgetMaxMinor",
  leads.time_zone as "leadTimeZone", a.time_zone as "accountTimeZone", leads.preferred_contact_hour::int as "preferredContactHour"`;

type RawLead = Omit<RuleLead, 'createdAt' | 'lastContactedAt'> & { createdAt: string | Date; lastContactedAt: string | Date | null };
const toLead = (r: RawLead): RuleLead => ({ ...r, createdAt: d(r.createdAt), lastContactedAt: dn(r.lastContactedAt) });

/** New, never-contacted leads that arrived in (since, asOf]; unowned ones only for an all-seeing caller. */
export async function newUncontactedLeads(ex: Executor, scope: Scope, since: Date, asOf: Date, cap: number): Promise<RuleLead[]> {
  const found = await rows<RawLead>(ex, sql`
    select ${leadColumns}
    from ${leads} left join accounts a on a.id = leads.account_id
    where leads.lifecycle_stage = 'new' and leads.status = 'open' and leads.last_contacted_at is null
      and leads.created_at > ${since.toISOString()}::timestamptz and leads.created_at <= ${asOf.toISOString()}::timestamptz
      and ${ownedByClause(scope, leads.ownerId)}
    order by leads.created_at, leads.id limit ${cap}`);
  return found.map(toLead);
}

/** Working leads worth a lot (budget or score) that nobody has contacted since `since`. */
export async function highValueUncontacted(
  ex: Executor, scope: Scope, o: { since: Date; asOf: Date; minBudgetMinor: number; minScore: number; cap: number },
): Promise<RuleLead[]> {
  const found = await rows<RawLead>(ex, sql`
    select ${leadColumns}
    from ${leads} left join accounts a on a.id = leads.account_id
    where leads.status in ('open', 'working') and leads.lifecycle_stage in ('new', 'contacted', 'qualified')
      and (leads.budget_max_minor >= ${o.minBudgetMinor} or leads.score >= ${o.minScore})
      and leads.created_at < ${o.since.toISOString()}::timestamptz
      and (leads.last_contacted_at is null or leads.last_contacted_at < ${o.since.toISOString()}::timestamptz)
      and leads.owner_id is not null and ${ownedByClause(scope, leads.ownerId)}
    order by leads.budget_max_minor desc nulls last, leads.score desc nulls last, leads.id limit ${o.cap}`);
  return found.map(toLead);
}

export interface RuleDeal {
  opportunityId: string;
  name: string;
  stage: string;
  stageEnteredAt: Date;
  ownerId: string;
  primaryContactId: string | null;
}

/** Open deals that entered their current stage in (since, asOf]. */
export async function dealsEnteredStage(ex: Executor, scope: Scope, since: Date, asOf: Date, cap: number): Promise<RuleDeal[]> {
  const found = await rows<Omit<RuleDeal, 'stageEnteredAt'> & { stageEnteredAt: string | Date }>(ex, sql`
    select opportunities.id as "opportunityId", opportunities.name, opportunities.stage::text as stage, opportunities.stage_entered_at as "stageEnteredAt",
           opportunities.owner_id as "ownerId", opportunities.primary_contact_id as "primaryContactId"
    from ${opportunities}
    where opportunities.closed_at is null
      and opportunities.stage_entered_at > ${since.toISOString()}::timestamptz and opportunities.stage_entered_at <= ${asOf.toISOString()}::timestamptz
      and ${ownedByClause(scope, opportunities.ownerId)}
    order by opportunities.stage_entered_at, opportunities.id limit ${cap}`);
  return found.map((r) => ({ ...r, stageEnteredAt: d(r.stageEnteredAt) }));
}

export interface OpenedEmail extends RuleLead {
  eventId: string;
  interactionId: string | null;
  subject: string | null;
  openedAt: Date;
}

/** The latest open of each email sent to a lead in scope in (since, asOf], when the lead has not written back since. */
export async function openedWithoutReply(ex: Executor, scope: Scope, since: Date, asOf: Date, cap: number): Promise<OpenedEmail[]> {
  const found = await rows<RawLead & { eventId: string; interactionId: string | null; subject: string | null; openedAt: string | Date }>(ex, sql`
    select * from (
      select distinct on (leads.id, coalesce(e.interaction_id, e.id)) ${leadColumns},
             e.id as "eventId", e.interaction_id as "interactionId", i.subject, e.occurred_at as "openedAt"
      from engagement_events e
      join ${leads} on leads.id = e.lead_id
      left join accounts a on a.id = leads.account_id
      left join interactions i on i.id = e.interaction_id
      where e.type = 'opened' and e.occurred_at > ${since.toISOString()}::timestamptz and e.occurred_at <= ${asOf.toISOString()}::timestamptz
        and leads.owner_id is not null and ${ownedByClause(scope, leads.ownerId)}
        and leads.status not in ('merged', 'unqualified')
        and not exists (
          select 1 from interactions r where r.lead_id = leads.id and r.direction = 'inbound'
            and r.occurred_at > e.occurred_at and r.occurred_at <= ${asOf.toISOString()}::timestamptz)
      order by leads.id, coalesce(e.interaction_id, e.id), e.occurred_at desc
    ) latest order by "openedAt", "eventId" limit ${cap}`);
  return found.map((r) => ({ ...toLead(r), eventId: r.eventId, interactionId: r.interactionId, subject: r.subject, openedAt: d(r.openedAt) }));
}
