import { and, asc, count, desc, eq, gte, ilike, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { LeadSource, LeadStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { accounts, leads, leadStageHistory, users } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';

export interface LeadFilters {
  query?: string;
  lifecycleStage?: LeadStage;
  status?: (typeof leads.$inferSelect)['status'];
  ownerId?: string;
  source?: LeadSource;
  scoreMin?: number;
  scoreMax?: number;
  lastContactedFrom?: Date;
  lastContactedTo?: Date;
  /** true = only leads never contacted */
  neverContacted?: boolean;
}

export interface LeadSummaryRow {
  id: string;
  fullName: string;
  email: string | null;
  title: string | null;
  accountId: string | null;
  accountName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  lifecycleStage: LeadStage;
  status: string;
  source: string | null;
  score: number | null;
  grade: string | null;
  lastContactedAt: Date | null;
}

function leadConditions(scope: Scope, f: LeadFilters): SQL | undefined {
  const q = f.query?.trim();
  const conditions = [
    ne(leads.status, 'merged'),
    ownedBy(scope, leads.ownerId),
    q
      ? or(
          ilike(leads.fullName, `%${q}%`),
          ilike(leads.email, `%${q}%`),
          ilike(leads.title, `%${q}%`),
          ilike(accounts.name, `%${q}%`),
          sql`similarity(${leads.fullName}, ${q}) > 0.35`,
        )
      : undefined,
    f.lifecycleStage ? eq(leads.lifecycleStage, f.lifecycleStage) : undefined,
    f.status ? eq(leads.status, f.status) : undefined,
    f.ownerId ? eq(leads.ownerId, f.ownerId) : undefined,
    f.source ? eq(leads.source, f.source) : undefined,
    f.scoreMin !== undefined ? gte(leads.score, f.scoreMin) : undefined,
    f.scoreMax !== undefined ? lte(leads.score, f.scoreMax) : undefined,
    f.lastContactedFrom ? gte(leads.lastContactedAt, f.lastContactedFrom) : undefined,
    f.lastContactedTo ? lte(leads.lastContactedAt, f.lastContactedTo) : undefined,
    f.neverContacted ? sql`${leads.lastContactedAt} is null` : undefined,
  ];
  return and(...conditions.filter((c): c is SQL => c !== undefined));
}

export type LeadSort = 'score' | 'name' | 'last_contacted' | 'created';

function leadOrdering(sort: LeadSort, direction: 'asc' | 'desc'): SQL[] {
  const dir = direction === 'asc' ? sql`asc` : sql`desc`;
  // best first by default: scored leads by score, then the most recently contacted; id last for a stable page order
  if (sort === 'score') return [sql`${leads.score} ${dir} nulls last`, desc(leads.lastContactedAt), asc(leads.id)];
  const column = { name: leads.fullName, last_contacted: leads.lastContactedAt, created: leads.createdAt }[sort];
  return [sql`${column} ${dir} nulls last`, asc(leads.id)];
}

export async function searchLeads(
  ex: Executor,
  scope: Scope,
  filters: LeadFilters,
  page: { limit: number; offset: number; sort?: LeadSort; direction?: 'asc' | 'desc' },
): Promise<{ rows: LeadSummaryRow[]; total: number }> {
  const where = leadConditions(scope, filters);
  const [totalRow] = await ex.select({ n: count() }).from(leads).leftJoin(accounts, eq(accounts.id, leads.accountId)).where(where);
  const rows = await ex
    .select({
      id: leads.id,
      fullName: leads.fullName,
      email: leads.email,
      title: leads.title,
      accountId: leads.accountId,
      accountName: accounts.name,
      ownerId: leads.ownerId,
      ownerName: users.fullName,
      lifecycleStage: leads.lifecycleStage,
      status: leads.status,
      source: leads.source,
      score: leads.score,
      grade: leads.grade,
      lastContactedAt: leads.lastContactedAt,
    })
    .from(leads)
    .leftJoin(accounts, eq(accounts.id, leads.accountId))
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(where)
    .orderBy(...leadOrdering(page.sort ?? 'score', page.direction ?? 'desc'))
    .limit(page.limit)
    .offset(page.offset);
  return { rows, total: totalRow?.n ?? 0 };
}

export async function getLeadStage(ex: Executor, leadId: string): Promise<{ stage: LeadStage; ownerId: string | null } | undefined> {
  const [row] = await ex.select({ stage: leads.lifecycleStage, ownerId: leads.ownerId }).from(leads).where(eq(leads.id, leadId));
  return row;
}

/** Moves a lead to a lifecycle stage and appends the history row; the caller's transaction makes both or neither. */
export async function setLeadStage(
  ex: Executor,
  change: { leadId: string; from: LeadStage; to: LeadStage; reason: string; byUserId: string; at: Date },
): Promise<void> {
  const statusFor: Partial<Record<LeadStage, (typeof leads.$inferSelect)['status']>> = {
    contacted: 'working',
    qualified: 'working',
    opportunity: 'converted',
    customer: 'converted',
    disqualified: 'unqualified',
  };
  await ex
    .update(leads)
    .set({
      lifecycleStage: change.to,
      ...(statusFor[change.to] ? { status: statusFor[change.to] } : {}),
      ...(change.to === 'opportunity' || change.to === 'customer' ? { convertedAt: sql`coalesce(${leads.convertedAt}, ${change.at.toISOString()}::timestamptz)` } : {}),
      updatedAt: change.at,
    })
    .where(eq(leads.id, change.leadId));
  await ex.insert(leadStageHistory).values({
    leadId: change.leadId,
    fromStage: change.from,
    toStage: change.to,
    reason: change.reason,
    changedById: change.byUserId,
    changedAt: change.at,
  });
}

export type LeadRecord = typeof leads.$inferSelect;

/** One lead's full row if the scope can see it (merged leads included: callers decide what a merge means). */
export async function getLead(ex: Executor, scope: Scope, leadId: string): Promise<LeadRecord | undefined> {
  const [row] = await ex
    .select()
    .from(leads)
    .where(and(eq(leads.id, leadId), ownedBy(scope, leads.ownerId)));
  return row;
}
