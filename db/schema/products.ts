import { boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, money } from './columns.ts';

export const products = pgTable('products', {
  id: id(),
  name: text('name').notNull().unique(),
  sku: text('sku').unique(),
  family: text('family'),
  listPriceMinor: money('list_price_minor'),
  currency: currency(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});
