import { and, asc, eq, gte, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { EngagementEventType, ObjectionType, Seniority } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { abTests, accounts, campaigns, interactions, leads, opportunities, templates } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { ownedBy, type Scope } from './scope.ts';

// The rows engagement_insights reads. An interaction is visible when its lead is (else its deal, else
// its author is in scope), the same rule the lead and deal timelines use. A/B tests and templates are
// the organisation's and visible to all.

export interface EngagementWindow {
  /** null = since the beginning */
  from: Date | null;
  toExclusive: Date;
}

const where = (...conditions: (SQL | undefined)[]) => and(...conditions.filter((c): c is SQL => c !== undefined));
const when = (w: EngagementWindow) =>
  where(w.from ? gte(interactions.occurredAt, w.from) : undefined, lt(interactions.occurredAt, w.toExclusive));
const NO_SHOW_OUTCOMES = ['no_show', 'no-show', 'cancelled', 'canceled'];

function interactionVisible(scope: Scope): SQL {
  if (scope.kind === 'all') return sql`true`;
  return sql`(case
    when ${interactions.leadId} is not null then exists (select 1 from ${leads} where ${leads.id} = ${interactions.leadId} and ${ownedBy(scope, leads.ownerId)})
    when ${interactions.opportunityId} is not null then exists (select 1 from ${opportunities} where ${opportunities.id} = ${interactions.opportunityId} and ${ownedBy(scope, opportunities.ownerId)})
    else ${ownedBy(scope, interactions.userId)} end)`;
}

export interface LeadProfileRow {
  id: string;
  seniority: Seniority | null;
  industry: string | null;
  employees: number | null;
  converted: boolean;
  customer: boolean;
}

/** Leads the caller may see created in the window, with what they converted to by `asOf`. */
export async function leadProfiles(ex: Executor, scope: Scope, w: EngagementWindow, asOf: Date): Promise<LeadProfileRow[]> {
  const found = await ex
    .select({
      id: leads.id, seniority: leads.seniority, industry: accounts.industry, employees: accounts.employees,
      convertedAt: leads.convertedAt, stage: leads.lifecycleStage,
    })
    .from(leads)
    .leftJoin(accounts, eq(accounts.id, leads.accountId))
    .where(where(
      ownedBy(scope, leads.ownerId), ne(leads.status, 'merged'), isNull(leads.mergedIntoId),
      w.from ? gte(leads.createdAt, w.from) : undefined, lt(leads.createdAt, w.toExclusive),
    ))
    .orderBy(asc(leads.createdAt), asc(leads.id));
  return found.map((l) => ({
    id: l.id, seniority: l.seniority, industry: l.industry, employees: l.employees,
    converted: l.convertedAt !== null && l.convertedAt.getTime() <= asOf.getTime(), customer: l.stage === 'customer',
  }));
}

export interface OutboundEmailRow {
  id: string;
  sentAt: Date;
  leadTimeZone: string | null;
  accountTimeZone: string | null;
  subject: string | null;
  firstName: string | null;
  accountName: string | null;
  templateId: string | null;
  templateName: string | null;
  templateSubject: string | null;
  abTestId: string | null;
  abVariant: string | null;
  delivered: boolean;
  bounced: boolean;
  opened: boolean;
  clicked: boolean;
  replied: boolean;
  unsubscribed: boolean;
}

/**
 * Outbound emails sent in the window, each with what happened to it by `asOf`, from the summary columns
 * or the linked engagement events, whichever knows: bounced wins over delivered; an open, click or reply
 * implies delivery. An email neither delivered nor bounced was not tracked.
 */
export async function outboundEmails(ex: Executor, scope: Scope, w: EngagementWindow, asOf: Date): Promise<OutboundEmailRow[]> {
  const at = asOf.toISOString();
  const raw = await rows<{
    id: string; sent_at: string | Date; lead_tz: string | null; account_tz: string | null; subject: string | null; first_name: string | null;
    account_name: string | null; template_id: string | null; template_name: string | null; template_subject: string | null;
    ab_test_id: string | null; ab_variant: string | null; delivered: boolean; bounced: boolean; opened: boolean; clicked: boolean; replied: boolean; unsubscribed: boolean;
  }>(ex, sql`
    select ${interactions.id} as id, ${interactions.occurredAt} as sent_at, l.time_zone as lead_tz, coalesce(la.time_zone, ia.time_zone) as account_tz,
           ${interactions.subject} as subject, l.first_name, coalesce(la.name, ia.name) as account_name,
           ${interactions.templateId} as template_id, t.name as template_name, t.subject as template_subject,
           ${interactions.abTestId} as ab_test_id, ${interactions.abVariant} as ab_variant,
           (${interactions.bouncedAt} is not null or coalesce(ev.b, false)) as bounced,
           (${interactions.firstOpenedAt} is not null or ${interactions.openCount} > 0 or coalesce(ev.o, false)) as opened,
           (${interactions.clickCount} > 0 or coalesce(ev.c, false)) as clicked,
           (${interactions.repliedAt} is not null or coalesce(ev.r, false)) as replied,
           coalesce(ev.u, false) as unsubscribed,
           (${interactions.deliveredAt} is not null or coalesce(ev.d, false) or ${interactions.firstOpenedAt} is not null or ${interactions.openCount} > 0
             or ${interactions.clickCount} > 0 or ${interactions.repliedAt} is not null or coalesce(ev.o or ev.c or ev.r, false)) as delivered
    from ${interactions}
    left join ${leads} l on l.id = ${interactions.leadId}
    left join ${accounts} la on la.id = l.account_id
    left join ${accounts} ia on ia.id = ${interactions.accountId}
    left join ${templates} t on t.id = ${interactions.templateId}
    left join lateral (
      select bool_or(e.type = 'delivered') as d, bool_or(e.type = 'bounced') as b, bool_or(e.type = 'opened') as o,
             bool_or(e.type = 'clicked') as c, bool_or(e.type = 'replied') as r, bool_or(e.type = 'unsubscribed') as u
      from engagement_events e where e.interaction_id = ${interactions.id} and e.occurred_at <= ${at}::timestamptz
    ) ev on true
    where ${interactions.type} = 'email' and ${interactions.direction} = 'outbound' and ${when(w)} and ${interactionVisible(scope)}
    order by ${interactions.occurredAt}, ${interactions.id}
  `);
  return raw.map((r) => ({
    id: r.id, sentAt: new Date(r.sent_at), leadTimeZone: r.lead_tz, accountTimeZone: r.account_tz, subject: r.subject, firstName: r.first_name,
    accountName: r.account_name, templateId: r.template_id, templateName: r.template_name, templateSubject: r.template_subject,
    abTestId: r.ab_test_id, abVariant: r.ab_variant, bounced: r.bounced, delivered: r.delivered && !r.bounced,
    opened: r.opened, clicked: r.clicked, replied: r.replied, unsubscribed: r.unsubscribed,
  }));
}

export interface AbTestRow {
  id: string;
  name: string;
  metric: EngagementEventType;
  campaign: string | null;
  variantA: string | null;
  variantB: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

/** Every A/B test, with its variants' template names. */
export async function listAbTests(ex: Executor): Promise<AbTestRow[]> {
  const raw = await rows<{ id: string; name: string; metric: EngagementEventType; campaign: string | null; a: string | null; b: string | null; starts_at: string | Date | null; ends_at: string | Date | null }>(ex, sql`
    select x.id, x.name, x.metric, c.name as campaign, ta.name as a, tb.name as b, x.starts_at, x.ends_at
    from ${abTests} x
    left join ${campaigns} c on c.id = x.campaign_id
    left join ${templates} ta on ta.id = x.variant_a_template_id
    left join ${templates} tb on tb.id = x.variant_b_template_id
    order by x.starts_at nulls last, x.name
  `);
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return raw.map((r) => ({ id: r.id, name: r.name, metric: r.metric, campaign: r.campaign, variantA: r.a, variantB: r.b, startsAt: date(r.starts_at), endsAt: date(r.ends_at) }));
}

export interface EvidenceRow {
  id: string;
  at: Date;
  quote: string;
}

export interface MeetingStats {
  scheduled: number;
  noShows: number;
  /** the latest no-show and the latest held meeting */
  examples: (EvidenceRow & { outcome: string | null; held: boolean })[];
}

/** Meetings in the window; a no-show or cancelled outcome means it did not take place. */
export async function meetingStats(ex: Executor, scope: Scope, w: EngagementWindow): Promise<MeetingStats> {
  const noShow = sql`coalesce(lower(${interactions.outcome}), '') in (${sql.join(NO_SHOW_OUTCOMES.map((o) => sql`${o}`), sql`, `)})`;
  const base = sql`${interactions.type} = 'meeting' and ${when(w)} and ${interactionVisible(scope)}`;
  const [counts] = await rows<{ scheduled: number; no_shows: number }>(ex, sql`
    select count(*)::int as scheduled, count(*) filter (where ${noShow})::int as no_shows from ${interactions} where ${base}`);
  const examples = await rows<{ id: string; at: string | Date; quote: string; outcome: string | null; held: boolean }>(ex, sql`
    (select ${interactions.id} as id, ${interactions.occurredAt} as at, coalesce(${interactions.subject}, left(${interactions.body}, 160)) as quote, ${interactions.outcome} as outcome, false as held
     from ${interactions} where ${base} and ${noShow} order by ${interactions.occurredAt} desc, ${interactions.id} limit 1)
    union all
    (select ${interactions.id}, ${interactions.occurredAt}, coalesce(${interactions.subject}, left(${interactions.body}, 160)), ${interactions.outcome}, true
     from ${interactions} where ${base} and not ${noShow} order by ${interactions.occurredAt} desc, ${interactions.id} limit 1)`);
  return {
    scheduled: counts?.scheduled ?? 0,
    noShows: counts?.no_shows ?? 0,
    examples: examples.map((e) => ({ id: e.id, at: new Date(e.at), quote: e.quote, outcome: e.outcome, held: e.held })),
  };
}

export interface ObjectionCount {
  objection: ObjectionType;
  count: number;
  example: EvidenceRow;
}

/** Objections raised in the window (any non-internal interaction), most frequent first, each with its latest example. */
export async function objectionCounts(ex: Executor, scope: Scope, w: EngagementWindow): Promise<ObjectionCount[]> {
  const raw = await rows<{ objection: ObjectionType; count: number; id: string; at: string | Date; quote: string }>(ex, sql`
    select distinct on (${interactions.objectionType}) ${interactions.objectionType} as objection,
           count(*) over (partition by ${interactions.objectionType})::int as count,
           ${interactions.id} as id, ${interactions.occurredAt} as at, coalesce(${interactions.summary}, left(${interactions.body}, 200)) as quote
    from ${interactions}
    where ${interactions.objectionType} is not null and ${interactions.direction} <> 'internal' and ${when(w)} and ${interactionVisible(scope)}
    order by ${interactions.objectionType}, ${interactions.occurredAt} desc, ${interactions.id}`);
  return raw
    .map((r) => ({ objection: r.objection, count: r.count, example: { id: r.id, at: new Date(r.at), quote: r.quote } }))
    .sort((a, b) => b.count - a.count || a.objection.localeCompare(b.objection));
}

export const QUESTION_CAP = 5000;

/** Questions buyers asked in the window, latest first (capped). */
export async function questionRows(ex: Executor, scope: Scope, w: EngagementWindow): Promise<EvidenceRow[]> {
  const raw = await rows<{ id: string; at: string | Date; question: string }>(ex, sql`
    select ${interactions.id} as id, ${interactions.occurredAt} as at, ${interactions.question} as question
    from ${interactions}
    where ${interactions.question} is not null and btrim(${interactions.question}) <> '' and ${interactions.direction} <> 'internal' and ${when(w)} and ${interactionVisible(scope)}
    order by ${interactions.occurredAt} desc, ${interactions.id}
    limit ${QUESTION_CAP}`);
  return raw.map((r) => ({ id: r.id, at: new Date(r.at), quote: r.question }));
}
