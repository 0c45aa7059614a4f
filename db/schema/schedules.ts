import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { deliveryStatusEnum, roleEnum, runStatusEnum, scheduleChannelEnum } from './enums.ts';
import { users } from './org.ts';

export const schedules = pgTable('schedules', {
  id: id(),
  name: text('name').notNull().unique(),
  /** cron expression, evaluated in timeZone */
  cron: text('cron').notNull(),
  timeZone: text('time_zone').notNull().default('UTC'),
  /** what runs, e.g. 'briefing' */
  job: text('job').notNull().default('briefing'),
  audienceUserId: uuid('audience_user_id').references(() => users.id),
  audienceRole: roleEnum('audience_role'),
  audienceTeamId: uuid('audience_team_id'),
  channel: scheduleChannelEnum('channel').notNull(),
  /** channel address: Slack channel id, Teams conversation id, email... */
  target: text('target'),
  params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  createdById: uuid('created_by_id').references(() => users.id),
  lastRunAt: ts('last_run_at'),
  nextRunAt: ts('next_run_at'),
  createdAt: createdAt(),
});

export const scheduleRuns = pgTable(
  'schedule_runs',
  {
    id: id(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => schedules.id, { onDelete: 'cascade' }),
    /** the slot this run is for: a slot runs once even if two workers wake */
    slotAt: ts('slot_at').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at'),
    status: runStatusEnum('status').notNull().default('running'),
    output: jsonb('output'),
    error: text('error'),
  },
  // the claim: INSERT ... ON CONFLICT DO NOTHING on this index lets exactly one process have a slot
  (t) => [uniqueIndex('schedule_runs_slot_uq').on(t.scheduleId, t.slotAt)],
);

/**
 * One posting of one run's briefing. Written as `sending` (under a lease) before the post and given the
 * platform's message id after it, so a crash in between is found (lease expired) and reconciled, never
 * posted again blindly.
 */
export const briefingDeliveries = pgTable(
  'briefing_deliveries',
  {
    id: id(),
    runId: uuid('run_id')
      .notNull()
      .references(() => scheduleRuns.id, { onDelete: 'cascade' }),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => schedules.id, { onDelete: 'cascade' }),
    slotAt: ts('slot_at').notNull(),
    channel: scheduleChannelEnum('channel').notNull(),
    target: text('target'),
    /** the generated briefing, kept so a retry posts the same text */
    title: text('title'),
    text: text('text'),
    status: deliveryStatusEnum('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    messageId: text('message_id'),
    error: text('error'),
    /** while `sending`: the poster's lease; past it, the post is presumed crashed and is reconciled */
    leaseUntil: ts('lease_until'),
    /** while `failed`: when to try again; null = final */
    nextAttemptAt: ts('next_attempt_at'),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('briefing_deliveries_run_uq').on(t.runId), index('briefing_deliveries_status_idx').on(t.status, t.nextAttemptAt)],
);

/** The email channel's outbox: email-ready briefings for a mailer to send; a row's id is the "message id". */
export const briefingOutbox = pgTable('briefing_outbox', {
  id: id(),
  /** one outbox row per delivery: a repeated post finds the row instead of adding a second */
  deliveryId: uuid('delivery_id')
    .notNull()
    .unique()
    .references(() => briefingDeliveries.id, { onDelete: 'cascade' }),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  createdAt: createdAt(),
});
