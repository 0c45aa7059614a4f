import { defineTool } from '../registry.ts';
import { applyEvents } from './events/apply-events.ts';
import { ingestEventsInput, ingestEventsOutput } from './events/event-schema.ts';

export const ingestEvents = defineTool({
  name: 'ingest_events',
  description:
    'Record engagement events from an email provider (sent, delivered, opened, clicked, bounced, replied, unsubscribed), e.g. a webhook batch. Each event names its message (interaction id or Message-ID) and/or recipient (lead email). An event is stored once per provider id: a redelivered webhook is reported as a duplicate and changes nothing. Updates the message\'s summary (earliest delivery, first open, open and click counts, earliest reply or bounce: out-of-order events give the same result) and the lead\'s email status (bounced, unsubscribed; delivered marks an unverified address valid). Reports created, duplicate and rejected per event with its index and reason.',
  input: ingestEventsInput,
  output: ingestEventsOutput,
  annotations: { title: 'Ingest engagement events', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  execute: (input, ctx) => applyEvents(ctx, input.events),
  audit: (_input, output) => ({
    action: 'engagement_events.ingested',
    changes: {
      created: output.created,
      duplicates: output.duplicates,
      rejected: output.rejected,
      eventIds: output.results.flatMap((r) => (r.eventId ? [r.eventId] : [])),
      interactions: output.interactions.map((i) => i.interactionId),
      leadStatusChanges: output.leadStatusChanges,
    },
  }),
});
