import type { TaskOutput } from './task-schema.ts';

// What a task write tells the audit log: { field: { from, to } } per changed column (named as the
// tasks table names them), so audit_undo can put the before-values back.

type FieldMap = Record<string, { from: unknown; to: unknown }>;

const columnsOf = (t: TaskOutput | null): Record<string, unknown> =>
  t === null
    ? {}
    : {
        title: t.title,
        description: t.description,
        type: t.type,
        priority: t.priority,
        status: t.status,
        dueAt: t.dueAt,
        ownerId: t.owner.id,
        leadId: t.lead?.id ?? null,
        opportunityId: t.opportunity?.id ?? null,
        completedAt: t.completedAt,
      };

/** The changed columns between two views of a task (before null = created). */
export function auditedTaskFields(before: TaskOutput | null, after: TaskOutput): FieldMap {
  const a = columnsOf(before);
  const b = columnsOf(after);
  const out: FieldMap = {};
  for (const [field, to] of Object.entries(b)) {
    const from = before === null ? null : (a[field] ?? null);
    if (JSON.stringify(from) !== JSON.stringify(to ?? null)) out[field] = { from, to: to ?? null };
  }
  return out;
}
