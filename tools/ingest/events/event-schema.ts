import { z } from 'zod';
import { EMAIL_STATUSES, ENGAGEMENT_EVENT_TYPES } from '../../../core/domain.ts';
import { isoDateTime } from '../../core/schemas.ts';

// The shape of one engagement event as a provider webhook (or a person) sends it, and of ingest_events' report.

export const MAX_EVENTS = 1000;

export const engagementEventInput = z
  .object({
    externalId: z.string().trim().min(1).max(200).optional().describe('the provider\'s event id; an event already stored under it is reported as a duplicate. Left out, an id is derived from type, interaction, lead, time and url'),
    type: z.enum(ENGAGEMENT_EVENT_TYPES).describe('what happened'),
    occurredAt: z.iso.datetime({ offset: true }).describe('when it happened, ISO 8601 with offset or Z'),
    interaction: z.string().trim().min(1).max(500).optional().describe('the message it is about: an interaction id or the email\'s Message-ID (with or without <>)'),
    lead: z.string().trim().min(1).max(254).optional().describe('the recipient: email (or lead id); needed when no interaction is named'),
    url: z.url('not a valid URL').max(2000).optional().describe('the link clicked (clicked events)'),
    userAgent: z.string().max(500).optional().describe('the reader\'s user agent, kept with the event'),
    providerFields: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('any other fields the provider sent (the webhook puts every field it does not map here), kept with the event as they came'),
  })
  .refine((e) => e.interaction !== undefined || e.lead !== undefined, { message: 'name the interaction or the lead the event is about', path: ['interaction'] })
  .describe('one engagement event');

export type EngagementEventInput = z.infer<typeof engagementEventInput>;

export const ingestEventsInput = z.object({
  events: z.array(engagementEventInput).min(1, 'send at least one event').max(MAX_EVENTS, `at most ${MAX_EVENTS} events per call`).describe('the events, in any order'),
});

export const eventResult = z
  .object({
    index: z.number().int().describe('position of the event in the input (0-based)'),
    externalId: z.string().describe('the provider id (or the derived one)'),
    status: z.enum(['created', 'duplicate', 'rejected']).describe('created = stored and applied; duplicate = already stored, nothing changed; rejected = not stored, see reason'),
    eventId: z.string().nullable().describe('the stored event row (created only)'),
    interactionId: z.string().nullable().describe('the interaction it was matched to'),
    leadId: z.string().nullable().describe('the lead it was matched to'),
    reason: z.string().nullable().describe('why it was rejected, or what was not applied'),
  })
  .describe('what happened to one event');

export const interactionSummary = z
  .object({
    interactionId: z.string().describe('the interaction'),
    sentAt: isoDateTime.describe('when the message was sent (the interaction\'s time)'),
    deliveredAt: isoDateTime.nullable().describe('earliest delivery'),
    firstOpenedAt: isoDateTime.nullable().describe('earliest open'),
    openCount: z.number().int().describe('opens recorded'),
    clickCount: z.number().int().describe('clicks recorded'),
    repliedAt: isoDateTime.nullable().describe('earliest reply'),
    bouncedAt: isoDateTime.nullable().describe('earliest bounce'),
    minutesToOpen: z.number().nullable().describe('minutes from sending to the first open, one decimal; null when unopened'),
    minutesToReply: z.number().nullable().describe('minutes from sending to the reply, one decimal; null without a reply'),
  })
  .describe('an interaction\'s engagement summary after this call');

export const leadStatusChange = z
  .object({
    leadId: z.string().describe('the lead'),
    from: z.enum(EMAIL_STATUSES).describe('email status before'),
    to: z.enum(EMAIL_STATUSES).describe('email status after'),
  })
  .describe('a lead whose email status the events changed');

export const ingestEventsOutput = z.object({
  received: z.number().int().describe('events in the input'),
  created: z.number().int().describe('events stored and applied'),
  duplicates: z.number().int().describe('events already stored (redelivered webhooks)'),
  rejected: z.number().int().describe('events not stored'),
  results: z.array(eventResult).describe('one entry per input event, in input order'),
  interactions: z.array(interactionSummary).describe('the summaries of the interactions these events touched'),
  leadStatusChanges: z.array(leadStatusChange).describe('email statuses changed by bounces, unsubscribes or deliveries'),
});

export type IngestEventsOutput = z.infer<typeof ingestEventsOutput>;
export type EventResult = z.infer<typeof eventResult>;
