import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { interactions, leads, opportunities, sourceItems } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';

// Interactions written by the ingestion handlers (emails, transcripts), and what they link to.

export type NewIngestInteraction = typeof interactions.$inferInsert;

export async function insertInteraction(ex: Executor, values: NewIngestInteraction): Promise<string> {
  const [row] = await ex.insert(interactions).values(values).returning({ id: interactions.id });
  if (!row) throw new Error('interaction insert returned no row');
  return row.id;
}

export interface LeadTouch {
  leadId: string;
  /** interactions added */
  count: number;
  /** the latest outbound one among them, if any */
  lastOutboundAt: Date | null;
  lastOutboundBy: string | null;
}

/**
 * countInteractionOnLead for many leads in one statement: interaction_count + count, and
 * last_contacted_at/by moved forward to the latest outbound touch when it is later.
 */
export async function countInteractionsOnLeads(ex: Executor, scope: Scope, touches: readonly LeadTouch[]): Promise<void> {
  if (touches.length === 0) return;
  const values = sql.join(
    touches.map((t) => sql`(${t.leadId}::uuid, ${t.count}::int, ${t.lastOutboundAt?.toISOString() ?? null}::timestamptz, ${t.lastOutboundBy}::uuid)`),
    sql`, `,
  );
  const later = sql`(v.at is not null and (${leads.lastContactedAt} is null or ${leads.lastContactedAt} < v.at))`;
  await ex.execute(sql`
    update ${leads} set
      interaction_count = ${leads.interactionCount} + v.n,
      last_contacted_at = case when ${later} then v.at else ${leads.lastContactedAt} end,
      last_contacted_by_id = case when ${later} then v.by else ${leads.lastContactedById} end
    from (values ${values}) as v(id, n, at, by)
    where ${leads.id} = v.id and ${ownedBy(scope, leads.ownerId) ?? sql`true`}`);
}

/** Moves every source item and interaction of thread `from` onto thread `to` (a provisional root resolved). */
export async function rekeyThread(ex: Executor, from: string, to: string): Promise<void> {
  await ex.update(sourceItems).set({ threadKey: to }).where(eq(sourceItems.threadKey, from));
  await ex.update(interactions).set({ threadId: to }).where(eq(interactions.threadId, from));
}

/**
 * Counts an imported interaction on its lead: interaction_count + 1 and, for an outbound touch,
 * last_contacted_at moved forward (never back: an old email imported late does not make a lead warm).
 */
export async function countInteractionOnLead(
  ex: Executor,
  scope: Scope,
  leadId: string,
  touch: { at: Date; outbound: boolean; byUserId: string | null },
): Promise<void> {
  const later = sql`(${leads.lastContactedAt} is null or ${leads.lastContactedAt} < ${touch.at.toISOString()}::timestamptz)`;
  await ex
    .update(leads)
    .set({
      interactionCount: sql`${leads.interactionCount} + 1`,
      ...(touch.outbound
        ? {
            lastContactedAt: sql`case when ${later} then ${touch.at.toISOString()}::timestamptz else ${leads.lastContactedAt} end`,
            lastContactedById: sql`case when ${later} then ${touch.byUserId}::uuid else ${leads.lastContactedById} end`,
          }
        : {}),
    })
    .where(and(eq(leads.id, leadId), ownedBy(scope, leads.ownerId)));
}

/** Competitor names on the caller's deals (listed competitors and who deals were lost to), for signal extraction. */
export async function knownCompetitorNames(ex: Executor, scope: Scope): Promise<string[]> {
  const found = await ex
    .select({ listed: opportunities.competitors, lostTo: opportunities.lostToCompetitor })
    .from(opportunities)
    .where(ownedBy(scope, opportunities.ownerId));
  const names = new Set<string>();
  for (const r of found) for (const n of [...r.listed, r.lostTo]) if (n && n.trim()) names.add(n.trim());
  return [...names].sort();
}

/** The deal each interaction ended up on after correlation (tasks from its action items link to it). */
export async function dealsOfInteractions(ex: Executor, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const found = await ex.select({ id: interactions.id, opportunityId: interactions.opportunityId }).from(interactions).where(inArray(interactions.id, [...ids]));
  return new Map(found.map((r) => [r.id, r.opportunityId]));
}
