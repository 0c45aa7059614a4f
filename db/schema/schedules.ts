import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns.ts';
import { roleEnum, runStatusEnum, scheduleChannelEnum } from './enums.ts';
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
  (t) => [index('schedule_runs_schedule_idx').on(t.scheduleId, t.slotAt)],
);
