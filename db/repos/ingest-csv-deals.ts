import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { OpportunityStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { leads, opportunities, opportunityFieldHistory, opportunityStageHistory } from '../schema/index.ts';
import { recordLeadChanges, trackedBefore } from './lead-field-history.ts';
import { ownedBy, type Scope } from './scope.ts';

// Deals and contacts for ingest_crm_csv, upserted by external id (opportunities.external_ids ->> system)
// or email (leads). Reads are scoped; a record outside the scope is reported only as existing, never read.

export type NewCsvDeal = typeof opportunities.$inferInsert;
export type CsvDealPatch = Partial<Omit<NewCsvDeal, 'id' | 'createdAt'>>;

export interface CsvDeal {
  id: string;
  externalId: string;
  name: string;
  accountId: string;
  ownerId: string;
  productId: string | null;
  primaryContactId: string | null;
  valueMinor: number;
  currency: string;
  discountPct: number | null;
  stage: OpportunityStage;
  stageEnteredAt: Date;
  probability: number | null;
  expectedCloseDate: string | null;
  closedAt: Date | null;
  lostReason: string | null;
  competitors: string[];
  nextSteps: string | null;
}

const csvDealColumns = (system: string) => ({
  id: opportunities.id, externalId: sql<string>`coalesce(${opportunities.externalIds} ->> ${system}, '')`, name: opportunities.name, accountId: opportunities.accountId,
  ownerId: opportunities.ownerId, productId: opportunities.productId, primaryContactId: opportunities.primaryContactId, valueMinor: opportunities.valueMinor,
  currency: opportunities.currency, discountPct: opportunities.discountPct, stage: opportunities.stage, stageEnteredAt: opportunities.stageEnteredAt,
  probability: opportunities.probability, expectedCloseDate: opportunities.expectedCloseDate, closedAt: opportunities.closedAt,
  lostReason: opportunities.lostReason, competitors: opportunities.competitors, nextSteps: opportunities.nextSteps,
});

/** One deal of the caller's as csvDealsOf reads it (externalId: its id in `system`, '' when it has none). */
export async function csvDealById(ex: Executor, scope: Scope, system: string, id: string): Promise<CsvDeal | undefined> {
  const [row] = await ex.select(csvDealColumns(system)).from(opportunities).where(and(eq(opportunities.id, id), ownedBy(scope, opportunities.ownerId)));
  return row;
}

/** The caller's deals carrying an external id of `system`, and the external ids that exist only outside the scope. */
export async function csvDealsOf(ex: Executor, scope: Scope, system: string): Promise<{ visible: CsvDeal[]; hidden: Set<string> }> {
  const externalId = sql<string>`${opportunities.externalIds} ->> ${system}`;
  const visible = await ex
    .select(csvDealColumns(system))
    .from(opportunities)
    .where(and(sql`${opportunities.externalIds} ? ${system}`, ownedBy(scope, opportunities.ownerId)));
  const hidden = new Set<string>();
  if (scope.kind !== 'all') {
    const all = await ex.select({ externalId }).from(opportunities).where(sql`${opportunities.externalIds} ? ${system}`);
    const mine = new Set(visible.map((d) => d.externalId));
    for (const d of all) if (!mine.has(d.externalId)) hidden.add(d.externalId);
  }
  return { visible, hidden };
}

export interface NewCsvStageStep {
  from: OpportunityStage | null;
  to: OpportunityStage;
  at: Date;
}

export interface NewCsvFieldValue {
  /** field history name (the column's: value_minor, expected_close_date, probability) */
  field: string;
  value: unknown;
}

/**
 * Inserts a deal, its stage history and the field history of the values it starts with (naming the row's
 * source item) in one statement (data-modifying CTEs): an import writes thousands of deals, and a round
 * trip less per deal is a third of the time.
 */
export async function insertCsvDeal(
  ex: Executor,
  values: NewCsvDeal,
  steps: NewCsvStageStep[],
  meta: { reason: string; changedById: string | null; fields: NewCsvFieldValue[]; sourceItemId: string; at: Date },
): Promise<string> {
  if (steps.length === 0) throw new Error('a new deal needs at least one stage step');
  const deal = ex.$with('deal').as(ex.insert(opportunities).values(values).returning({ id: opportunities.id }));
  const rowsOf = sql.join(
    steps.map((s) => sql`(${s.from}::opportunity_stage, ${s.to}::opportunity_stage, ${s.at.toISOString()}::timestamptz)`),
    sql`, `,
  );
  const stages = ex.$with('stages').as(
    ex
      .insert(opportunityStageHistory)
      .select(
        sql`select gen_random_uuid(), deal.id, v.f, v.t, ${values.probability ?? null}::real, ${values.valueMinor}::bigint, ${values.expectedCloseDate ?? null}::date,
                   ${meta.reason}, ${meta.changedById}::uuid, v.at
            from deal cross join (values ${rowsOf}) as v(f, t, at)`,
      )
      .returning({ id: opportunityStageHistory.id }),
  );
  const fieldsOf = sql.join(meta.fields.map((f) => sql`(${f.field}, ${JSON.stringify(f.value)}::jsonb)`), sql`, `);
  const fields = ex.$with('fields').as(
    ex
      .insert(opportunityFieldHistory)
      .select(
        sql`select gen_random_uuid(), deal.id, v.field, null::jsonb, v.value, ${meta.changedById}::uuid, ${meta.sourceItemId}::uuid, ${meta.at.toISOString()}::timestamptz
            from deal cross join (values ${meta.fields.length > 0 ? fieldsOf : sql`(null::text, null::jsonb)`}) as v(field, value) where v.field is not null`,
      )
      .returning({ id: opportunityFieldHistory.id }),
  );
  const [row] = await ex.with(deal, stages, fields).select({ id: sql<string>`deal.id` }).from(deal);
  if (!row) throw new Error('opportunity insert returned no row');
  return row.id;
}

/** Changes a deal in the caller's scope; false when it is outside (nothing written). */
export async function updateCsvDeal(ex: Executor, scope: Scope, id: string, set: CsvDealPatch): Promise<boolean> {
  const changed = await ex
    .update(opportunities)
    .set(set)
    .where(and(eq(opportunities.id, id), ownedBy(scope, opportunities.ownerId)))
    .returning({ id: opportunities.id });
  return changed.length > 0;
}

export async function appendCsvStageHistory(ex: Executor, rowsToWrite: (typeof opportunityStageHistory.$inferInsert)[]): Promise<void> {
  if (rowsToWrite.length > 0) await ex.insert(opportunityStageHistory).values(rowsToWrite);
}

export async function appendCsvFieldHistory(ex: Executor, rowsToWrite: (typeof opportunityFieldHistory.$inferInsert)[]): Promise<void> {
  if (rowsToWrite.length > 0) await ex.insert(opportunityFieldHistory).values(rowsToWrite);
}

export interface CsvContact {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  accountId: string | null;
  ownerId: string | null;
}

const contactColumns = { id: leads.id, fullName: leads.fullName, email: leads.email, phone: leads.phone, title: leads.title, accountId: leads.accountId, ownerId: leads.ownerId };

/**
 * The contact a CSV row names, in the caller's scope: by email, else by full name at the account (the
 * lead_upsert de-duplication order); `hidden` when only a lead outside the scope has that email.
 */
export async function findCsvContact(
  ex: Executor,
  scope: Scope,
  by: { email: string | null; fullName: string; accountId: string | null },
): Promise<CsvContact | 'hidden' | undefined> {
  const live = ne(leads.status, 'merged');
  if (by.email) {
    const byEmail = sql`lower(${leads.email}) = lower(${by.email})`;
    const [found] = await ex.select(contactColumns).from(leads).where(and(byEmail, live, ownedBy(scope, leads.ownerId))).orderBy(asc(leads.createdAt)).limit(1);
    if (found) return found;
    if (scope.kind !== 'all') {
      const [other] = await ex.select({ id: leads.id }).from(leads).where(and(byEmail, live)).limit(1);
      if (other) return 'hidden';
    }
  }
  if (!by.accountId) return undefined;
  const [named] = await ex
    .select(contactColumns)
    .from(leads)
    .where(and(sql`lower(${leads.fullName}) = lower(${by.fullName})`, eq(leads.accountId, by.accountId), live, ownedBy(scope, leads.ownerId)))
    .orderBy(asc(leads.createdAt))
    .limit(1);
  return named;
}

export async function insertCsvContact(ex: Executor, values: typeof leads.$inferInsert): Promise<string> {
  const [row] = await ex.insert(leads).values(values).returning({ id: leads.id });
  if (!row) throw new Error('lead insert returned no row');
  return row.id;
}

export async function updateCsvContact(ex: Executor, scope: Scope, id: string, set: Partial<typeof leads.$inferInsert>, by: { byUserId: string | null; sourceItemId?: string | null } = { byUserId: null }): Promise<boolean> {
  const before = await trackedBefore(ex, id, set);
  const changed = await ex.update(leads).set(set).where(and(eq(leads.id, id), ownedBy(scope, leads.ownerId))).returning({ id: leads.id });
  if (changed.length === 0) return false;
  if (set.updatedAt instanceof Date) await recordLeadChanges(ex, id, before, set, { at: set.updatedAt, ...by });
  return true;
}
