import {
  applyEngagementDelta,
  insertEngagementEvents,
  interactionEngagement,
  setLeadEmailStatus,
  visibleLeadEmailStatus,
  type EmailStatus,
  type EngagementDelta,
  type NewEngagementEvent,
} from '../../../db/repos/ingest-events.ts';
import type { EngagementEventType } from '../../../core/domain.ts';
import type { ToolContext } from '../../core/context.ts';
import { pct } from '../../core/schemas.ts';
import { nextEmailStatus } from './email-status.ts';
import type { EngagementEventInput, EventResult, IngestEventsOutput } from './event-schema.ts';
import { derivedExternalId, matchEvent, newLookups } from './match-event.ts';

// ingest_events' work: place each event (match-event.ts), store the batch once per provider id (one
// statement), then fold the new events into each interaction's summary (one update per interaction) and each
// lead's email status (one per lead). Earliest times and added counts do not depend on arrival order.

/** Events stamped further ahead of the call's clock than this are rejected (provider clocks drift a little). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

interface Placed {
  index: number;
  type: EngagementEventType;
  row: NewEngagementEvent;
}

const emptyDelta = (): EngagementDelta => ({ deliveredAt: null, firstOpenedAt: null, opens: 0, clicks: 0, repliedAt: null, bouncedAt: null });
const min = (a: Date | null, b: Date) => (a && a.getTime() <= b.getTime() ? a : b);

function addToDelta(delta: EngagementDelta, type: EngagementEventType, at: Date): void {
  if (type === 'delivered') delta.deliveredAt = min(delta.deliveredAt, at);
  if (type === 'opened') {
    delta.firstOpenedAt = min(delta.firstOpenedAt, at);
    delta.opens++;
  }
  if (type === 'clicked') delta.clicks++;
  if (type === 'replied') delta.repliedAt = min(delta.repliedAt, at);
  if (type === 'bounced') delta.bouncedAt = min(delta.bouncedAt, at);
}

const minutesBetween = (from: Date, to: Date | null) => (to === null ? null : pct(Math.max(0, to.getTime() - from.getTime()) / 60_000));

export async function applyEvents(ctx: ToolContext, events: readonly EngagementEventInput[]): Promise<IngestEventsOutput> {
  const results: EventResult[] = [];
  const placed: Placed[] = [];
  const seen = new Set<string>();
  const lookups = newLookups();

  for (const [index, e] of events.entries()) {
    const externalId = e.externalId ?? derivedExternalId(e);
    const base = { index, externalId, eventId: null, interactionId: null, leadId: null };
    const occurredAt = new Date(e.occurredAt);
    if (occurredAt.getTime() > ctx.now.getTime() + FUTURE_TOLERANCE_MS) {
      results.push({ ...base, status: 'rejected', reason: `occurredAt ${e.occurredAt} is in the future` });
      continue;
    }
    const matched = await matchEvent(ctx, e, lookups);
    if (typeof matched === 'string') {
      results.push({ ...base, status: 'rejected', reason: matched });
      continue;
    }
    const interactionId = matched.interaction?.id ?? null;
    results.push({ ...base, status: 'duplicate', interactionId, leadId: matched.leadId, reason: null });
    if (seen.has(externalId)) continue; // the same provider event twice in one delivery
    seen.add(externalId);
    placed.push({
      index,
      type: e.type,
      row: {
        type: e.type, interactionId, leadId: matched.leadId, campaignId: matched.campaignId, occurredAt, url: e.url ?? null, externalId,
        metadata: { ...(e.providerFields ? { providerFields: e.providerFields } : {}), ...(e.userAgent ? { userAgent: e.userAgent } : {}), ...(e.interaction ? { interactionRef: e.interaction } : {}) },
        createdAt: ctx.now,
      },
    });
  }

  // stored = created; the rest of `placed` was stored by an earlier delivery and stays a duplicate
  const written = await insertEngagementEvents(ctx.db, placed.map((p) => p.row));
  const deltas = new Map<string, EngagementDelta>();
  const leadEvents = new Map<string, { type: EngagementEventType; index: number }[]>();
  for (const p of placed) {
    const eventId = written.get(p.row.externalId);
    if (!eventId) continue;
    results[p.index] = { ...results[p.index]!, status: 'created', eventId };
    if (p.row.interactionId) {
      const delta = deltas.get(p.row.interactionId) ?? emptyDelta();
      addToDelta(delta, p.type, p.row.occurredAt);
      deltas.set(p.row.interactionId, delta);
    }
    if (p.row.leadId) leadEvents.set(p.row.leadId, [...(leadEvents.get(p.row.leadId) ?? []), { type: p.type, index: p.index }]);
  }
  for (const [interactionId, delta] of deltas) await applyEngagementDelta(ctx.db, interactionId, delta);
  const statusChanges = await applyLeadStatuses(ctx, leadEvents, results);

  const summaries = await interactionEngagement(ctx.db, [...deltas.keys()]);
  return {
    received: events.length,
    created: results.filter((r) => r.status === 'created').length,
    duplicates: results.filter((r) => r.status === 'duplicate').length,
    rejected: results.filter((r) => r.status === 'rejected').length,
    results,
    interactions: summaries.map((s) => ({
      interactionId: s.interactionId,
      sentAt: s.sentAt.toISOString(),
      deliveredAt: s.deliveredAt?.toISOString() ?? null,
      firstOpenedAt: s.firstOpenedAt?.toISOString() ?? null,
      openCount: s.openCount,
      clickCount: s.clickCount,
      repliedAt: s.repliedAt?.toISOString() ?? null,
      bouncedAt: s.bouncedAt?.toISOString() ?? null,
      minutesToOpen: minutesBetween(s.sentAt, s.firstOpenedAt),
      minutesToReply: minutesBetween(s.sentAt, s.repliedAt),
    })),
    leadStatusChanges: statusChanges,
  };
}

/** Each lead's email status after its new events (the ladder in email-status.ts makes the order irrelevant). */
async function applyLeadStatuses(
  ctx: ToolContext,
  leadEvents: Map<string, { type: EngagementEventType; index: number }[]>,
  results: EventResult[],
): Promise<IngestEventsOutput['leadStatusChanges']> {
  const changes: IngestEventsOutput['leadStatusChanges'] = [];
  for (const [leadId, list] of leadEvents) {
    const current = await visibleLeadEmailStatus(ctx.db, ctx.scope, leadId);
    if (current === undefined) {
      for (const e of list) {
        if (e.type === 'bounced' || e.type === 'unsubscribed') results[e.index] = { ...results[e.index]!, reason: 'the lead is outside your scope: its email status was not changed' };
      }
      continue;
    }
    let status: EmailStatus = current;
    for (const e of list) status = nextEmailStatus(status, e.type) ?? status;
    if (status !== current && (await setLeadEmailStatus(ctx.db, ctx.scope, leadId, status, ctx.now))) changes.push({ leadId, from: current, to: status });
  }
  return changes;
}
