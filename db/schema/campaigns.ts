import { pgTable, real, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, money, ts } from './columns.ts';
import { campaignChannelEnum, engagementEventTypeEnum, interactionTypeEnum } from './enums.ts';

export const campaigns = pgTable('campaigns', {
  id: id(),
  name: text('name').notNull().unique(),
  channel: campaignChannelEnum('channel').notNull(),
  costMinor: money('cost_minor').notNull().default(0),
  currency: currency(),
  startsAt: ts('starts_at'),
  endsAt: ts('ends_at'),
  createdAt: createdAt(),
});

export const templates = pgTable('templates', {
  id: id(),
  name: text('name').notNull().unique(),
  channel: interactionTypeEnum('channel').notNull().default('email'),
  purpose: text('purpose').notNull(),
  subject: text('subject'),
  body: text('body').notNull(),
  createdAt: createdAt(),
});

export const abTests = pgTable('ab_tests', {
  id: id(),
  name: text('name').notNull().unique(),
  campaignId: uuid('campaign_id').references(() => campaigns.id),
  /** the event that counts as success, e.g. 'opened' or 'replied' */
  metric: engagementEventTypeEnum('metric').notNull(),
  variantATemplateId: uuid('variant_a_template_id').references(() => templates.id),
  variantBTemplateId: uuid('variant_b_template_id').references(() => templates.id),
  /** share of recipients sent variant B */
  splitB: real('split_b').notNull().default(0.5),
  startsAt: ts('starts_at'),
  endsAt: ts('ends_at'),
  createdAt: createdAt(),
});
