import { aliasedTable, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { OpportunityStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import {
  accounts,
  interactions,
  leads,
  opportunities,
  opportunityContacts,
  opportunityFieldHistory,
  opportunityStageHistory,
  products,
  tasks,
  users,
} from '../schema/index.ts';
import { dealAccount, dealOwner, dealProduct, visibleDeal } from './opportunity-columns.ts';
import type { Scope } from './scope.ts';
import { where } from './where.ts';

// Everything opportunity_get shows about one deal. Each query joins the deal and applies the caller's
// scope again, so none of them can return rows of a deal the caller may not see.

export async function getOpportunityHeader(ex: Executor, scope: Scope, opportunityId: string) {
  const [row] = await ex
    .select({
      deal: opportunities,
      account: { id: accounts.id, name: accounts.name, industry: accounts.industry, employees: accounts.employees, domain: accounts.domain, region: accounts.region },
      ownerName: users.fullName,
      productName: products.name,
    })
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .leftJoin(products, dealProduct)
    .where(visibleDeal(scope, opportunityId));
  return row;
}

export interface DealContactRow {
  leadId: string;
  fullName: string;
  title: string | null;
  email: string | null;
  role: string | null;
}

/** The deal's contact roles, plus its primary contact (role null when it has no contact-role row). */
export async function listDealContacts(ex: Executor, scope: Scope, opportunityId: string, primaryContactId: string | null): Promise<DealContactRow[]> {
  const roles = await ex
    .select({ leadId: leads.id, fullName: leads.fullName, title: leads.title, email: leads.email, role: opportunityContacts.role })
    .from(opportunityContacts)
    .innerJoin(opportunities, eq(opportunities.id, opportunityContacts.opportunityId))
    .innerJoin(leads, eq(leads.id, opportunityContacts.leadId))
    .where(visibleDeal(scope, opportunityId))
    .orderBy(asc(leads.fullName));
  if (!primaryContactId || roles.some((r) => r.leadId === primaryContactId)) return roles;
  const primary = await ex
    .select({ leadId: leads.id, fullName: leads.fullName, title: leads.title, email: leads.email, role: sql<string | null>`null` })
    .from(leads)
    .innerJoin(opportunities, eq(opportunities.primaryContactId, leads.id))
    .where(where(visibleDeal(scope, opportunityId), eq(leads.id, primaryContactId)));
  return [...primary, ...roles];
}

export interface StageHistoryRow {
  id: string;
  fromStage: OpportunityStage | null;
  toStage: OpportunityStage;
  probability: number | null;
  valueMinor: number | null;
  expectedCloseDate: string | null;
  reason: string | null;
  changedBy: string | null;
  changedAt: Date;
}

export async function listStageHistory(ex: Executor, scope: Scope, opportunityId: string): Promise<StageHistoryRow[]> {
  return ex
    .select({
      id: opportunityStageHistory.id,
      fromStage: opportunityStageHistory.fromStage,
      toStage: opportunityStageHistory.toStage,
      probability: opportunityStageHistory.probability,
      valueMinor: opportunityStageHistory.valueMinor,
      expectedCloseDate: opportunityStageHistory.expectedCloseDate,
      reason: opportunityStageHistory.reason,
      changedBy: users.fullName,
      changedAt: opportunityStageHistory.changedAt,
    })
    .from(opportunityStageHistory)
    .innerJoin(opportunities, eq(opportunities.id, opportunityStageHistory.opportunityId))
    .leftJoin(users, eq(users.id, opportunityStageHistory.changedById))
    .where(visibleDeal(scope, opportunityId))
    .orderBy(asc(opportunityStageHistory.changedAt), asc(opportunityStageHistory.id));
}

export async function listFieldHistory(ex: Executor, scope: Scope, opportunityId: string, limit: number) {
  return ex
    .select({
      id: opportunityFieldHistory.id,
      field: opportunityFieldHistory.field,
      oldValue: opportunityFieldHistory.oldValue,
      newValue: opportunityFieldHistory.newValue,
      changedBy: users.fullName,
      changedAt: opportunityFieldHistory.changedAt,
    })
    .from(opportunityFieldHistory)
    .innerJoin(opportunities, eq(opportunities.id, opportunityFieldHistory.opportunityId))
    .leftJoin(users, eq(users.id, opportunityFieldHistory.changedById))
    .where(visibleDeal(scope, opportunityId))
    .orderBy(desc(opportunityFieldHistory.changedAt), desc(opportunityFieldHistory.id))
    .limit(limit);
}

/** The most recent interactions logged against the deal up to `asOf`, newest first, with the total count. */
export async function recentDealInteractions(ex: Executor, scope: Scope, opportunityId: string, asOf: Date, limit: number) {
  const condition = where(visibleDeal(scope, opportunityId), lte(interactions.occurredAt, asOf));
  const [total] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(interactions)
    .innerJoin(opportunities, eq(opportunities.id, interactions.opportunityId))
    .where(condition);
  const rowsFound = await ex
    .select({
      id: interactions.id,
      type: interactions.type,
      direction: interactions.direction,
      subject: interactions.subject,
      summary: interactions.summary,
      body: interactions.body,
      sentiment: interactions.sentiment,
      occurredAt: interactions.occurredAt,
      contact: leads.fullName,
    })
    .from(interactions)
    .innerJoin(opportunities, eq(opportunities.id, interactions.opportunityId))
    .leftJoin(leads, eq(leads.id, interactions.leadId))
    .where(condition)
    .orderBy(desc(interactions.occurredAt), desc(interactions.id))
    .limit(limit);
  return { rows: rowsFound, total: total?.n ?? 0 };
}

const taskOwners = aliasedTable(users, 'task_owner');

export async function openDealTasks(ex: Executor, scope: Scope, opportunityId: string, limit: number) {
  return ex
    .select({
      id: tasks.id,
      title: tasks.title,
      type: tasks.type,
      priority: tasks.priority,
      status: tasks.status,
      dueAt: tasks.dueAt,
      owner: taskOwners.fullName,
    })
    .from(tasks)
    .innerJoin(opportunities, eq(opportunities.id, tasks.opportunityId))
    .innerJoin(taskOwners, eq(taskOwners.id, tasks.ownerId))
    .where(where(visibleDeal(scope, opportunityId), inArray(tasks.status, ['open', 'in_progress'])))
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.id))
    .limit(limit);
}
