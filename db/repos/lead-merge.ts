import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import {
  alerts,
  campaignTouches,
  engagementEvents,
  interactions,
  leadMerges,
  leadQualifications,
  leads,
  leadStageHistory,
  opportunities,
  opportunityContacts,
  scoreHistory,
  tasks,
} from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';

// lead_merge's writes: every row that points at the duplicate is moved to the survivor, in the caller's
// transaction, after checking both leads are in scope. Rows that cannot exist twice are handled apart:
// a campaign touch the survivor already has (same campaign and instant) is dropped as collapsed, and a
// qualification for a framework the survivor already has stays with the (merged) duplicate.

export interface MovedCounts {
  interactions: number;
  tasks: number;
  engagementEvents: number;
  campaignTouches: number;
  campaignTouchesCollapsed: number;
  opportunityContacts: number;
  primaryContactOf: number;
  stageHistory: number;
  scoreHistory: number;
  alerts: number;
  qualifications: number;
  priorMerges: number;
}

/** Moves every row from `fromId` to `toId`; returns the counts, or undefined when either lead is out of scope. */
export async function moveLeadRecords(ex: Executor, scope: Scope, fromId: string, toId: string): Promise<MovedCounts | undefined> {
  const visible = await ex.select({ id: leads.id }).from(leads).where(and(inArray(leads.id, [fromId, toId]), ownedBy(scope, leads.ownerId)));
  if (visible.length !== 2) return undefined;
  const n = (rows: unknown[]) => rows.length;

  const collapsed = await ex
    .delete(campaignTouches)
    .where(
      and(
        eq(campaignTouches.leadId, fromId),
        sql`exists (select 1 from campaign_touches s where s.lead_id = ${toId} and s.campaign_id = ${campaignTouches.campaignId} and s.touched_at = ${campaignTouches.touchedAt})`,
      ),
    )
    .returning({ id: campaignTouches.id });
  const qualifications = await ex
    .update(leadQualifications)
    .set({ leadId: toId })
    .where(
      and(
        eq(leadQualifications.leadId, fromId),
        sql`not exists (select 1 from lead_qualifications s where s.lead_id = ${toId} and s.framework = ${leadQualifications.framework})`,
      ),
    )
    .returning({ id: leadQualifications.id });

  return {
    interactions: n(await ex.update(interactions).set({ leadId: toId }).where(eq(interactions.leadId, fromId)).returning({ id: interactions.id })),
    tasks: n(await ex.update(tasks).set({ leadId: toId }).where(eq(tasks.leadId, fromId)).returning({ id: tasks.id })),
    engagementEvents: n(await ex.update(engagementEvents).set({ leadId: toId }).where(eq(engagementEvents.leadId, fromId)).returning({ id: engagementEvents.id })),
    campaignTouches: n(await ex.update(campaignTouches).set({ leadId: toId }).where(eq(campaignTouches.leadId, fromId)).returning({ id: campaignTouches.id })),
    campaignTouchesCollapsed: collapsed.length,
    opportunityContacts: n(await ex.update(opportunityContacts).set({ leadId: toId }).where(eq(opportunityContacts.leadId, fromId)).returning({ id: opportunityContacts.id })),
    primaryContactOf: n(await ex.update(opportunities).set({ primaryContactId: toId }).where(eq(opportunities.primaryContactId, fromId)).returning({ id: opportunities.id })),
    stageHistory: n(await ex.update(leadStageHistory).set({ leadId: toId }).where(eq(leadStageHistory.leadId, fromId)).returning({ id: leadStageHistory.id })),
    scoreHistory: n(await ex.update(scoreHistory).set({ leadId: toId }).where(eq(scoreHistory.leadId, fromId)).returning({ id: scoreHistory.id })),
    alerts: n(await ex.update(alerts).set({ leadId: toId }).where(eq(alerts.leadId, fromId)).returning({ id: alerts.id })),
    qualifications: qualifications.length,
    // leads merged into the duplicate earlier now point at the survivor, and so do their merge records
    priorMerges: n(await ex.update(leads).set({ mergedIntoId: toId }).where(eq(leads.mergedIntoId, fromId)).returning({ id: leads.id })),
  } satisfies MovedCounts;
}

/** Marks the duplicate merged into the survivor and records the merge with the duplicate's row as it was. */
export async function recordMerge(
  ex: Executor,
  value: { survivorId: string; mergedId: string; snapshot: Record<string, unknown>; moved: MovedCounts; byUserId: string; at: Date },
): Promise<string> {
  await ex.update(leads).set({ status: 'merged', mergedIntoId: value.survivorId, updatedAt: value.at }).where(eq(leads.id, value.mergedId));
  await ex.update(leadMerges).set({ survivorId: value.survivorId }).where(eq(leadMerges.survivorId, value.mergedId));
  const [row] = await ex
    .insert(leadMerges)
    .values({
      survivorId: value.survivorId,
      mergedId: value.mergedId,
      mergedSnapshot: value.snapshot,
      movedCounts: value.moved as unknown as Record<string, number>,
      mergedById: value.byUserId,
      mergedAt: value.at,
    })
    .returning({ id: leadMerges.id });
  if (!row) throw new Error('lead_merges insert returned no row');
  return row.id;
}
