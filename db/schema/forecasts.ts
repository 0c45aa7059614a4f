import { date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, money, ts } from './columns.ts';
import { users } from './org.ts';

// One row per forecast run and group, so forecast_accuracy can compare it with what closed.
export const forecastSnapshots = pgTable(
  'forecast_snapshots',
  {
    id: id(),
    runId: uuid('run_id').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    periodLabel: text('period_label').notNull(),
    /** 'total', 'rep' or 'product' */
    groupBy: text('group_by').notNull().default('total'),
    groupKey: text('group_key').notNull().default('all'),
    wonMinor: money('won_minor').notNull(),
    commitMinor: money('commit_minor').notNull(),
    weightedMinor: money('weighted_minor').notNull(),
    p10Minor: money('p10_minor').notNull(),
    p50Minor: money('p50_minor').notNull(),
    p90Minor: money('p90_minor').notNull(),
    currency: currency(),
    simulations: integer('simulations').notNull(),
    seed: integer('seed').notNull(),
    asOf: ts('as_of').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('forecast_snapshots_period_idx').on(t.periodStart, t.groupBy, t.groupKey)],
);
