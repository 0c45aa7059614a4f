import { z } from 'zod';
import { invalidInput } from '../core/errors.ts';
import { isoDateTime } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { applyUndo, pickAuditRow } from './undo-apply.ts';

export const auditUndo = defineTool({
  name: 'audit_undo',
  description:
    'Undo a change recorded in the audit log: by its audit id, or your last change (last: true). Puts back the values from before (stage, owner, fields, close details; a task created is removed) when nothing later touched the same fields of the same record; otherwise explains which later change conflicts. The undo is itself audited (undoing an undo redoes it). Works for lead_set_stage, lead_assign, lead_upsert updates, opportunity_set_stage, opportunity_upsert updates, task_create and task_update.',
  input: z.object({
    auditId: z.uuid().optional().describe('the audit entry to undo (an id from the audit log)'),
    last: z.literal(true).optional().describe('true = undo your own most recent change that can be undone'),
  }),
  output: z.object({
    undone: z.object({
      auditId: z.string().describe('the audit entry reverted'),
      tool: z.string().describe('the tool that made the change'),
      action: z.string().describe('what it did'),
      at: isoDateTime.describe('when'),
    }).describe('the change that was undone'),
    recordType: z.enum(['lead', 'opportunity', 'task']).describe('what kind of record'),
    recordId: z.string().describe('the record'),
    deleted: z.boolean().describe('true when the undo removed a task the change had created'),
    restored: z.array(z.object({ field: z.string().describe('field'), from: z.unknown().describe('value before the undo'), to: z.unknown().describe('value put back') }).describe('one field')).describe('the fields put back'),
  }),
  annotations: { title: 'Undo a change', readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  minRole: 'rep',
  async execute(input, ctx) {
    if ((input.auditId === undefined) === (input.last === undefined)) {
      throw invalidInput([{ field: 'auditId', message: 'give an auditId, or last: true for your last change (not both)' }]);
    }
    const row = await pickAuditRow(ctx, input.auditId);
    const r = await applyUndo(ctx, row);
    return {
      undone: { auditId: r.auditId, tool: r.tool, action: r.action, at: r.at.toISOString() },
      recordType: r.recordType,
      recordId: r.recordId,
      deleted: r.deleted,
      restored: r.restored,
    };
  },
  audit: (_input, output) => ({
    action: output.deleted ? 'audit.undone_created' : 'audit.undone',
    recordType: output.recordType,
    recordId: output.recordId,
    changes: {
      undoneAuditId: output.undone.auditId,
      undoneTool: output.undone.tool,
      ...(output.deleted ? { deleted: true } : {}),
      ...Object.fromEntries(output.restored.map((f) => [f.field, { from: f.from, to: f.to }])),
    },
  }),
});
