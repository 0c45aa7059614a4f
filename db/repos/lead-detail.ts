import { and, asc, count, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import {
  accounts,
  interactions,
  leadQualifications,
  leads,
  opportunities,
  opportunityContacts,
  scoreHistory,
  tasks,
  users,
} from '../schema/index.ts';
import type { LeadRecord } from './leads.ts';
import { ownedBy, type Scope } from './scope.ts';

// What lead_get shows about one lead. Every query joins the lead and keeps it inside the caller's scope,
// so a lead outside it yields nothing at all; linked deals are also filtered by the deal's own owner.

export interface LeadWithContext {
  lead: LeadRecord;
  account: {
    id: string; name: string; domain: string | null; industry: string | null; employees: number | null;
    country: string | null; region: string | null; currency: string;
  } | null;
  owner: { id: string; fullName: string; email: string } | null;
}

export async function getLeadWithContext(ex: Executor, scope: Scope, leadId: string): Promise<LeadWithContext | undefined> {
  const [row] = await ex
    .select({
      lead: leads,
      accountId: accounts.id,
      accountName: accounts.name,
      domain: accounts.domain,
      industry: accounts.industry,
      employees: accounts.employees,
      country: accounts.country,
      region: accounts.region,
      currency: accounts.currency,
      ownerId: users.id,
      ownerName: users.fullName,
      ownerEmail: users.email,
    })
    .from(leads)
    .leftJoin(accounts, eq(accounts.id, leads.accountId))
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(and(eq(leads.id, leadId), ownedBy(scope, leads.ownerId)));
  if (!row) return undefined;
  return {
    lead: row.lead,
    account:
      row.accountId && row.accountName
        ? { id: row.accountId, name: row.accountName, domain: row.domain, industry: row.industry, employees: row.employees, country: row.country, region: row.region, currency: row.currency ?? 'USD' }
        : null,
    owner: row.ownerId && row.ownerName && row.ownerEmail ? { id: row.ownerId, fullName: row.ownerName, email: row.ownerEmail } : null,
  };
}

export type InteractionRow = Pick<
  typeof interactions.$inferSelect,
  | 'id' | 'type' | 'direction' | 'occurredAt' | 'subject' | 'summary' | 'body' | 'sentiment' | 'outcome'
  | 'openCount' | 'clickCount' | 'repliedAt' | 'opportunityId'
>;

/** The lead's interactions up to `asOf`, newest first, with the total count. */
export async function leadInteractions(
  ex: Executor,
  scope: Scope,
  leadId: string,
  options: { asOf: Date; limit: number; offset?: number },
): Promise<{ rows: InteractionRow[]; total: number }> {
  const where = and(eq(interactions.leadId, leadId), lte(interactions.occurredAt, options.asOf), ownedBy(scope, leads.ownerId));
  const [total] = await ex.select({ n: count() }).from(interactions).innerJoin(leads, eq(leads.id, interactions.leadId)).where(where);
  const rows = await ex
    .select({
      id: interactions.id,
      type: interactions.type,
      direction: interactions.direction,
      occurredAt: interactions.occurredAt,
      subject: interactions.subject,
      summary: interactions.summary,
      body: interactions.body,
      sentiment: interactions.sentiment,
      outcome: interactions.outcome,
      openCount: interactions.openCount,
      clickCount: interactions.clickCount,
      repliedAt: interactions.repliedAt,
      opportunityId: interactions.opportunityId,
    })
    .from(interactions)
    .innerJoin(leads, eq(leads.id, interactions.leadId))
    .where(where)
    .orderBy(desc(interactions.occurredAt), asc(interactions.id))
    .limit(options.limit)
    .offset(options.offset ?? 0);
  return { rows, total: total?.n ?? 0 };
}

export type ScoreHistoryRow = typeof scoreHistory.$inferSelect;

/** Score history newest first (ties by id). Ask for one more row than you show to know the last one's change. */
export async function leadScoreHistory(ex: Executor, scope: Scope, leadId: string, limit: number): Promise<ScoreHistoryRow[]> {
  const rows = await ex
    .select({ h: scoreHistory })
    .from(scoreHistory)
    .innerJoin(leads, eq(leads.id, scoreHistory.leadId))
    .where(and(eq(scoreHistory.leadId, leadId), ownedBy(scope, leads.ownerId)))
    .orderBy(desc(scoreHistory.computedAt), desc(scoreHistory.id))
    .limit(limit);
  return rows.map((r) => r.h);
}

export type TaskRow = Pick<typeof tasks.$inferSelect, 'id' | 'title' | 'type' | 'priority' | 'status' | 'dueAt' | 'ownerId'>;

/** Open (open or in progress) tasks on the lead, soonest due first, undated last. */
export async function leadOpenTasks(ex: Executor, scope: Scope, leadId: string, limit: number): Promise<TaskRow[]> {
  return ex
    .select({ id: tasks.id, title: tasks.title, type: tasks.type, priority: tasks.priority, status: tasks.status, dueAt: tasks.dueAt, ownerId: tasks.ownerId })
    .from(tasks)
    .innerJoin(leads, eq(leads.id, tasks.leadId))
    .where(and(eq(tasks.leadId, leadId), inArray(tasks.status, ['open', 'in_progress']), ownedBy(scope, leads.ownerId)))
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.id))
    .limit(limit);
}

export type QualificationRow = typeof leadQualifications.$inferSelect;

export async function leadQualificationRows(ex: Executor, scope: Scope, leadId: string): Promise<QualificationRow[]> {
  const rows = await ex
    .select({ q: leadQualifications })
    .from(leadQualifications)
    .innerJoin(leads, eq(leads.id, leadQualifications.leadId))
    .where(and(eq(leadQualifications.leadId, leadId), ownedBy(scope, leads.ownerId)))
    .orderBy(asc(leadQualifications.framework));
  return rows.map((r) => r.q);
}

export interface LinkedOpportunityRow {
  id: string;
  name: string;
  stage: string;
  valueMinor: number;
  currency: string;
  expectedCloseDate: string | null;
  outcome: string | null;
  primary: boolean;
  roles: string[];
}

/** Deals the lead is the primary contact of or a listed contact on, that the caller may see (deal owner in scope). */
export async function leadOpportunities(ex: Executor, scope: Scope, leadId: string, limit: number): Promise<LinkedOpportunityRow[]> {
  const contactRoles = ex
    .select({ opportunityId: opportunityContacts.opportunityId })
    .from(opportunityContacts)
    .where(eq(opportunityContacts.leadId, leadId));
  const deals = await ex
    .select({
      id: opportunities.id,
      name: opportunities.name,
      stage: opportunities.stage,
      valueMinor: opportunities.valueMinor,
      currency: opportunities.currency,
      expectedCloseDate: opportunities.expectedCloseDate,
      outcome: opportunities.outcome,
      primaryContactId: opportunities.primaryContactId,
    })
    .from(opportunities)
    .where(and(or(eq(opportunities.primaryContactId, leadId), inArray(opportunities.id, contactRoles)), ownedBy(scope, opportunities.ownerId)))
    .orderBy(sql`${opportunities.closedAt} is not null`, desc(opportunities.createdAt), asc(opportunities.id))
    .limit(limit);
  if (deals.length === 0) return [];
  const roles = await ex
    .select({ opportunityId: opportunityContacts.opportunityId, role: opportunityContacts.role })
    .from(opportunityContacts)
    .where(and(eq(opportunityContacts.leadId, leadId), inArray(opportunityContacts.opportunityId, deals.map((d) => d.id))))
    .orderBy(asc(opportunityContacts.role));
  return deals.map(({ primaryContactId, ...d }) => ({
    ...d,
    primary: primaryContactId === leadId,
    roles: [...new Set(roles.filter((r) => r.opportunityId === d.id).map((r) => r.role))],
  }));
}
