import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, money, updatedAt } from './columns.ts';
import { users } from './org.ts';

export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    name: text('name').notNull(),
    domain: text('domain'),
    industry: text('industry'),
    employees: integer('employees'),
    annualRevenueMinor: money('annual_revenue_minor'),
    currency: currency(),
    technologies: text('technologies').array().notNull().default([]),
    country: text('country'),
    region: text('region'),
    city: text('city'),
    timeZone: text('time_zone'),
    ownerId: uuid('owner_id').references(() => users.id),
    externalIds: jsonb('external_ids').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('accounts_owner_idx').on(t.ownerId),
    index('accounts_domain_idx').on(t.domain),
    // trigram index: "acme" finds "ACME Corp." when a deal is named by its account
    index('accounts_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);
