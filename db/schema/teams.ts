import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { users } from './org.ts';

// Microsoft Teams bot state (server/teams).

/** Activities already taken on: the Bot Connector redelivers on timeouts, and a redelivery must never answer twice. */
export const teamsActivities = pgTable(
  'teams_activities',
  {
    // conversation id + activity id: activity ids are unique within a conversation
    activityKey: text('activity_key').primaryKey(),
    receivedAt: ts('received_at').notNull(),
  },
  // old claims are pruned: redeliveries come within minutes
  (t) => [index('teams_activities_received_idx').on(t.receivedAt)],
);

/** The copilot thread a Teams conversation (a personal chat, or one channel thread) continues, per user. */
export const teamsThreads = pgTable(
  'teams_threads',
  {
    conversationId: text('conversation_id').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    threadId: text('thread_id').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] })],
);
