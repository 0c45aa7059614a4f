import { OPEN_OPPORTUNITY_STAGES, type OpportunityStage } from '../../../core/domain.ts';
import type { FieldSourceRow } from '../../../db/repos/correlation-fields.ts';
import { appendStageHistory, type NewOpportunityRow, type OpportunityRow } from '../../../db/repos/opportunities.ts';
import { authorityOf, decide, HISTORY_FIELD, historyValue, type Decision, type IncomingProvenance, type StoredProvenance } from './precedence.ts';
import { liveIo } from './io.ts';
import { currentHistoryValue, provenanceOfValue } from './provenance.ts';
import { CORRELATED_FIELDS, type CorrelatedField, type CorrelationContext, type FieldChange, type FieldConflict, type Fragment, type FieldValues } from './types.ts';

// Applying a fragment's values to the deal it was merged into: for each field the fragment states, the
// stored value and where it came from are weighed against the fragment (precedence.ts). Applied values get a
// field history row naming the source item; confirmations and disagreements are returned for the item's
// own record (metadata.correlation), so every field keeps backlinks to the sources behind it.

export interface ApplyResult {
  applied: FieldChange[];
  supported: { field: CorrelatedField; value: unknown }[];
  conflicts: FieldConflict[];
}

const stageIndex = (stage: string) => (OPEN_OPPORTUNITY_STAGES as readonly string[]).indexOf(stage);

/** The stored value of a field; a deal value of 0 counts as not known yet (deals are created with 0 when no figure is stated). */
function storedValue(deal: OpportunityRow, field: CorrelatedField, history: readonly FieldSourceRow[]): unknown {
  if (field === 'value') return deal.valueMinor === 0 ? null : { amountMinor: deal.valueMinor, currency: deal.currency };
  if (field === 'quantity' || field === 'unitPrice') return currentHistoryValue(history, HISTORY_FIELD[field]);
  return deal[field] ?? null;
}

/** Who set the stored value: a reviewer, else the strongest source that set it, else a person (dated by the deal's own edit time). */
function storedProvenance(deal: OpportunityRow, field: CorrelatedField, stored: unknown, history: readonly FieldSourceRow[], reviewer: Map<string, { id: string; createdAt: Date }>): StoredProvenance {
  const note = reviewer.get(field);
  if (note) return { kind: 'reviewer', annotationId: note.id, at: note.createdAt };
  const found = stored === null ? undefined : provenanceOfValue(history, HISTORY_FIELD[field], historyValue(field, stored as never));
  return found ?? { kind: 'manual', at: field === 'stage' ? deal.stageEnteredAt : deal.updatedAt };
}

/** Stage hints move an open deal forward; a move back needs a CRM row; closing and reopening are opportunity_set_stage's. */
function decideStage(deal: OpportunityRow, to: OpportunityStage, from: StoredProvenance, incoming: IncomingProvenance): Decision {
  if (deal.stage === to) return { action: 'same' };
  if (from.kind === 'reviewer') return decide(deal.stage, from, to, incoming, 'stage');
  if (stageIndex(deal.stage) < 0 || stageIndex(to) < 0) return { action: 'keep', why: 'closing or reopening a deal goes through opportunity_set_stage, not imports' };
  if (stageIndex(to) > stageIndex(deal.stage)) return { action: 'replace', why: 'stage hints move an open deal forward' };
  if (authorityOf(incoming.sourceKind) < 3) return { action: 'keep', why: 'only a CRM row moves a deal back a stage' };
  return decide(deal.stage, from, to, incoming, 'stage');
}

const provenanceJson = (p: StoredProvenance): FieldConflict['storedSource'] => ({
  kind: p.kind === 'source' ? p.sourceKind : p.kind,
  sourceItemId: p.kind === 'source' ? p.sourceItemId : null,
  annotationId: p.kind === 'reviewer' ? p.annotationId : null,
  at: p.at?.toISOString() ?? null,
});

export async function applyFragmentValues(ctx: CorrelationContext, deal: OpportunityRow, fragment: Fragment): Promise<ApplyResult> {
  const out: ApplyResult = { applied: [], supported: [], conflicts: [] };
  const fields = CORRELATED_FIELDS.filter((f) => fragment.values?.[f] !== undefined);
  if (fields.length === 0) return out;
  const io = ctx.io ?? liveIo(ctx.tx, ctx.scope);
  const history = await io.fieldSources(deal.id, fields.map((f) => HISTORY_FIELD[f]));
  const notes = await io.annotations(deal.id, fields);
  const reviewer = new Map(notes.map((n) => [n.field, { id: n.id, createdAt: n.createdAt }]));
  const incoming: IncomingProvenance = { sourceKind: fragment.kind, sourceItemId: fragment.sourceItemId, at: fragment.occurredAt };
  const set: Partial<NewOpportunityRow> = {};
  const by = { changedById: ctx.actor?.userId ?? null, changedAt: ctx.now, sourceItemId: fragment.sourceItemId };

  for (const field of fields) {
    const value = fragment.values![field]!.value as FieldValues[typeof field];
    const stored = storedValue(deal, field, history);
    const from = storedProvenance(deal, field, stored, history, reviewer);
    const decision = field === 'stage' ? decideStage(deal, value as OpportunityStage, from, incoming) : decide(stored, from, value, incoming, field);
    if (decision.action === 'same') {
      out.supported.push({ field, value });
      continue;
    }
    if (decision.action === 'keep' || decision.action === 'replace') {
      out.conflicts.push({
        field, stored, incoming: value, storedSource: provenanceJson(from),
        incomingSource: { kind: fragment.kind, sourceItemId: fragment.sourceItemId, at: fragment.occurredAt.toISOString() },
        winner: decision.action === 'keep' ? 'stored' : 'incoming', why: decision.why,
      });
      if (decision.action === 'keep') continue;
    }
    out.applied.push({ field, from: stored, to: value });
    if (field === 'value') Object.assign(set, { valueMinor: (value as FieldValues['value']).amountMinor, currency: (value as FieldValues['value']).currency.toUpperCase() });
    if (field === 'expectedCloseDate') set.expectedCloseDate = value as string;
    if (field === 'probability') set.probability = value as number;
    if (field === 'stage') Object.assign(set, { stage: value as OpportunityStage, stageEnteredAt: ctx.now });
  }
  if (out.applied.length === 0) return out;

  const rows = out.applied.map((c) => ({
    opportunityId: deal.id,
    field: HISTORY_FIELD[c.field],
    oldValue: c.from === null ? null : historyValue(c.field, c.from as never),
    newValue: historyValue(c.field, c.to as never),
    ...by,
  }));
  await io.writeValues(deal.id, Object.keys(set).length > 0 ? { ...set, updatedAt: ctx.now } : {}, rows, { kind: fragment.kind, at: fragment.occurredAt });
  if (set.stage) {
    await appendStageHistory(ctx.tx, {
      opportunityId: deal.id, fromStage: deal.stage, toStage: set.stage, probability: set.probability ?? deal.probability,
      valueMinor: set.valueMinor ?? deal.valueMinor, expectedCloseDate: set.expectedCloseDate ?? deal.expectedCloseDate,
      reason: `stage hint from ${fragment.kind} (source item ${fragment.sourceItemId})`, changedById: by.changedById, changedAt: ctx.now,
    });
  }
  return out;
}
