import { index, integer, jsonb, pgTable, real, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { abTests, campaigns, templates } from './campaigns.ts';
import { createdAt, id, ts } from './columns.ts';
import {
  directionEnum,
  engagementEventTypeEnum,
  interactionTypeEnum,
  objectionTypeEnum,
  sentimentEnum,
} from './enums.ts';
import { leads } from './leads.ts';
import { opportunities } from './opportunities.ts';
import { users } from './org.ts';
import { sourceItems } from './sources.ts';

export const interactions = pgTable(
  'interactions',
  {
    id: id(),
    type: interactionTypeEnum('type').notNull(),
    direction: directionEnum('direction').notNull(),
    channel: text('channel'),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    accountId: uuid('account_id').references(() => accounts.id),
    opportunityId: uuid('opportunity_id').references(() => opportunities.id, { onDelete: 'set null' }),
    userId: uuid('user_id').references(() => users.id),
    threadId: text('thread_id'),
    subject: text('subject'),
    body: text('body').notNull(),
    summary: text('summary'),
    sentiment: sentimentEnum('sentiment'),
    /** -1 (hostile) .. +1 (delighted) */
    sentimentScore: real('sentiment_score'),
    intent: text('intent'),
    objectionType: objectionTypeEnum('objection_type'),
    question: text('question'),
    outcome: text('outcome'),
    durationSeconds: integer('duration_seconds'),
    templateId: uuid('template_id').references(() => templates.id),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    abTestId: uuid('ab_test_id').references(() => abTests.id),
    abVariant: text('ab_variant'),
    sequenceStep: smallint('sequence_step'),
    touchNumber: smallint('touch_number'),
    occurredAt: ts('occurred_at').notNull(),
    // engagement summary, kept current by ingest_events
    deliveredAt: ts('delivered_at'),
    firstOpenedAt: ts('first_opened_at'),
    openCount: integer('open_count').notNull().default(0),
    clickCount: integer('click_count').notNull().default(0),
    repliedAt: ts('replied_at'),
    bouncedAt: ts('bounced_at'),
    sourceItemId: uuid('source_item_id').references(() => sourceItems.id, { onDelete: 'set null' }),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('interactions_lead_idx').on(t.leadId, t.occurredAt),
    index('interactions_opportunity_idx').on(t.opportunityId, t.occurredAt),
    index('interactions_user_idx').on(t.userId, t.occurredAt),
    index('interactions_account_idx').on(t.accountId),
    index('interactions_thread_idx').on(t.threadId),
    index('interactions_occurred_idx').on(t.occurredAt),
    index('interactions_source_item_idx').on(t.sourceItemId),
  ],
);

export const engagementEvents = pgTable(
  'engagement_events',
  {
    id: id(),
    type: engagementEventTypeEnum('type').notNull(),
    interactionId: uuid('interaction_id').references(() => interactions.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    occurredAt: ts('occurred_at').notNull(),
    url: text('url'),
    /** provider event id: a webhook delivered twice is stored once */
    externalId: text('external_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('engagement_events_interaction_idx').on(t.interactionId),
    index('engagement_events_lead_idx').on(t.leadId, t.occurredAt),
    uniqueIndex('engagement_events_external_uq').on(t.externalId),
  ],
);
