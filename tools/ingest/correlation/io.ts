import type { Executor } from '../../../db/client.ts';
import {
  addDealContacts,
  dealsByKeys,
  dealsByName,
  dealsOfThread,
  linkInteractionsToDeal,
  openDealsAtAccount,
  openDealsOfContacts,
  recordSourceItemCorrelation,
  sourceItemCorrelation,
  type DealKeyRow,
} from '../../../db/repos/correlation.ts';
import { fieldSourceRows, type FieldSourceRow } from '../../../db/repos/correlation-fields.ts';
import { activeAnnotations, type AnnotationRow } from '../../../db/repos/feedback.ts';
import { appendFieldHistory, getOpportunityRow, updateOpportunity, type NewFieldHistoryRow, type NewOpportunityRow, type OpportunityRow } from '../../../db/repos/opportunities.ts';
import type { Scope } from '../../../db/repos/scope.ts';

// Where correlation looks deals up and writes its links and records. The live implementation asks the
// database each time (one item per transaction: transcripts, CRM rows); a bulk import passes a
// BatchCorrelation (batch.ts), which reads a batch's threads, people and accounts once, answers from
// memory, and writes its records in one statement per batch.

export interface CorrelationIo {
  /** what correlation recorded on this source item before, if anything */
  previous(sourceItemId: string): Promise<Record<string, unknown> | undefined>;
  record(sourceItemId: string, correlation: Record<string, unknown>): Promise<void>;
  byKeys(tagKeys: readonly string[], systemIds: Readonly<Record<string, string>>): Promise<{ visible: DealKeyRow[]; hiddenExists: boolean }>;
  ofThread(threadKey: string, exceptSourceItemId: string): Promise<DealKeyRow[]>;
  byName(name: string, accountId: string | null): Promise<DealKeyRow[]>;
  ofContacts(leadIds: readonly string[]): Promise<(DealKeyRow & { shared: number })[]>;
  atAccount(accountId: string): Promise<DealKeyRow[]>;
  addContacts(dealId: string, leadIds: readonly string[], role: string): Promise<void>;
  linkInteractions(dealId: string, interactionIds: readonly string[]): Promise<void>;
  /** the deal's whole row, inside the scope */
  deal(id: string): Promise<OpportunityRow | undefined>;
  /** the deal's field history rows for these field names, newest first, with their sources */
  fieldSources(dealId: string, fields: readonly string[]): Promise<FieldSourceRow[]>;
  /** reviewer corrections in force on these fields of the deal */
  annotations(dealId: string, fields: readonly string[]): Promise<AnnotationRow[]>;
  /** writes applied values: the deal's columns (set may be empty) and their field history rows, which name `source` */
  writeValues(dealId: string, set: Partial<NewOpportunityRow>, rows: NewFieldHistoryRow[], source: { kind: string; at: Date }): Promise<void>;
  /** a fragment was merged into (or opened) `deal`: the keys, people and thread it brought now point there */
  linked(deal: DealKeyRow, link: { keys: Readonly<Record<string, string>>; leadIds: readonly string[]; threadKey: string | null; created: boolean }): void;
}

export function liveIo(tx: Executor, scope: Scope): CorrelationIo {
  return {
    previous: (id) => sourceItemCorrelation(tx, id),
    record: (id, correlation) => recordSourceItemCorrelation(tx, id, correlation),
    byKeys: (tagKeys, systemIds) => dealsByKeys(tx, scope, tagKeys, systemIds),
    ofThread: (threadKey, except) => dealsOfThread(tx, scope, threadKey, except),
    byName: (name, accountId) => dealsByName(tx, scope, name, accountId),
    ofContacts: (leadIds) => openDealsOfContacts(tx, scope, leadIds),
    atAccount: (accountId) => openDealsAtAccount(tx, scope, accountId),
    addContacts: async (dealId, leadIds, role) => {
      await addDealContacts(tx, dealId, leadIds, role);
    },
    linkInteractions: async (dealId, ids) => {
      await linkInteractionsToDeal(tx, dealId, ids);
    },
    deal: (id) => getOpportunityRow(tx, scope, id),
    fieldSources: (dealId, fields) => fieldSourceRows(tx, dealId, fields),
    annotations: (dealId, fields) => activeAnnotations(tx, 'opportunity', dealId, fields),
    writeValues: async (dealId, set, rows) => {
      if (Object.keys(set).length > 0 && !(await updateOpportunity(tx, scope, dealId, set))) throw new Error(`correlation lost sight of deal ${dealId} inside its own transaction`);
      await appendFieldHistory(tx, rows);
    },
    // nothing cached: the next lookup reads what was written
    linked: () => undefined,
  };
}

const CLOSED = new Set(['closed_won', 'closed_lost']);

/** A deal as the lookups return it, from the full row. */
export const keyRowOf = (deal: Pick<OpportunityRow, 'id' | 'name' | 'accountId' | 'ownerId' | 'stage' | 'externalIds'>): DealKeyRow => ({
  id: deal.id,
  name: deal.name,
  accountId: deal.accountId,
  ownerId: deal.ownerId,
  stage: deal.stage,
  externalIds: { ...(deal.externalIds as Record<string, string>) },
  open: !CLOSED.has(deal.stage),
});
