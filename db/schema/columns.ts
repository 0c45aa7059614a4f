import { bigint, char, timestamp, uuid } from 'drizzle-orm/pg-core';

// Column helpers shared by every aggregate, so ids, money and timestamps look the same everywhere.
export const id = () => uuid('id').primaryKey().defaultRandom();
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => ts('created_at').notNull().defaultNow();
export const updatedAt = () => ts('updated_at').notNull().defaultNow();
/** Money in minor units (cents); JS numbers are exact up to 2^53, far beyond any deal. */
export const money = (name: string) => bigint(name, { mode: 'number' });
export const currency = () => char('currency', { length: 3 }).notNull().default('USD');
