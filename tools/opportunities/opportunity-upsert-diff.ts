import type { NewFieldHistoryRow, NewOpportunityRow, OpportunityRow } from '../../db/repos/opportunities.ts';

// What an opportunity_upsert changes on an existing deal: each requested field compared with the stored
// one; only real differences are written, and value / probability / close date also go to field history
// (named by their columns, as the seed and ingestion name them).

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The fields opportunity_upsert can set, already resolved to ids and normalised. */
export type DealPatch = Partial<
  Pick<
    NewOpportunityRow,
    | 'name'
    | 'accountId'
    | 'ownerId'
    | 'productId'
    | 'primaryContactId'
    | 'valueMinor'
    | 'currency'
    | 'probability'
    | 'expectedCloseDate'
    | 'discountPct'
    | 'competitors'
    | 'decisionCriteria'
    | 'nextSteps'
    | 'source'
    | 'forecastCategory'
  >
>;

const HISTORY_FIELDS: Partial<Record<keyof DealPatch, string>> = {
  valueMinor: 'value_minor',
  probability: 'probability',
  expectedCloseDate: 'expected_close_date',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffDeal(current: OpportunityRow, patch: DealPatch): { set: DealPatch; changes: FieldChange[] } {
  const set: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  for (const [key, value] of Object.entries(patch) as [keyof DealPatch, unknown][]) {
    if (value === undefined) continue;
    const before = current[key];
    if (same(before, value)) continue;
    set[key] = value;
    changes.push({ field: key, from: before ?? null, to: value ?? null });
  }
  return { set: set as DealPatch, changes };
}

export function fieldHistoryRows(
  opportunityId: string,
  changes: readonly FieldChange[],
  by: { userId: string; at: Date },
): NewFieldHistoryRow[] {
  return changes.flatMap((c) => {
    const field = HISTORY_FIELDS[c.field as keyof DealPatch];
    return field
      ? [{ opportunityId, field, oldValue: c.from, newValue: c.to, changedById: by.userId, changedAt: by.at }]
      : [];
  });
}
