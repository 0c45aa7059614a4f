import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, ts } from './columns.ts';
import { leads } from './leads.ts';
import { users } from './org.ts';

// What conversations taught us about a lead ("prefers calls before 10", "their pain is onboarding time"),
// kept on the lead so drafts and strategy can use it in later conversations.
export const leadMemories = pgTable(
  'lead_memories',
  {
    id: id(),
    leadId: uuid('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
    note: text('note').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('lead_memories_lead_idx').on(t.leadId, t.createdAt)],
);
