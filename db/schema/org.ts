import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, money } from './columns.ts';
import { roleEnum } from './enums.ts';

export const teams = pgTable('teams', {
  id: id(),
  name: text('name').notNull().unique(),
  // No FK: teams and users point at each other; the manager is a user of role 'manager'.
  managerId: uuid('manager_id'),
  region: text('region'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    role: roleEnum('role').notNull(),
    teamId: uuid('team_id').references(() => teams.id),
    managerId: uuid('manager_id'),
    title: text('title'),
    territory: text('territory'),
    specialisations: text('specialisations').array().notNull().default([]),
    /** quota per quarter, minor units */
    quarterlyQuotaMinor: money('quarterly_quota_minor'),
    currency: currency(),
    timeZone: text('time_zone').notNull().default('UTC'),
    workingHoursStart: integer('working_hours_start').notNull().default(9),
    workingHoursEnd: integer('working_hours_end').notNull().default(17),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email), index('users_team_idx').on(t.teamId)],
);
