import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { campaigns } from './campaigns.ts';
import { createdAt, id, money, ts, updatedAt } from './columns.ts';
import {
  emailStatusEnum,
  interactionTypeEnum,
  leadSourceEnum,
  leadStageEnum,
  leadStatusEnum,
  qualificationStatusEnum,
  seniorityEnum,
} from './enums.ts';
import { users } from './org.ts';

// Leads and contacts are one table: a contact is a lead whose lifecycle moved on.
export const leads = pgTable(
  'leads',
  {
    id: id(),
    accountId: uuid('account_id').references(() => accounts.id),
    ownerId: uuid('owner_id').references(() => users.id),
    firstName: text('first_name'),
    lastName: text('last_name'),
    fullName: text('full_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    title: text('title'),
    seniority: seniorityEnum('seniority'),
    department: text('department'),
    emailStatus: emailStatusEnum('email_status').notNull().default('unverified'),
    lifecycleStage: leadStageEnum('lifecycle_stage').notNull().default('new'),
    status: leadStatusEnum('status').notNull().default('open'),
    source: leadSourceEnum('source'),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    score: smallint('score'),
    grade: text('grade'),
    qualificationStatus: qualificationStatusEnum('qualification_status').notNull().default('not_started'),
    lastContactedAt: ts('last_contacted_at'),
    lastContactedById: uuid('last_contacted_by_id').references(() => users.id),
    interactionCount: integer('interaction_count').notNull().default(0),
    engagementScore: real('engagement_score'),
    preferredChannel: interactionTypeEnum('preferred_channel'),
    /** hour of day (0-23) in the lead's own time zone */
    preferredContactHour: smallint('preferred_contact_hour'),
    timeZone: text('time_zone'),
    painPoints: text('pain_points').array().notNull().default([]),
    budgetMinMinor: money('budget_min_minor'),
    budgetMaxMinor: money('budget_max_minor'),
    decisionTimeline: text('decision_timeline'),
    decisionMakers: text('decision_makers').array().notNull().default([]),
    isDecisionMaker: boolean('is_decision_maker').notNull().default(false),
    convertedAt: ts('converted_at'),
    mergedIntoId: uuid('merged_into_id'),
    /** remembered preferences and anything a source gave us that has no column yet */
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('leads_owner_idx').on(t.ownerId),
    index('leads_account_idx').on(t.accountId),
    index('leads_stage_idx').on(t.lifecycleStage),
    // not unique: duplicates exist in real data until lead_merge resolves them
    index('leads_email_idx').on(sql`lower(${t.email})`),
    index('leads_name_trgm_idx').using('gin', sql`${t.fullName} gin_trgm_ops`),
  ],
);

export const leadStageHistory = pgTable(
  'lead_stage_history',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    fromStage: leadStageEnum('from_stage'),
    toStage: leadStageEnum('to_stage').notNull(),
    reason: text('reason'),
    changedById: uuid('changed_by_id').references(() => users.id),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [index('lead_stage_history_lead_idx').on(t.leadId, t.changedAt)],
);

// Changes of single lead fields (budget, decision maker, qualification, owner...), as deals have in
// opportunity_field_history, so scoring and replays can read a lead as it stood on a past day.
export const leadFieldHistory = pgTable(
  'lead_field_history',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** the leads column in camelCase, e.g. budgetMinMinor, isDecisionMaker, qualificationStatus, ownerId */
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    changedById: uuid('changed_by_id').references(() => users.id),
    sourceItemId: uuid('source_item_id'),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [index('lead_field_history_lead_idx').on(t.leadId, t.field, t.changedAt)],
);

export interface ScoreParts {
  behavioural: number;
  demographic: number;
  fit: number;
  engagement: number;
}

export const scoreHistory = pgTable(
  'score_history',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    score: smallint('score').notNull(),
    grade: text('grade').notNull(),
    parts: jsonb('parts').$type<ScoreParts>().notNull(),
    reasons: jsonb('reasons').$type<Record<string, string[]>>().notNull().default({}),
    weights: jsonb('weights').$type<Record<string, number>>().notNull().default({}),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [index('score_history_lead_idx').on(t.leadId, t.computedAt)],
);


export interface CriterionResult {
  criterion: string;
  status: 'met' | 'unknown' | 'unmet';
  evidence: { sourceId: string; kind: string; date: string | null; quote: string }[];
}

// The latest BANT or MEDDIC assessment of a lead (one row per lead and framework, replaced on re-run).
export const leadQualifications = pgTable(
  'lead_qualifications',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    framework: text('framework').notNull(),
    criteria: jsonb('criteria').$type<CriterionResult[]>().notNull(),
    metCount: smallint('met_count').notNull(),
    assessedAt: ts('assessed_at').notNull(),
  },
  (t) => [uniqueIndex('lead_qualifications_uq').on(t.leadId, t.framework)],
);

// What lead_merge folded into what: the merged lead's row as it was, so a merge can be explained or undone by hand.
export const leadMerges = pgTable(
  'lead_merges',
  {
    id: id(),
    survivorId: uuid('survivor_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    mergedId: uuid('merged_id').notNull(),
    mergedSnapshot: jsonb('merged_snapshot').$type<Record<string, unknown>>().notNull(),
    movedCounts: jsonb('moved_counts').$type<Record<string, number>>().notNull(),
    mergedById: uuid('merged_by_id').references(() => users.id),
    mergedAt: ts('merged_at').notNull(),
  },
  (t) => [index('lead_merges_survivor_idx').on(t.survivorId)],
);
