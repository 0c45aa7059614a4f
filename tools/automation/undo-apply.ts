import {
  appendDealStageRow, appendLeadStageRow, auditRowById, columnKind, deleteRecordRow, laterRowsOnRecord, readRecord, recentAuditRowsBy, undoneAmong, undoOf, writeRecord,
  type AuditRow, type UndoableKind,
} from '../../db/repos/audit-history.ts';
import type { ToolContext } from '../core/context.ts';
import { conflict, forbidden, ToolMiss } from '../core/errors.ts';
import { canonical, columnOf, fieldChanges, isCreation, sameValue, UNDOABLE_TOOLS, type FieldChange } from './undo-changes.ts';

// Undo one audited write: find it (by id, or the caller's last undoable write), refuse when a later
// audited write touched the same fields or the record no longer holds what the write left, else put
// the before-values back (with a stage-history row for stage moves) in the call's transaction.

export interface UndoResult {
  auditId: string;
  tool: string;
  action: string;
  at: Date;
  recordType: UndoableKind;
  recordId: string;
  deleted: boolean;
  restored: FieldChange[];
}

const KINDS = new Set<string>(['lead', 'opportunity', 'task']);
const LAST_SCAN = 50;

/** The changes a row made that audit_undo can revert: known columns whose value actually changed. */
function revertible(row: AuditRow): FieldChange[] {
  const kind = row.recordType as UndoableKind;
  return fieldChanges(row.changes).filter((c) => columnKind(kind, columnOf(c.field)) !== undefined && !sameValue(c.from, c.to));
}

const undoable = (row: AuditRow) =>
  UNDOABLE_TOOLS.has(row.tool) && row.recordType !== null && KINDS.has(row.recordType) && row.recordId !== null && ((isCreation(row) && row.recordType === 'task') || revertible(row).length > 0);

export async function pickAuditRow(ctx: ToolContext, auditId: string | undefined): Promise<AuditRow> {
  if (auditId) {
    const row = await auditRowById(ctx.db, auditId);
    if (!row) throw new ToolMiss({ code: 'not_found:audit', message: `No audit entry ${auditId}`, hint: 'leave auditId out to undo your last change' });
    if (ctx.actor.role === 'rep' && row.actorId !== ctx.actor.userId) throw forbidden('A rep may only undo their own changes', 'ask your manager to undo it');
    if (!UNDOABLE_TOOLS.has(row.tool)) {
      throw conflict(`${row.tool} changes cannot be undone here: its audit entry does not carry the values from before`, `undoable: ${[...UNDOABLE_TOOLS].join(', ')}`);
    }
    if (!undoable(row)) throw conflict(`Audit entry ${row.id} (${row.action}) changed no field that can be put back`);
    const undone = await undoOf(ctx.db, row.id);
    if (undone) throw conflict(`Audit entry ${row.id} was already undone (audit ${undone.id} at ${undone.at.toISOString()})`, `to redo it, undo ${undone.id}`);
    return row;
  }
  const recent = (await recentAuditRowsBy(ctx.db, ctx.actor.userId, LAST_SCAN)).filter((r) => r.tool !== 'audit_undo' && undoable(r));
  const undone = await undoneAmong(ctx.db, recent.map((r) => r.id));
  const row = recent.find((r) => !undone.has(r.id));
  if (!row) throw new ToolMiss({ code: 'nothing_to_undo', message: 'You have no recent change that can be undone', hint: 'name one with auditId' });
  return row;
}

const valueAt = (record: Record<string, unknown>, field: string) =>
  field.startsWith('attributes.') ? ((record.attributes as Record<string, unknown> | null) ?? {})[field.slice('attributes.'.length)] : record[field];

const jsonSafe = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

function describeLater(later: AuditRow, fields: string[]): string {
  return `${later.tool} (audit ${later.id}, ${later.at.toISOString()}) later changed ${fields.join(', ')}`;
}

export async function applyUndo(ctx: ToolContext, row: AuditRow): Promise<UndoResult> {
  const kind = row.recordType as UndoableKind;
  const recordId = row.recordId!;
  const record = await readRecord(ctx.db, ctx.scope, kind, recordId);
  if (!record) throw new ToolMiss({ code: `not_found:${kind}`, message: `The ${kind} that audit entry ${row.id} changed is gone or outside what you can see` });
  const later = await laterRowsOnRecord(ctx.db, kind, recordId, row.seq);
  // a later change that was itself undone later cancels out with its undo: the record is back to what this row left
  const undoneId = (l: AuditRow) => (l.changes as { undoneAuditId?: string } | null)?.undoneAuditId;
  const cancelled = new Set(later.filter((l) => l.tool === 'audit_undo').map(undoneId));
  const live = later.filter((l) => !cancelled.has(l.id) && !(l.tool === 'audit_undo' && later.some((x) => x.id === undoneId(l))));
  const base = { auditId: row.id, tool: row.tool, action: row.action, at: row.at, recordType: kind, recordId };

  if (isCreation(row)) {
    if (kind !== 'task') throw conflict(`Creating a ${kind} is not undone here`, kind === 'lead' ? 'disqualify it, or merge it into the right lead' : 'close it as lost, or correct it');
    if (live.length > 0) throw conflict(`Cannot remove the task: ${describeLater(live[0]!, ['it'])}`, `undo audit ${live[live.length - 1]!.id} first`);
    await deleteRecordRow(ctx.db, 'task', recordId);
    return { ...base, deleted: true, restored: [] };
  }

  const changes = revertible(row);
  const fields = new Set(changes.map((c) => c.field));
  const clashes = live
    .map((l) => ({ l, hit: fieldChanges(l.changes).map((c) => c.field).filter((f) => fields.has(f)) }))
    .filter((x) => x.hit.length > 0);
  if (clashes.length > 0) {
    throw conflict(
      `Cannot undo ${row.tool} (audit ${row.id}): ${clashes.map((x) => describeLater(x.l, x.hit)).join('; ')}`,
      `undo the later change first (auditId ${clashes[clashes.length - 1]!.l.id}), or set the field directly`,
    );
  }
  const drifted = changes.filter((c) => !sameValue(valueAt(record, c.field), c.to));
  if (drifted.length > 0) {
    throw conflict(
      `Cannot undo ${row.tool} (audit ${row.id}): ${drifted.map((c) => `${c.field} is now ${canonical(valueAt(record, c.field))}, not ${canonical(c.to)} as that change left it`).join('; ')} (changed by something that left no audit entry, e.g. an import)`,
      'set the field directly instead',
    );
  }

  const patch: Record<string, unknown> = { updatedAt: ctx.now };
  let attributes: Record<string, unknown> | undefined;
  for (const c of changes) {
    if (c.field.startsWith('attributes.')) {
      attributes ??= { ...((record.attributes as Record<string, unknown> | null) ?? {}) };
      const key = c.field.slice('attributes.'.length);
      if (c.from === null || c.from === undefined) delete attributes[key];
      else attributes[key] = c.from;
    } else {
      patch[c.field] = columnKind(kind, c.field) === 'timestamp' && typeof c.from === 'string' ? new Date(c.from) : c.from;
    }
  }
  if (attributes) patch.attributes = attributes;
  await writeRecord(ctx.db, kind, recordId, patch);

  const reason = `undo of ${row.tool} (audit ${row.id})`;
  const stage = changes.find((c) => c.field === (kind === 'lead' ? 'lifecycleStage' : 'stage'));
  if (stage && kind === 'lead') {
    await appendLeadStageRow(ctx.db, { leadId: recordId, fromStage: record.lifecycleStage as never, toStage: stage.from as never, reason, changedById: ctx.actor.userId, changedAt: ctx.now });
  }
  if (stage && kind === 'opportunity') {
    await appendDealStageRow(ctx.db, {
      opportunityId: recordId, fromStage: record.stage as never, toStage: stage.from as never, reason, changedById: ctx.actor.userId, changedAt: ctx.now,
      probability: (patch.probability ?? record.probability) as number | null, valueMinor: record.valueMinor as number | null, expectedCloseDate: record.expectedCloseDate as string | null,
    });
  }
  return { ...base, deleted: false, restored: changes.map((c) => ({ field: c.field, from: jsonSafe(valueAt(record, c.field)), to: jsonSafe(c.from) })) };
}
