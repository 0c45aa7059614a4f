import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns.ts';
import { recordTypeEnum } from './enums.ts';
import { users } from './org.ts';

// A reviewer's correction of one field. Imports check here first: a human override beats a later import.
export const feedbackAnnotations = pgTable(
  'feedback_annotations',
  {
    id: id(),
    recordType: recordTypeEnum('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    field: text('field').notNull(),
    value: jsonb('value'),
    previousValue: jsonb('previous_value'),
    note: text('note'),
    authorId: uuid('author_id').references(() => users.id),
    supersededAt: ts('superseded_at'),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_record_idx').on(t.recordType, t.recordId, t.field)],
);
