import { eq, sql } from 'drizzle-orm';
import type { Seniority } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { leads, products, users } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { changesByLeadField, leadFieldChanges, valueAsOf } from './lead-field-history.ts';
import { ownedByClause, type Scope } from './scope.ts';

// The raw facts the lead score is built from, each lead read "as of" an instant: nothing that happened
// after it counts, so scoring at ctx.now is repeatable and a backtest can read a lead as it was before
// its outcome was known.
//
// Email engagement comes from two places that describe the same opens: engagement_events (one row per
// open/click/reply) and the summary columns ingest keeps on each email interaction (open_count,
// click_count, replied_at). Counting both would count an open twice, so an email's summary is used
// only when no event of that kind is linked to it:
//   opens   = opened events in the window  + open_count  of outbound emails first opened in the window with no linked opened event
//   clicks  = clicked events in the window + click_count of outbound emails (dated first open, else sent) with no linked clicked event
//   replies = replied events in the window + outbound emails replied to in the window with no linked replied event
// A summary count carries no per-open dates, so all of an email's opens are dated at its first open.

export interface LeadSignalTarget {
  leadId: string;
  asOf: Date;
}

export interface LeadSignalRow {
  leadId: string;
  asOf: Date;
  seniority: Seniority | null;
  isDecisionMaker: boolean;
  budgetMinMinor: number | null;
  budgetMaxMinor: number | null;
  /** attributes.webVisits30d when it is a number */
  webVisits30d: number | null;
  /** attributes.productInterest (string or list of strings) */
  productInterest: string[];
  industry: string | null;
  employees: number | null;
  opens30: number;
  clicks30: number;
  replies30: number;
  opens90: number;
  clicks90: number;
  replies90: number;
  /** non-internal interactions in the 30 days up to asOf */
  interactions30: number;
  /** meetings up to asOf whose outcome is not a no-show or cancellation */
  meetingsHeld: number;
  /** latest non-internal interaction or opened/clicked/replied event up to asOf */
  lastActivity: { id: string; kind: string; at: Date; quote: string } | null;
}

interface RawRow {
  lead_id: string; as_of: string | Date; seniority: Seniority | null; is_decision_maker: boolean;
  budget_min_minor: string | number | null; budget_max_minor: string | number | null; web_visits_30d: number | null;
  product_interest: unknown; industry: string | null; employees: number | null;
  opens30: number; clicks30: number; replies30: number; opens90: number; clicks90: number; replies90: number;
  interactions30: number; meetings_held: number;
  act_id: string | null; act_kind: string | null; act_at: string | Date | null; act_quote: string | null;
}

const CHUNK = 400;
const AS_OF_FIELDS = ['seniority', 'isDecisionMaker', 'budgetMinMinor', 'budgetMaxMinor'] as const;
const num = (v: string | number | null) => (v === null ? null : Number(v));

function interest(value: unknown): string[] {
  if (typeof value === 'string' && value.trim()) return [value.trim()];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  return [];
}

/** Signals for each target lead the scope can see (others are left out). */
export async function leadSignals(ex: Executor, scope: Scope, targets: readonly LeadSignalTarget[]): Promise<LeadSignalRow[]> {
  const out: LeadSignalRow[] = [];
  for (let start = 0; start < targets.length; start += CHUNK) {
    const chunk = targets.slice(start, start + CHUNK);
    // uuids and ISO instants contain no commas, quotes or braces, so an array literal is safe
    const ids = `{${chunk.map((t) => t.leadId).join(',')}}`;
    const instants = `{${chunk.map((t) => t.asOf.toISOString()).join(',')}}`;
    const raw = await rows<RawRow>(ex, sql`
      with t as (select * from unnest(${ids}::uuid[], ${instants}::timestamptz[]) as t(lead_id, as_of))
      select t.lead_id, t.as_of, ${leads.seniority} as seniority, ${leads.isDecisionMaker} as is_decision_maker,
             ${leads.budgetMinMinor} as budget_min_minor, ${leads.budgetMaxMinor} as budget_max_minor,
             case when jsonb_typeof(${leads.attributes} -> 'webVisits30d') = 'number' then (${leads.attributes} ->> 'webVisits30d')::float8 end as web_visits_30d,
             ${leads.attributes} -> 'productInterest' as product_interest,
             a.industry, a.employees,
             coalesce(ev.opens30, 0) + coalesce(sm.opens30, 0) as opens30,
             coalesce(ev.clicks30, 0) + coalesce(sm.clicks30, 0) as clicks30,
             coalesce(ev.replies30, 0) + coalesce(sm.replies30, 0) as replies30,
             coalesce(ev.opens90, 0) + coalesce(sm.opens90, 0) as opens90,
             coalesce(ev.clicks90, 0) + coalesce(sm.clicks90, 0) as clicks90,
             coalesce(ev.replies90, 0) + coalesce(sm.replies90, 0) as replies90,
             coalesce(ia.interactions30, 0) as interactions30, coalesce(ia.meetings_held, 0) as meetings_held,
             act.id as act_id, act.kind as act_kind, act.at as act_at, act.quote as act_quote
      from t
      join leads on ${leads.id} = t.lead_id
      left join accounts a on a.id = ${leads.accountId}
      left join lateral (
        select count(*) filter (where e.type = 'opened' and e.occurred_at > t.as_of - interval '30 days')::int as opens30,
               count(*) filter (where e.type = 'clicked' and e.occurred_at > t.as_of - interval '30 days')::int as clicks30,
               count(*) filter (where e.type = 'replied' and e.occurred_at > t.as_of - interval '30 days')::int as replies30,
               count(*) filter (where e.type = 'opened')::int as opens90,
               count(*) filter (where e.type = 'clicked')::int as clicks90,
               count(*) filter (where e.type = 'replied')::int as replies90
        from engagement_events e
        where e.lead_id = t.lead_id and e.occurred_at > t.as_of - interval '90 days' and e.occurred_at <= t.as_of
      ) ev on true
      left join lateral (
        select coalesce(sum(i.open_count) filter (where i.first_opened_at > t.as_of - interval '30 days' and not x.opened), 0)::int as opens30,
               coalesce(sum(i.open_count) filter (where i.first_opened_at > t.as_of - interval '90 days' and not x.opened), 0)::int as opens90,
               coalesce(sum(i.click_count) filter (where coalesce(i.first_opened_at, i.occurred_at) > t.as_of - interval '30 days' and not x.clicked), 0)::int as clicks30,
               coalesce(sum(i.click_count) filter (where coalesce(i.first_opened_at, i.occurred_at) > t.as_of - interval '90 days' and not x.clicked), 0)::int as clicks90,
               count(*) filter (where i.replied_at > t.as_of - interval '30 days' and i.replied_at <= t.as_of and not x.replied)::int as replies30,
               count(*) filter (where i.replied_at > t.as_of - interval '90 days' and i.replied_at <= t.as_of and not x.replied)::int as replies90
        from interactions i
        cross join lateral (
          select coalesce(bool_or(e.type = 'opened'), false) as opened,
                 coalesce(bool_or(e.type = 'clicked'), false) as clicked,
                 coalesce(bool_or(e.type = 'replied'), false) as replied
          from engagement_events e where e.interaction_id = i.id
        ) x
        where i.lead_id = t.lead_id and i.type = 'email' and i.direction = 'outbound'
          and i.occurred_at <= t.as_of and coalesce(i.first_opened_at, i.occurred_at) <= t.as_of
      ) sm on true
      left join lateral (
        select count(*) filter (where i.occurred_at > t.as_of - interval '30 days')::int as interactions30,
               count(*) filter (where i.type = 'meeting' and coalesce(lower(i.outcome), '') not in ('no_show', 'no-show', 'cancelled', 'canceled'))::int as meetings_held
        from interactions i
        where i.lead_id = t.lead_id and i.direction <> 'internal' and i.occurred_at <= t.as_of
      ) ia on true
      left join lateral (
        select * from (
          (select i.id, i.type::text as kind, i.occurred_at as at, coalesce(i.summary, i.subject, left(i.body, 200)) as quote
           from interactions i
           where i.lead_id = t.lead_id and i.direction <> 'internal' and i.occurred_at <= t.as_of
           order by i.occurred_at desc, i.id limit 1)
          union all
          (select e.id, 'email_' || e.type::text, e.occurred_at, 'email ' || e.type::text
           from engagement_events e
           where e.lead_id = t.lead_id and e.type in ('opened', 'clicked', 'replied') and e.occurred_at <= t.as_of
           order by e.occurred_at desc, e.id limit 1)
        ) latest order by at desc, id limit 1
      ) act on true
      where ${ownedByClause(scope, leads.ownerId)}
      order by t.lead_id, t.as_of
    `);
    // the record fields as they stood at as_of, from lead_field_history (current value when never changed)
    const history = changesByLeadField(await leadFieldChanges(ex, [...new Set(raw.map((r) => r.lead_id))], AS_OF_FIELDS));
    for (const r of raw) {
      const asOf = new Date(r.as_of);
      const at = <T>(field: (typeof AS_OF_FIELDS)[number], current: T): T => valueAsOf(history.get(`${r.lead_id}:${field}`) ?? [], current, asOf);
      out.push({
        leadId: r.lead_id,
        asOf,
        seniority: at('seniority', r.seniority),
        isDecisionMaker: at('isDecisionMaker', r.is_decision_maker),
        budgetMinMinor: num(at('budgetMinMinor', r.budget_min_minor)),
        budgetMaxMinor: num(at('budgetMaxMinor', r.budget_max_minor)),
        webVisits30d: r.web_visits_30d === null ? null : Number(r.web_visits_30d),
        productInterest: interest(r.product_interest),
        industry: r.industry,
        employees: r.employees,
        opens30: r.opens30, clicks30: r.clicks30, replies30: r.replies30,
        opens90: r.opens90, clicks90: r.clicks90, replies90: r.replies90,
        interactions30: r.interactions30,
        meetingsHeld: r.meetings_held,
        lastActivity: r.act_id && r.act_kind && r.act_at ? { id: r.act_id, kind: r.act_kind, at: new Date(r.act_at), quote: r.act_quote ?? '' } : null,
      });
    }
  }
  return out;
}

export interface ScoringReference {
  /** industries and products the org's active reps specialise in, lower-case */
  specialisations: string[];
  /** active product names and families, lower-case */
  productNames: string[];
  /** cheapest active list price (minor units), null when no product has one */
  minListPriceMinor: number | null;
}

/** What "fit" is measured against: the org's specialisations and its active products. */
export async function scoringReference(ex: Executor): Promise<ScoringReference> {
  const reps = await ex.select({ specialisations: users.specialisations }).from(users).where(eq(users.active, true));
  const catalog = await ex.select({ name: products.name, family: products.family, price: products.listPriceMinor }).from(products).where(eq(products.active, true));
  const lower = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v).map((v) => v.trim().toLowerCase()))].sort();
  const prices = catalog.map((p) => p.price).filter((p): p is number => p !== null);
  return {
    specialisations: lower(reps.flatMap((r) => r.specialisations)),
    productNames: lower(catalog.flatMap((p) => [p.name, p.family])),
    minListPriceMinor: prices.length > 0 ? Math.min(...prices) : null,
  };
}
