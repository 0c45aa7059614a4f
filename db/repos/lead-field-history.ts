import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { leadFieldHistory, leads } from '../schema/index.ts';

// Lead field history, kept like opportunity_field_history: one row per changed field, written by the
// repo functions every lead writer goes through (updateLead, setLeadOwner, saveQualification, CSV
// contacts), so no writer can forget it. Read as of a past instant by applyLeadHistoryAsOf.

/** The lead columns whose changes are recorded (stage moves have lead_stage_history). */
export const TRACKED_LEAD_FIELDS = [
  'ownerId', 'title', 'seniority', 'department', 'source', 'budgetMinMinor', 'budgetMaxMinor',
  'decisionTimeline', 'decisionMakers', 'isDecisionMaker', 'qualificationStatus', 'painPoints',
] as const;
export type TrackedLeadField = (typeof TRACKED_LEAD_FIELDS)[number];

export interface LeadChangeMeta {
  at: Date;
  byUserId: string | null;
  sourceItemId?: string | null;
}

export type LeadFieldChange = typeof leadFieldHistory.$inferSelect;

const tracked = (patch: Record<string, unknown>): TrackedLeadField[] =>
  TRACKED_LEAD_FIELDS.filter((f) => Object.prototype.hasOwnProperty.call(patch, f) && patch[f] !== undefined);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The tracked values a patch will change, read before it is applied (undefined when it touches none). */
export async function trackedBefore(ex: Executor, leadId: string, patch: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const fields = tracked(patch);
  if (fields.length === 0) return undefined;
  const [row] = await ex.select(Object.fromEntries(fields.map((f) => [f, leads[f]]))).from(leads).where(eq(leads.id, leadId));
  return row as Record<string, unknown> | undefined;
}

/** Appends one history row per tracked field whose value the patch changed. */
export async function recordLeadChanges(ex: Executor, leadId: string, before: Record<string, unknown> | undefined, patch: Record<string, unknown>, meta: LeadChangeMeta): Promise<number> {
  if (!before) return 0;
  const rows = tracked(patch)
    .filter((f) => !same(before[f], patch[f]))
    .map((field) => ({
      leadId, field, oldValue: before[field] ?? null, newValue: patch[field] ?? null,
      changedById: meta.byUserId, sourceItemId: meta.sourceItemId ?? null, changedAt: meta.at,
    }));
  if (rows.length > 0) await ex.insert(leadFieldHistory).values(rows);
  return rows.length;
}

/** Every recorded change of these leads' fields, oldest first. */
export async function leadFieldChanges(ex: Executor, leadIds: readonly string[], fields: readonly TrackedLeadField[] = TRACKED_LEAD_FIELDS): Promise<LeadFieldChange[]> {
  if (leadIds.length === 0) return [];
  return ex
    .select()
    .from(leadFieldHistory)
    .where(and(inArray(leadFieldHistory.leadId, [...leadIds]), inArray(leadFieldHistory.field, [...fields])))
    .orderBy(asc(leadFieldHistory.leadId), asc(leadFieldHistory.field), asc(leadFieldHistory.changedAt));
}

/**
 * A field's value as of `asOf`: the new value of the last change at or before it; else, when it
 * changed only later, the old value of the first later change; else (never changed) the current value.
 */
export function valueAsOf<T>(changes: readonly Pick<LeadFieldChange, 'changedAt' | 'oldValue' | 'newValue'>[], current: T, asOf: Date): T {
  let last: (typeof changes)[number] | undefined;
  for (const change of changes) {
    if (change.changedAt.getTime() <= asOf.getTime()) last = change;
    else return (last ? last.newValue : change.oldValue) as T;
  }
  return (last ? last.newValue : current) as T;
}

/** Groups changes by lead and field for valueAsOf. */
export function changesByLeadField(changes: readonly LeadFieldChange[]): Map<string, LeadFieldChange[]> {
  const out = new Map<string, LeadFieldChange[]>();
  for (const change of changes) {
    const key = `${change.leadId}:${change.field}`;
    const list = out.get(key) ?? [];
    list.push(change);
    out.set(key, list);
  }
  return out;
}
