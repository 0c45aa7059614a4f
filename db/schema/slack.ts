import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

// Slack deliveries already taken by some server process: Slack retries an event it thinks was not acknowledged
// in time, and two replicas may both receive one. The unique key makes exactly one claim succeed.
export const slackReceipts = pgTable(
  'slack_receipts',
  {
    /** 'event:<event_id>', 'command:<trigger_id>', 'action:<trigger_id>:<action_ts>' */
    key: text('key').primaryKey(),
    receivedAt: ts('received_at').notNull(),
  },
  (t) => [index('slack_receipts_received_at_idx').on(t.receivedAt)],
);
