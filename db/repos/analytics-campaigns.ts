import { and, asc, eq, gte, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { LeadSource } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { accounts, campaigns, campaignTouches, leads, opportunities, opportunityContacts } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { ownedBy, type Scope } from './scope.ts';

// The rows campaign_roi attributes: campaigns (org-wide marketing spend, no owner, so no scope),
// the caller's leads, the campaign touches of leads the caller may see (their own, or the contacts
// of deals they may see), and the caller's won deals with every contact on them.

const where = (...conditions: (SQL | undefined)[]) => and(...conditions.filter((c): c is SQL => c !== undefined));

export type CampaignChannel = (typeof campaigns.channel.enumValues)[number];

export interface CampaignRow {
  id: string;
  name: string;
  channel: CampaignChannel;
  costMinor: number;
  currency: string;
  startsAt: Date | null;
  endsAt: Date | null;
}

/** Every campaign: campaigns are the organisation's, not a rep's, so they are visible to all. */
export async function listCampaigns(ex: Executor): Promise<CampaignRow[]> {
  const found = await ex
    .select({
      id: campaigns.id, name: campaigns.name, channel: campaigns.channel, costMinor: campaigns.costMinor,
      currency: campaigns.currency, startsAt: campaigns.startsAt, endsAt: campaigns.endsAt,
    })
    .from(campaigns)
    .orderBy(asc(campaigns.name));
  return found.map((c) => ({ ...c, currency: c.currency.trim().toUpperCase() }));
}

export interface AttributionLeadRow {
  id: string;
  source: LeadSource | null;
  campaignId: string | null;
  createdAt: Date;
  convertedAt: Date | null;
}

/** Leads the caller may see that existed by `asOf` (merged-away duplicates left out). */
export async function attributionLeads(ex: Executor, scope: Scope, asOf: Date): Promise<AttributionLeadRow[]> {
  return ex
    .select({ id: leads.id, source: leads.source, campaignId: leads.campaignId, createdAt: leads.createdAt, convertedAt: leads.convertedAt })
    .from(leads)
    .where(where(ownedBy(scope, leads.ownerId), ne(leads.status, 'merged'), isNull(leads.mergedIntoId), lte(leads.createdAt, asOf)))
    .orderBy(asc(leads.createdAt), asc(leads.id));
}

export interface TouchRow {
  leadId: string;
  campaignId: string;
  touchedAt: Date;
  opportunityId: string | null;
  /** 'touch' = a campaign_touches row; 'lead_campaign' = the lead's own campaignId, dated at its creation */
  origin: 'touch' | 'lead_campaign';
}

/**
 * A lead is visible for attribution when the caller may see it, or a deal it is a contact on. Written as an
 * uncorrelated IN (one hashed set per query) rather than EXISTS per row: per-row subqueries over deals took
 * 8.5 s for a rep at --scale 10.
 */
function leadVisible(scope: Scope, leadId: SQL): SQL {
  if (scope.kind === 'all') return sql`true`;
  return sql`${leadId} in (
    select ${leads.id} from ${leads} where ${ownedBy(scope, leads.ownerId)}
    union select ${opportunities.primaryContactId} from ${opportunities}
      where ${ownedBy(scope, opportunities.ownerId)} and ${opportunities.primaryContactId} is not null
    union select ${opportunityContacts.leadId} from ${opportunityContacts}
      join ${opportunities} on ${opportunities.id} = ${opportunityContacts.opportunityId}
      where ${ownedBy(scope, opportunities.ownerId)})`;
}

/**
 * Touches up to `asOf` of the leads visible for attribution, plus each such lead's own campaignId as a
 * touch at its creation when campaign_touches holds no touch of that campaign for it.
 */
export async function attributionTouches(ex: Executor, scope: Scope, asOf: Date): Promise<TouchRow[]> {
  const at = asOf.toISOString();
  const raw = await rows<{ lead_id: string; campaign_id: string; touched_at: string | Date; opportunity_id: string | null; origin: 'touch' | 'lead_campaign' }>(ex, sql`
    select t.lead_id, t.campaign_id, t.touched_at, t.opportunity_id, 'touch' as origin
    from ${campaignTouches} t
    where t.touched_at <= ${at}::timestamptz and ${leadVisible(scope, sql`t.lead_id`)}
    union all
    select l.id, l.campaign_id, l.created_at, null, 'lead_campaign'
    from ${leads} l
    where l.campaign_id is not null and l.created_at <= ${at}::timestamptz and l.status <> 'merged'
      and not exists (select 1 from ${campaignTouches} t2 where t2.lead_id = l.id and t2.campaign_id = l.campaign_id)
      and ${leadVisible(scope, sql`l.id`)}
    order by 3, 1, 2
  `);
  return raw.map((r) => ({ leadId: r.lead_id, campaignId: r.campaign_id, touchedAt: new Date(r.touched_at), opportunityId: r.opportunity_id, origin: r.origin }));
}

export interface WonDealRow {
  id: string;
  name: string;
  account: string;
  valueMinor: number;
  currency: string;
  closedAt: Date;
  source: LeadSource | null;
  campaignId: string | null;
  primaryContactId: string | null;
  /** the primary contact's lead source, for deals with no source of their own */
  primaryContactSource: LeadSource | null;
  /** the primary contact and every opportunity_contacts lead */
  contactIds: string[];
}

/** Won deals the caller may see that closed in [from, toExclusive) (from = null: since the beginning). */
export async function wonDeals(ex: Executor, scope: Scope, window: { from: Date | null; toExclusive: Date }): Promise<WonDealRow[]> {
  const found = await ex
    .select({
      id: opportunities.id, name: opportunities.name, account: accounts.name, valueMinor: opportunities.valueMinor,
      currency: opportunities.currency, closedAt: opportunities.closedAt, source: opportunities.source, campaignId: opportunities.campaignId,
      primaryContactId: opportunities.primaryContactId, primaryContactSource: leads.source,
      contacts: sql<string[] | null>`(select array_agg(distinct ${opportunityContacts.leadId}::text) from ${opportunityContacts} where ${opportunityContacts.opportunityId} = ${opportunities.id})`,
    })
    .from(opportunities)
    .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
    .leftJoin(leads, eq(leads.id, opportunities.primaryContactId))
    .where(
      where(
        ownedBy(scope, opportunities.ownerId),
        eq(opportunities.outcome, 'won'),
        window.from ? gte(opportunities.closedAt, window.from) : undefined,
        lt(opportunities.closedAt, window.toExclusive),
      ),
    )
    .orderBy(asc(opportunities.closedAt), asc(opportunities.id));
  return found
    .filter((d): d is typeof d & { closedAt: Date } => d.closedAt !== null)
    .map(({ contacts, ...d }) => ({
      ...d,
      currency: d.currency.trim().toUpperCase(),
      contactIds: [...new Set([...(d.primaryContactId ? [d.primaryContactId] : []), ...(contacts ?? [])])],
    }));
}
