import { aliasedTable, asc, eq, inArray, sql } from 'drizzle-orm';
import type { LeadStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { accounts, leadQualifications, leads, opportunities, products, tasks, users } from '../schema/index.ts';
import { dealAccount, dealOwner, dealProduct, dealStateColumns, visibleDeal, type DealStateRow } from './opportunity-columns.ts';
import { listDealContacts } from './opportunity-detail.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

// The facts next_best_action and deal_strategy reason over for one deal or lead. Every query is tied to
// the record and keeps it inside the caller's scope.

const managers = aliasedTable(users, 'manager');

export interface DealContext extends DealStateRow {
  id: string;
  name: string;
  accountId: string;
  account: string;
  ownerId: string;
  owner: string;
  managerName: string | null;
  product: string | null;
  discountPct: number | null;
  createdAt: Date;
  closedAt: Date | null;
  competitors: string[];
  decisionCriteria: string[];
  nextSteps: string | null;
  primaryContactId: string | null;
}

export async function dealContext(ex: Executor, scope: Scope, id: string): Promise<DealContext | undefined> {
  const [row] = await ex
    .select({
      id: opportunities.id,
      name: opportunities.name,
      accountId: opportunities.accountId,
      account: accounts.name,
      ownerId: opportunities.ownerId,
      owner: users.fullName,
      managerName: managers.fullName,
      product: products.name,
      ...dealStateColumns,
      discountPct: opportunities.discountPct,
      createdAt: opportunities.createdAt,
      closedAt: opportunities.closedAt,
      competitors: opportunities.competitors,
      decisionCriteria: opportunities.decisionCriteria,
      nextSteps: opportunities.nextSteps,
      primaryContactId: opportunities.primaryContactId,
    })
    .from(opportunities)
    .innerJoin(accounts, dealAccount)
    .innerJoin(users, dealOwner)
    .leftJoin(managers, eq(managers.id, users.managerId))
    .leftJoin(products, dealProduct)
    .where(visibleDeal(scope, id));
  return row;
}

export interface ContactRole {
  leadId: string;
  fullName: string;
  title: string | null;
  role: string | null;
}

/** The deal's contacts with their roles; the primary contact is included (role null if it has none). */
export async function dealContactRoles(ex: Executor, scope: Scope, deal: { id: string; primaryContactId: string | null }): Promise<ContactRole[]> {
  const contacts = await listDealContacts(ex, scope, deal.id, deal.primaryContactId);
  return contacts.map(({ leadId, fullName, title, role }) => ({ leadId, fullName, title, role }));
}

export interface LeadContext {
  id: string;
  fullName: string;
  account: string | null;
  ownerId: string | null;
  owner: string | null;
  managerName: string | null;
  lifecycleStage: LeadStage;
  status: string;
  score: number | null;
  createdAt: Date;
  lastContactedAt: Date | null;
}

export async function leadContext(ex: Executor, scope: Scope, id: string): Promise<LeadContext | undefined> {
  const [row] = await ex
    .select({
      id: leads.id,
      fullName: leads.fullName,
      account: accounts.name,
      ownerId: leads.ownerId,
      owner: users.fullName,
      managerName: managers.fullName,
      lifecycleStage: leads.lifecycleStage,
      status: leads.status,
      score: leads.score,
      createdAt: leads.createdAt,
      lastContactedAt: leads.lastContactedAt,
    })
    .from(leads)
    .leftJoin(accounts, eq(accounts.id, leads.accountId))
    .leftJoin(users, eq(users.id, leads.ownerId))
    .leftJoin(managers, eq(managers.id, users.managerId))
    .where(where(eq(leads.id, id), ownedBy(scope, leads.ownerId)));
  return row;
}

export interface OpenTask {
  id: string;
  title: string;
  type: string;
  dueAt: Date | null;
  priority: string;
}

/** Open or in-progress tasks on the deal (or, for a lead, on the lead), for a record the caller may see. */
export async function openTasksFor(ex: Executor, scope: Scope, target: { kind: 'opportunity' | 'lead'; id: string }): Promise<OpenTask[]> {
  const owner = target.kind === 'opportunity' ? ownedBy(scope, opportunities.ownerId) : ownedBy(scope, leads.ownerId);
  const base = ex
    .select({ id: tasks.id, title: tasks.title, type: tasks.type, dueAt: tasks.dueAt, priority: tasks.priority })
    .from(tasks);
  const joined =
    target.kind === 'opportunity'
      ? base.innerJoin(opportunities, eq(opportunities.id, tasks.opportunityId)).where(where(eq(opportunities.id, target.id), owner, inArray(tasks.status, ['open', 'in_progress'])))
      : base.innerJoin(leads, eq(leads.id, tasks.leadId)).where(where(eq(leads.id, target.id), owner, inArray(tasks.status, ['open', 'in_progress'])));
  return joined.orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.id));
}

export interface QualificationSummary {
  framework: string;
  met: number;
  unmet: number;
  unknown: number;
  assessedAt: Date;
}

/** The lead's latest qualification per framework (BANT, MEDDIC), counted. */
export async function qualificationsOf(ex: Executor, scope: Scope, leadId: string): Promise<QualificationSummary[]> {
  const found = await ex
    .select({ framework: leadQualifications.framework, criteria: leadQualifications.criteria, assessedAt: leadQualifications.assessedAt })
    .from(leadQualifications)
    .innerJoin(leads, eq(leads.id, leadQualifications.leadId))
    .where(where(eq(leads.id, leadId), ownedBy(scope, leads.ownerId)))
    .orderBy(asc(leadQualifications.framework));
  return found.map((q) => ({
    framework: q.framework,
    met: q.criteria.filter((c) => c.status === 'met').length,
    unmet: q.criteria.filter((c) => c.status === 'unmet').length,
    unknown: q.criteria.filter((c) => c.status === 'unknown').length,
    assessedAt: q.assessedAt,
  }));
}
