import type { CorrelatedField, FieldValues, Money, QuantityValue } from './types.ts';

// Which value a deal field keeps when two sources disagree. In order:
//   1. a reviewer's correction (feedback_annotate, not superseded) always stays;
//   2. the more authoritative source wins: a CRM row or a person editing the deal (3) > an email or
//      webhook (2) > a transcript, document or note (1);
//   3. between equals, the more recent source wins (judged by when the source happened, not when it was
//      imported, so importing out of order ends in the same value);
//   4. same authority and time: the stored value stays (the first import).
// Negotiated terms (quantity, unit price) skip step 2: what either party said last is on the table, an
// email's 250 units give way to a later call's 300 (the earlier value stays in the field history and the
// conflict is recorded). The CRM keeps precedence for the fields it owns (value, close date, stage...).
// Filling an empty field is not a conflict; a value equal to the stored one only adds a backlink.

export type StoredProvenance =
  | { kind: 'reviewer'; annotationId: string; at: Date }
  | { kind: 'source'; sourceKind: string; sourceItemId: string; at: Date | null }
  | { kind: 'manual'; at: Date | null };

export interface IncomingProvenance {
  sourceKind: string;
  sourceItemId: string;
  at: Date;
}

const AUTHORITY: Record<string, number> = { crm_csv_row: 3, manual: 3, email: 2, webhook: 2, transcript: 1, document: 1, note: 1 };
const LABEL: Record<string, string> = {
  crm_csv_row: 'a CRM row',
  manual: 'a person editing the deal',
  email: 'an email',
  webhook: 'a webhook',
  transcript: 'a transcript',
  document: 'a document',
  note: 'a note',
};

export const authorityOf = (kind: string) => AUTHORITY[kind] ?? 1;
const labelOf = (kind: string) => LABEL[kind] ?? kind;

export type Decision =
  | { action: 'fill' }
  | { action: 'same' }
  | { action: 'replace'; why: string }
  | { action: 'keep'; why: string };

/** terms either party restates in a negotiation: the latest statement wins, whoever made it */
const NEGOTIATED: ReadonlySet<CorrelatedField> = new Set(['quantity', 'unitPrice']);

const day = (at: Date | null) => (at ? at.toISOString().slice(0, 10) : 'an unknown date');

export function decide(stored: unknown, storedFrom: StoredProvenance | undefined, incoming: unknown, incomingFrom: IncomingProvenance, field: CorrelatedField): Decision {
  if (stored === null || stored === undefined) return { action: 'fill' };
  if (sameValue(field, stored, incoming)) return { action: 'same' };
  const from = storedFrom ?? { kind: 'manual' as const, at: null };
  if (from.kind === 'reviewer') return { action: 'keep', why: `a reviewer set ${field} on ${day(from.at)} (feedback annotation ${from.annotationId}); imports do not override it` };
  const storedKind = from.kind === 'manual' ? 'manual' : from.sourceKind;
  const [a, b] = NEGOTIATED.has(field) ? [0, 0] : [authorityOf(incomingFrom.sourceKind), authorityOf(storedKind)];
  if (a > b) return { action: 'replace', why: `${labelOf(incomingFrom.sourceKind)} outranks ${labelOf(storedKind)}` };
  if (a < b) return { action: 'keep', why: `${labelOf(storedKind)} outranks ${labelOf(incomingFrom.sourceKind)}` };
  const storedAt = from.at?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (incomingFrom.at.getTime() > storedAt) return { action: 'replace', why: `same authority; the incoming source (${day(incomingFrom.at)}) is more recent than the stored one (${day(from.at)})` };
  if (incomingFrom.at.getTime() < storedAt) return { action: 'keep', why: `same authority; the stored source (${day(from.at)}) is more recent than the incoming one (${day(incomingFrom.at)})` };
  return { action: 'keep', why: 'same authority and date; the value imported first stays' };
}

export function sameValue(field: CorrelatedField, a: unknown, b: unknown): boolean {
  if (field === 'value' || field === 'unitPrice') {
    const [x, y] = [a as Money, b as Money];
    return x.amountMinor === y.amountMinor && x.currency.toUpperCase() === y.currency.toUpperCase();
  }
  if (field === 'quantity') {
    const [x, y] = [a as QuantityValue, b as QuantityValue];
    return x.value === y.value && x.unit === y.unit;
  }
  return a === b;
}

/** Field history names (the columns', as opportunity_upsert and the seed write them). */
export const HISTORY_FIELD: Record<CorrelatedField, string> = {
  value: 'value_minor',
  expectedCloseDate: 'expected_close_date',
  probability: 'probability',
  quantity: 'quantity',
  unitPrice: 'unit_price',
  stage: 'stage',
};

/** What a field history row stores for a value (value_minor keeps the bare amount, as elsewhere). */
export function historyValue<F extends CorrelatedField>(field: F, value: FieldValues[F]): unknown {
  return field === 'value' ? (value as Money).amountMinor : value;
}
