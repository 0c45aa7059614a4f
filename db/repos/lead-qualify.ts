import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { interactions, leadQualifications, leads, type CriterionResult } from '../schema/index.ts';
import { recordLeadChanges, trackedBefore } from './lead-field-history.ts';
import { ownedBy, type Scope } from './scope.ts';

// What lead_qualify reads (the lead's qualification fields and its interaction text) and writes
// (one lead_qualifications row per lead and framework, and the lead's qualification status).

export interface QualifyText {
  id: string;
  type: string;
  occurredAt: Date;
  body: string;
}

/** The lead's interactions up to `asOf`, newest first, at most `limit`. */
export async function interactionTexts(ex: Executor, scope: Scope, leadId: string, asOf: Date, limit: number): Promise<QualifyText[]> {
  return ex
    .select({ id: interactions.id, type: interactions.type, occurredAt: interactions.occurredAt, body: interactions.body })
    .from(interactions)
    .innerJoin(leads, eq(leads.id, interactions.leadId))
    .where(and(eq(interactions.leadId, leadId), lte(interactions.occurredAt, asOf), ownedBy(scope, leads.ownerId)))
    .orderBy(desc(interactions.occurredAt), asc(interactions.id))
    .limit(limit);
}

export async function getQualification(ex: Executor, scope: Scope, leadId: string, framework: string) {
  const [row] = await ex
    .select({ q: leadQualifications })
    .from(leadQualifications)
    .innerJoin(leads, eq(leads.id, leadQualifications.leadId))
    .where(and(eq(leadQualifications.leadId, leadId), eq(leadQualifications.framework, framework), ownedBy(scope, leads.ownerId)));
  return row?.q;
}

/** Replaces the lead's result for the framework and sets its qualification status (caller checked scope). */
export async function saveQualification(
  ex: Executor,
  scope: Scope,
  value: { leadId: string; framework: string; criteria: CriterionResult[]; metCount: number; assessedAt: Date; status: (typeof leads.$inferSelect)['qualificationStatus']; byUserId?: string | null },
): Promise<boolean> {
  const before = await trackedBefore(ex, value.leadId, { qualificationStatus: value.status });
  const updated = await ex
    .update(leads)
    .set({ qualificationStatus: value.status, updatedAt: value.assessedAt })
    .where(and(eq(leads.id, value.leadId), ownedBy(scope, leads.ownerId)))
    .returning({ id: leads.id });
  if (updated.length !== 1) return false;
  await recordLeadChanges(ex, value.leadId, before, { qualificationStatus: value.status }, { at: value.assessedAt, byUserId: value.byUserId ?? null });
  await ex
    .insert(leadQualifications)
    .values({ leadId: value.leadId, framework: value.framework, criteria: value.criteria, metCount: value.metCount, assessedAt: value.assessedAt })
    .onConflictDoUpdate({
      target: [leadQualifications.leadId, leadQualifications.framework],
      set: { criteria: value.criteria, metCount: value.metCount, assessedAt: value.assessedAt },
    });
  return true;
}
