import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { EngagementEventType, InteractionType } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { engagementEvents, interactions, leads } from '../schema/index.ts';
import { toDate } from './interactions.ts';
import { ownedBy, type Scope } from './scope.ts';

// Engagement events (provider webhooks: delivered, opened, clicked...) and the summary columns they keep
// current on their interaction. Summaries move only by commutative steps (earliest time, +1), so events
// arriving out of order or in several batches give the same summary; a stored externalId makes a redelivered
// event a no-op.

export interface EventInteraction {
  id: string;
  type: InteractionType;
  leadId: string | null;
  occurredAt: Date;
}

/**
 * The interaction is in scope: its deal's owner, its lead's owner or its author is one of the caller's
 * users (the same rule semantic search applies to passages).
 */
function interactionVisible(scope: Scope): SQL {
  if (scope.kind === 'all') return sql`true`;
  const owners = sql`${`{${scope.userIds.join(',')}}`}::uuid[]`;
  return sql`(
    i.user_id = any(${owners})
    or exists (select 1 from leads l where l.id = i.lead_id and l.owner_id = any(${owners}))
    or exists (select 1 from opportunities o where o.id = i.opportunity_id and o.owner_id = any(${owners}))
  )`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "<abc@host>" and "abc@host" name the same message. */
function messageIdForms(reference: string): string[] {
  const bare = reference.trim().replace(/^<|>$/g, '');
  return [`<${bare}>`, bare];
}

const textArray = (values: readonly string[]) => sql`${`{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`}::text[]`;

/**
 * The interaction an event is about, by id or by RFC 5322 Message-ID: the messageId its source item was
 * imported under (indexed), else the interaction's own metadata.messageId, else the first message of the
 * thread keyed by that Message-ID (a thread's key is its first message's id). `hidden` when one exists
 * outside scope.
 */
export async function findEventInteraction(ex: Executor, scope: Scope, reference: string): Promise<EventInteraction | 'hidden' | undefined> {
  const ref = reference.trim();
  const lookups: SQL[] = UUID.test(ref)
    ? [sql`i.id = ${ref}::uuid`]
    : [
        // containment on {"messageId": ...} is served by the GIN index on source_items.external_ids
        sql`i.source_item_id in (
              select s.id from source_items s
              where ${sql.join(messageIdForms(ref).map((form) => sql`s.external_ids @> ${JSON.stringify({ messageId: form })}::jsonb`), sql` or `)})`,
        sql`i.metadata ->> 'messageId' = any(${textArray(messageIdForms(ref))})`,
        sql`i.thread_id = any(${textArray(messageIdForms(ref))})`,
      ];
  for (const condition of lookups) {
    const found = await rows<{ id: string; type: InteractionType; leadId: string | null; occurredAt: Date | string; visible: boolean }>(
      ex,
      sql`select i.id, i.type, i.lead_id as "leadId", i.occurred_at as "occurredAt", ${interactionVisible(scope)} as visible
          from interactions i where ${condition}
          order by i.occurred_at, i.id limit 5`,
    );
    const visible = found.find((r) => r.visible);
    if (visible) return { id: visible.id, type: visible.type, leadId: visible.leadId, occurredAt: toDate(visible.occurredAt) };
    if (found.length > 0) return 'hidden';
  }
  return undefined;
}

export interface NewEngagementEvent {
  type: EngagementEventType;
  interactionId: string | null;
  leadId: string | null;
  campaignId: string | null;
  occurredAt: Date;
  url: string | null;
  externalId: string;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

/** Stores the events whose externalId is not stored yet; returns externalId -> new row id for those written. */
export async function insertEngagementEvents(ex: Executor, events: readonly NewEngagementEvent[]): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  // a few hundred rows per statement keeps the parameter count well under the driver's limit
  for (let i = 0; i < events.length; i += 500) {
    const created = await ex
      .insert(engagementEvents)
      .values(events.slice(i, i + 500))
      .onConflictDoNothing({ target: engagementEvents.externalId })
      .returning({ id: engagementEvents.id, externalId: engagementEvents.externalId });
    for (const row of created) if (row.externalId) written.set(row.externalId, row.id);
  }
  return written;
}

/** The campaign an interaction was sent in, so its events count towards it. */
export async function interactionCampaign(ex: Executor, interactionId: string): Promise<string | null> {
  const [row] = await ex.select({ campaignId: interactions.campaignId }).from(interactions).where(eq(interactions.id, interactionId));
  return row?.campaignId ?? null;
}

/** What a set of new events adds to one interaction's summary. */
export interface EngagementDelta {
  deliveredAt: Date | null;
  firstOpenedAt: Date | null;
  opens: number;
  clicks: number;
  repliedAt: Date | null;
  bouncedAt: Date | null;
}

const earliest = (column: SQL, at: Date) => sql`least(${column}, ${at.toISOString()}::timestamptz)`;

/** Folds new events into the interaction's summary columns: earliest times (least() skips nulls) and added counts. */
export async function applyEngagementDelta(ex: Executor, interactionId: string, delta: EngagementDelta): Promise<void> {
  const set: Record<string, SQL> = {};
  if (delta.deliveredAt) set.deliveredAt = earliest(sql`delivered_at`, delta.deliveredAt);
  if (delta.firstOpenedAt) set.firstOpenedAt = earliest(sql`first_opened_at`, delta.firstOpenedAt);
  if (delta.repliedAt) set.repliedAt = earliest(sql`replied_at`, delta.repliedAt);
  if (delta.bouncedAt) set.bouncedAt = earliest(sql`bounced_at`, delta.bouncedAt);
  if (delta.opens > 0) set.openCount = sql`open_count + ${delta.opens}`;
  if (delta.clicks > 0) set.clickCount = sql`click_count + ${delta.clicks}`;
  if (Object.keys(set).length === 0) return;
  await ex.update(interactions).set(set).where(eq(interactions.id, interactionId));
}

export interface InteractionEngagement {
  interactionId: string;
  sentAt: Date;
  deliveredAt: Date | null;
  firstOpenedAt: Date | null;
  openCount: number;
  clickCount: number;
  repliedAt: Date | null;
  bouncedAt: Date | null;
}

/** The summary columns of these interactions (already checked visible by the caller). */
export async function interactionEngagement(ex: Executor, ids: readonly string[]): Promise<InteractionEngagement[]> {
  if (ids.length === 0) return [];
  return ex
    .select({
      interactionId: interactions.id,
      sentAt: interactions.occurredAt,
      deliveredAt: interactions.deliveredAt,
      firstOpenedAt: interactions.firstOpenedAt,
      openCount: interactions.openCount,
      clickCount: interactions.clickCount,
      repliedAt: interactions.repliedAt,
      bouncedAt: interactions.bouncedAt,
    })
    .from(interactions)
    .where(inArray(interactions.id, [...ids]))
    .orderBy(interactions.occurredAt, interactions.id);
}

export type EmailStatus = (typeof leads.$inferSelect)['emailStatus'];

/** A lead's email status, when the caller may see the lead. */
export async function visibleLeadEmailStatus(ex: Executor, scope: Scope, leadId: string): Promise<EmailStatus | undefined> {
  const [row] = await ex
    .select({ emailStatus: leads.emailStatus })
    .from(leads)
    .where(and(eq(leads.id, leadId), ownedBy(scope, leads.ownerId)));
  return row?.emailStatus;
}

export async function setLeadEmailStatus(ex: Executor, scope: Scope, leadId: string, status: EmailStatus, at: Date): Promise<boolean> {
  const changed = await ex
    .update(leads)
    .set({ emailStatus: status, updatedAt: at })
    .where(and(eq(leads.id, leadId), ownedBy(scope, leads.ownerId)))
    .returning({ id: leads.id });
  return changed.length === 1;
}
