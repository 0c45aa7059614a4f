import type { Executor } from '../../../db/client.ts';
import { batchDealKeys, insertDealContacts, linkInteractionsToDeals, recordSourceItemCorrelations } from '../../../db/repos/correlation-batch.ts';
import type { DealKeyRow } from '../../../db/repos/correlation.ts';
import type { FieldSourceRow } from '../../../db/repos/correlation-fields.ts';
import type { AnnotationRow } from '../../../db/repos/feedback.ts';
import { appendFieldHistory, updateOpportunity, type NewFieldHistoryRow, type NewOpportunityRow, type OpportunityRow } from '../../../db/repos/opportunities.ts';
import type { Scope } from '../../../db/repos/scope.ts';
import { liveIo, type CorrelationIo } from './io.ts';
import { fragmentKeys } from './match.ts';
import { HISTORY_FIELD } from './precedence.ts';
import { CORRELATED_FIELDS } from './types.ts';
import type { Fragment } from './types.ts';

// Correlation for one bulk batch (a few hundred emails in one transaction). Every lookup a message needs
// most often (deals of its thread, of its people, at its account) is read for the whole batch in three
// statements and answered from memory; each merge or new deal updates that memory, so a later message in
// the same batch sees it exactly as the database would. Deal tags and names (rare) still go to the
// database, inside the same transaction. Outcomes, interaction links and new contacts are written once,
// in flush(), which the handler calls before its write() returns. The rows, field histories and reviewer
// corrections of the deals merged into are read once per batch too, and kept current as values are applied
// (a mailbox often holds many messages about one deal).
//
// The answers are the live lookups' (io.ts), with one difference: the live account lookup stops at 25 open
// deals, this one weighs every open deal at the account.

const key = (dealId: string, leadId: string) => `${dealId}|${leadId}`;

function add(map: Map<string, Set<string>>, k: string, dealId: string): void {
  const set = map.get(k) ?? new Set<string>();
  set.add(dealId);
  map.set(k, set);
}

export class BatchCorrelation implements CorrelationIo {
  private readonly deals = new Map<string, DealKeyRow>();
  private readonly threads = new Map<string, Set<string>>();
  /** lead -> deals where it is a contact (listed or primary) */
  private readonly contacts = new Map<string, Set<string>>();
  /** deal|lead pairs in opportunity_contacts (complete for the batch's leads) */
  private readonly listed = new Set<string>();
  private readonly accounts = new Map<string, Set<string>>();
  private readonly records: { sourceItemId: string; correlation: Record<string, unknown> }[] = [];
  private readonly links: { interactionId: string; dealId: string }[] = [];
  private readonly newContacts: { dealId: string; leadId: string; role: string }[] = [];
  private readonly live: CorrelationIo;
  private readonly rows = new Map<string, OpportunityRow | undefined>();
  private readonly histories = new Map<string, FieldSourceRow[]>();
  private readonly notes = new Map<string, AnnotationRow[]>();
  private readonly dealSets = new Map<string, Partial<NewOpportunityRow>>();
  private readonly historyRows: NewFieldHistoryRow[] = [];
  /** a retry of pending items (recorrelate.ts) leaves an unchanged answer unwritten */
  unchanged: ((sourceItemId: string, correlation: Record<string, unknown>) => boolean) | undefined;

  private constructor(private readonly tx: Executor, private readonly scope: Scope, private readonly fresh: ReadonlySet<string>) {
    this.live = liveIo(tx, scope);
  }

  /** Reads what the fragments' threads, people and accounts point at; the fragments' source items are new. */
  static async load(tx: Executor, scope: Scope, fragments: readonly Fragment[]): Promise<BatchCorrelation> {
    const batch = new BatchCorrelation(tx, scope, new Set(fragments.map((f) => f.sourceItemId)));
    const all = fragments.map(fragmentKeys);
    const found = await batchDealKeys(tx, scope, {
      threadKeys: [...new Set(all.flatMap((k) => (k.threadKey ? [k.threadKey] : [])))],
      leadIds: [...new Set(all.flatMap((k) => k.leadIds))],
      accountIds: [...new Set(all.flatMap((k) => (k.accountId ? [k.accountId] : [])))],
    });
    for (const deal of found.deals) {
      batch.deals.set(deal.id, deal);
      if (deal.open) add(batch.accounts, deal.accountId, deal.id);
    }
    for (const t of found.threads) add(batch.threads, t.threadKey, t.dealId);
    for (const c of found.contacts) {
      add(batch.contacts, c.leadId, c.dealId);
      if (c.listed) batch.listed.add(key(c.dealId, c.leadId));
    }
    return batch;
  }

  private visible(ids: Iterable<string> | undefined, openOnly: boolean): DealKeyRow[] {
    return [...(ids ?? [])].flatMap((id) => {
      const deal = this.deals.get(id);
      return deal && (!openOnly || deal.open) ? [deal] : [];
    });
  }

  async previous(sourceItemId: string) {
    return this.fresh.has(sourceItemId) ? undefined : this.live.previous(sourceItemId);
  }

  async record(sourceItemId: string, correlation: Record<string, unknown>) {
    if (this.unchanged?.(sourceItemId, correlation)) return;
    this.records.push({ sourceItemId, correlation });
  }

  byKeys(tagKeys: readonly string[], systemIds: Readonly<Record<string, string>>) {
    return this.live.byKeys(tagKeys, systemIds);
  }

  byName(name: string, accountId: string | null) {
    return this.live.byName(name, accountId);
  }

  async ofThread(threadKey: string) {
    return this.visible(this.threads.get(threadKey), false);
  }

  async ofContacts(leadIds: readonly string[]) {
    const shared = new Map<string, number>();
    for (const lead of new Set(leadIds)) for (const deal of this.visible(this.contacts.get(lead), true)) shared.set(deal.id, (shared.get(deal.id) ?? 0) + 1);
    return [...shared].map(([id, n]) => ({ ...this.deals.get(id)!, shared: n })).sort((a, b) => b.shared - a.shared || a.id.localeCompare(b.id));
  }

  async atAccount(accountId: string) {
    return this.visible(this.accounts.get(accountId), true);
  }

  async addContacts(dealId: string, leadIds: readonly string[], role: string) {
    for (const leadId of new Set(leadIds)) {
      if (this.listed.has(key(dealId, leadId))) continue;
      this.listed.add(key(dealId, leadId));
      this.newContacts.push({ dealId, leadId, role });
    }
  }

  async linkInteractions(dealId: string, interactionIds: readonly string[]) {
    for (const interactionId of interactionIds) this.links.push({ interactionId, dealId });
  }

  async deal(id: string) {
    if (!this.rows.has(id)) this.rows.set(id, await this.live.deal(id));
    return this.rows.get(id);
  }

  /** every correlated field's history is read at once (capped at 500 rows like the live read, over all fields) */
  async fieldSources(dealId: string, fields: readonly string[]) {
    if (!this.histories.has(dealId)) this.histories.set(dealId, await this.live.fieldSources(dealId, CORRELATED_FIELDS.map((f) => HISTORY_FIELD[f])));
    return this.histories.get(dealId)!.filter((r) => fields.includes(r.field));
  }

  // feedback_annotate is another tool call: nothing in an import changes annotations
  async annotations(dealId: string, fields: readonly string[]) {
    if (!this.notes.has(dealId)) this.notes.set(dealId, await this.live.annotations(dealId, [...CORRELATED_FIELDS]));
    return this.notes.get(dealId)!.filter((n) => fields.includes(n.field));
  }

  // applied values are kept here (the row and history the next message is weighed against) and written in flush()
  async writeValues(dealId: string, set: Partial<NewOpportunityRow>, rows: NewFieldHistoryRow[], source: { kind: string; at: Date }) {
    const row = this.rows.get(dealId);
    if (row) this.rows.set(dealId, { ...row, ...set } as OpportunityRow);
    const history = this.histories.get(dealId);
    const read: FieldSourceRow[] = rows.map((r) => ({ field: r.field, oldValue: r.oldValue, newValue: r.newValue, changedAt: r.changedAt, changedById: r.changedById ?? null, sourceItemId: r.sourceItemId ?? null, sourceKind: source.kind, sourceAt: source.at }));
    if (history) this.histories.set(dealId, [...read, ...history]);
    if (Object.keys(set).length > 0) this.dealSets.set(dealId, { ...this.dealSets.get(dealId), ...set });
    this.historyRows.push(...rows);
  }

  linked(deal: DealKeyRow, link: { keys: Readonly<Record<string, string>>; leadIds: readonly string[]; threadKey: string | null; created: boolean }): void {
    const before = this.deals.get(deal.id);
    // keys a deal already has keep their values (as addDealKeys writes them)
    const externalIds = { ...link.keys, ...(before?.externalIds ?? {}), ...deal.externalIds };
    this.deals.set(deal.id, { ...deal, externalIds });
    const row = this.rows.get(deal.id);
    if (row) this.rows.set(deal.id, { ...row, externalIds: { ...link.keys, ...(row.externalIds as Record<string, string>) } });
    if (link.threadKey) add(this.threads, link.threadKey, deal.id);
    for (const lead of link.leadIds) add(this.contacts, lead, deal.id);
    if (link.created && deal.open) add(this.accounts, deal.accountId, deal.id);
  }

  /** Writes the batch's deal values (one update per deal touched), their history, contacts, interaction links and outcomes. */
  async flush(): Promise<void> {
    for (const [dealId, set] of this.dealSets) {
      if (!(await updateOpportunity(this.tx, this.scope, dealId, set))) throw new Error(`correlation lost sight of deal ${dealId} inside its own transaction`);
    }
    this.dealSets.clear();
    const rows = this.historyRows.splice(0);
    for (let i = 0; i < rows.length; i += 2000) await appendFieldHistory(this.tx, rows.slice(i, i + 2000));
    await insertDealContacts(this.tx, this.newContacts.splice(0));
    await linkInteractionsToDeals(this.tx, this.links.splice(0));
    await recordSourceItemCorrelations(this.tx, this.records.splice(0));
  }
}
