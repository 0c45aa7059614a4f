import { bigserial, boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, ts } from './columns.ts';
import { recordTypeEnum, roleEnum } from './enums.ts';

// Who changed what through which tool. Written in the same transaction as the change.
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    /** insertion order: rows written in one instant (one ctx.now) still have a before and after, which audit_undo needs */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorRole: roleEnum('actor_role'),
    tool: text('tool').notNull(),
    action: text('action').notNull(),
    recordType: recordTypeEnum('record_type'),
    recordId: uuid('record_id'),
    input: jsonb('input'),
    changes: jsonb('changes'),
    dryRun: boolean('dry_run').notNull().default(false),
    requestId: text('request_id'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_record_idx').on(t.recordType, t.recordId, t.seq), index('audit_log_actor_idx').on(t.actorId, t.seq)],
);
