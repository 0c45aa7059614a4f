import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns.ts';
import { alertStatusEnum, severityEnum } from './enums.ts';
import { leads } from './leads.ts';
import { opportunities } from './opportunities.ts';
import { users } from './org.ts';

export const alerts = pgTable(
  'alerts',
  {
    id: id(),
    /** signal + record, e.g. 'stuck_in_stage:opp:<id>': a finding seen again updates the alert it already has */
    dedupeKey: text('dedupe_key').notNull(),
    signal: text('signal').notNull(),
    severity: severityEnum('severity').notNull().default('medium'),
    status: alertStatusEnum('status').notNull().default('open'),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    opportunityId: uuid('opportunity_id').references(() => opportunities.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id').references(() => users.id),
    title: text('title').notNull(),
    detail: text('detail'),
    evidence: jsonb('evidence').$type<unknown[]>().notNull().default([]),
    firstSeenAt: ts('first_seen_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    resolvedAt: ts('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('alerts_dedupe_uq').on(t.dedupeKey), index('alerts_owner_idx').on(t.ownerId, t.status)],
);
