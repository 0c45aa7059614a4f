import type { AuditRow } from '../../db/repos/audit-history.ts';

// Reads an audit row's `changes` as a list of { field, from, to }, whichever of the shapes the write
// tools record: { field: { from, to } } (lead_set_stage, lead_assign, opportunity_set_stage, task tools,
// audit_undo), an array of { field, from, to } (opportunity_upsert) or { fields: [...] } (lead_upsert).

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Tools whose audit rows carry before-values audit_undo can put back. */
export const UNDOABLE_TOOLS = new Set(['lead_set_stage', 'lead_assign', 'lead_upsert', 'opportunity_set_stage', 'opportunity_upsert', 'task_create', 'task_update', 'audit_undo']);

const isChange = (v: unknown): v is FieldChange =>
  typeof v === 'object' && v !== null && typeof (v as FieldChange).field === 'string' && 'from' in v && 'to' in v;
const isFromTo = (v: unknown): v is { from: unknown; to: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v) && 'from' in v && 'to' in v;

export function fieldChanges(changes: unknown): FieldChange[] {
  if (Array.isArray(changes)) return changes.filter(isChange);
  if (typeof changes !== 'object' || changes === null) return [];
  const fields = (changes as { fields?: unknown }).fields;
  if (Array.isArray(fields)) return fields.filter(isChange);
  return Object.entries(changes)
    .filter(([, v]) => isFromTo(v))
    .map(([field, v]) => ({ field, from: (v as { from: unknown }).from, to: (v as { to: unknown }).to }));
}

/** The record created by this row (undo = remove it), when the row records a creation. */
export const isCreation = (row: AuditRow) => /\.created$/.test(row.action);

/** Canonical form for comparing a stored value with one that went through JSON (dates, numbers as text...). */
export function canonical(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) return JSON.stringify(new Date(v).toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export const sameValue = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The top-level column a field names ("attributes.tier" lives in the attributes column). */
export const columnOf = (field: string) => field.split('.')[0]!;
