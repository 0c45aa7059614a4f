import { randomUUID } from 'node:crypto';
import type { Executor } from '../../../db/client.ts';
import type { AccountFields, CsvAccount, CsvUser } from '../../../db/repos/ingest-csv.ts';
import {
  bulkInsertCsvPlan,
  csvContactCandidates,
  updateCsvAccounts,
  type CsvContactCandidate,
  type NewCsvAccountRow,
  type NewCsvContactRow,
  type NewCsvDealRow,
  type NewCsvFieldRow,
  type NewCsvProductRow,
  type NewCsvUserRow,
  type NewCsvStageRow,
} from '../../../db/repos/ingest-csv-bulk.ts';
import { inScope, leadInScope } from '../../../db/repos/scope.ts';
import { ItemRejected, type BulkHandler, type PrepareContext, type Prepared, type RawItem } from '../core/index.ts';
import { changedKeys } from './catalog.ts';
import { crmTags } from './correlate.ts';
import { desired, planNewDeal, stateDealOf } from './deal.ts';
import { keyOf } from './normalise.ts';
import { countKey, csvRowHandler, type CsvRowPayload, type RowOutcome } from './handler.ts';
import { mapRow, type Mapped, type Normalisation, type RowData } from './map.ts';
import { emailFor, findUser, isAdmin, teamNameOf, type Status } from './people.ts';
import type { CsvRunState } from './state.ts';
import type { MappingOptions } from './types.ts';

// ingest_crm_csv's prepare-then-set-based-write path (the ingestion core's BulkHandler). The common row
// -- a deal new to the store, by an existing owner (or a new one an admin's import creates, with no team
// or manager), with a known or new product, under a known or new account, with a known or new contact --
// is planned in memory (ids made here, run state updated with undo) and the batch's new users, products,
// accounts, account changes, contacts and deals with their stage and field history are written in a few
// statements. Any other row (an update of a known deal: correlation, reviewer corrections; a deal adopted
// through its RFQ/PO tags; one without an external id; teams and managers; product changes; reference
// files) goes the per-row way (handler.ts) inside write(), after the planned rows. A later row of the
// batch naming anything such a row names (user, team, product, account, contact, deal: keysOf) goes the
// per-row way too, so no row misses, or is overtaken by, what an earlier row of the file writes.
// A rejection found while planning rejects that row alone; one raised on the per-row way fails the
// batch, which the core then retries one row per transaction.

type Plan =
  | { kind: 'planned' }
  | { kind: 'row'; ctx: PrepareContext; counts: Record<string, number> };

interface BatchPlan {
  /** what the batch's per-row rows may create or change (see keysOf): a later row naming any of it goes the per-row way too */
  taint: Set<string>;
  users: NewCsvUserRow[];
  products: NewCsvProductRow[];
  accounts: NewCsvAccountRow[];
  accountUpdates: Map<string, AccountFields & { externalIds?: Record<string, string> }>;
  contacts: NewCsvContactRow[];
  deals: NewCsvDealRow[];
  stages: NewCsvStageRow[];
  fields: NewCsvFieldRow[];
  /** leads read for the batch, and those planned in it (found by later rows) */
  candidates: Candidates;
  /** rows mapped by prefetch, reused by prepare while the product catalog they were read against is current */
  mapped: Map<RawItem<CsvRowPayload>, { catalog: ReadonlyMap<string, string>; mapped: Mapped }>;
}

/** the batch's contact candidates by email and by account + name, each list in candidate order (oldest first, then planned) */
class Candidates {
  readonly byEmail = new Map<string, CsvContactCandidate[]>();
  readonly byName = new Map<string, CsvContactCandidate[]>();

  add(c: CsvContactCandidate): void {
    const push = (map: Map<string, CsvContactCandidate[]>, key: string) => {
      const list = map.get(key);
      if (list) list.push(c);
      else map.set(key, [c]);
    };
    if (c.email !== null) push(this.byEmail, lower(c.email));
    if (c.accountId !== null) push(this.byName, `${c.accountId}|${lower(c.fullName)}`);
  }
}

const lower = (s: string) => s.trim().toLowerCase();
const emptyAccount = { name: null, externalId: null, domain: null, industry: null, employees: null, annualRevenueMinor: null, country: null, region: null, city: null };

export function csvBulkHandler(state: CsvRunState, options: MappingOptions, samples: Map<number, RowOutcome>, keepSamples = 20): BulkHandler<CsvRowPayload, Plan> {
  const perRow = csvRowHandler(state, options, samples, keepSamples);
  let batch = freshBatch();

  async function prefetch(items: RawItem<CsvRowPayload>[], ctx: { db: Executor }): Promise<void> {
    batch = freshBatch();
    const emails = new Set<string>();
    const names = new Set<string>();
    const accountIds = new Set<string>();
    for (const item of items) {
      const { file } = item.payload;
      const col = file.bound.contact;
      if (!col || file.mapping.primary !== 'opportunity') continue;
      const mapped = mappedOf(item);
      const c = mapped.ok ? mapped.data.contact : undefined;
      if (!c) continue;
      if (c.email) emails.add(lower(c.email));
      const fullName = c.fullName ?? (c.email ? c.email.slice(0, c.email.indexOf('@')) : null);
      if (fullName) names.add(lower(fullName));
      // accounts new to the store have no contacts yet
      const a = mapped.ok ? mapped.data.account : undefined;
      const known = (a?.externalId ? state.accountsByExternal.get(a.externalId) : undefined) ?? state.accountByName(a?.name ?? options.noAccountName);
      if (known) accountIds.add(known.id);
    }
    for (const c of await csvContactCandidates(ctx.db, [...emails], [...names], [...accountIds])) batch.candidates.add(c);
  }

  /** the row as mapRow reads it now (prefetch's reading while no product was added or changed since) */
  function mappedOf(item: RawItem<CsvRowPayload>): Mapped {
    const catalog = state.catalog();
    const cached = batch.mapped.get(item);
    if (cached && cached.catalog === catalog) return cached.mapped;
    const mapped = mapRow(item.payload.file, item.payload.record, options, catalog);
    batch.mapped.set(item, { catalog, mapped });
    return mapped;
  }

  async function prepare(item: RawItem<CsvRowPayload>, ctx: PrepareContext): Promise<Prepared<Plan>> {
    const counts: Record<string, number> = {};
    const mapped = mappedOf(item);
    const keys = mapped.ok ? keysOf(mapped.data, options) : [];
    if (!keys.some((k) => batch.taint.has(k))) {
      const planned = planRow(item, mapped, ctx, counts);
      if (planned) return { value: { kind: 'planned' }, embedText: '', counts };
    }
    for (const k of keys) batch.taint.add(k);
    return { value: { kind: 'row', ctx, counts }, embedText: '', counts };
  }

  /** plans the row, or undefined when it needs the per-row way; throws ItemRejected before changing anything */
  function planRow(item: RawItem<CsvRowPayload>, mapped: Mapped, ctx: PrepareContext, counts: Record<string, number>): true | undefined {
    const { file, fileName, row } = item.payload;
    // the per-row way would refuse it with the same reason, as its first step
    if (!mapped.ok) throw new ItemRejected(mapped.issues.map((i) => `${i.column}: ${i.message}`).join('; '));
    if (file.mapping.primary !== 'opportunity') return undefined;
    const data = mapped.data;
    const o = data.opportunity;
    if (!o || !o.externalId) return undefined;
    const notes: Normalisation[] = [...mapped.normalisations];

    // owner: an existing user (or the caller); new users, managers and teams go the per-row way
    let ownerId: string;
    let newUser: CsvUser | undefined;
    let newUserTitle: string | null = null;
    const owner = data.owner;
    if (!owner || (!owner.fullName && !owner.email)) {
      if (!ctx.actor) throw new ItemRejected('the row names no owner and the import has no caller to own it');
      ownerId = ctx.actor.userId;
    } else {
      if (teamNameOf(owner) || owner.manager) return undefined;
      const found = findUser(state, owner);
      if (!found) {
        const name = owner.fullName ?? owner.email ?? '';
        if (!isAdmin(ctx)) throw new ItemRejected(`owner "${name}" is not a user here; only an admin can create users from an import`);
        newUser = { id: randomUUID(), email: owner.email ?? emailFor(name, options.ownerEmailDomain, state), fullName: name, role: 'rep', teamId: null, managerId: null };
        newUserTitle = owner.title ?? null;
      }
      ownerId = found?.id ?? newUser!.id;
    }

    // product: a known one the row does not change
    const productName = data.product?.name ?? o.product ?? null;
    let product = productName ? state.products.get(keyOf(productName)) : null;
    let newProduct = false;
    if (productName && !product) {
      product = { id: randomUUID(), name: productName, family: data.product?.family ?? null, sku: data.product?.sku ?? null, listPriceMinor: data.product?.listPriceMinor ?? null };
      newProduct = true;
    }
    if (product && data.product && changedKeys(product, { family: data.product.family, sku: data.product.sku, listPriceMinor: data.product.listPriceMinor }).length > 0) return undefined;

    // account: known (changed where the row says something else), or new
    let name = data.account?.name ?? null;
    if (!name) {
      name = options.noAccountName;
      notes.push({ column: file.header[file.bound.account?.name ?? -1] ?? 'account', from: '', to: name });
    }
    const a = { ...(data.account ?? emptyAccount), name };
    const foundAccount = (a.externalId ? state.accountsByExternal.get(a.externalId) : undefined) ?? state.accountByName(a.name);
    const accountFields: AccountFields = { domain: a.domain, industry: a.industry, employees: a.employees, annualRevenueMinor: a.annualRevenueMinor, country: a.country, region: a.region, city: a.city };
    const accountExternal = a.externalId ? { [options.system]: a.externalId } : {};
    let account: CsvAccount;
    let accountStatus: Status = 'unchanged';
    let accountSet: (AccountFields & { externalIds?: Record<string, string> }) | undefined;
    if (foundAccount) {
      account = foundAccount;
      const keys = changedKeys(foundAccount as AccountFields, accountFields);
      const newId = a.externalId !== undefined && a.externalId !== null && foundAccount.externalIds[options.system] !== a.externalId;
      // an account owned outside the caller's scope keeps its values
      const mayChange = foundAccount.ownerId === null || inScope(ctx.scope, foundAccount.ownerId);
      if ((keys.length > 0 || newId) && mayChange) {
        const merged = { ...foundAccount.externalIds, ...accountExternal };
        accountSet = { ...Object.fromEntries(keys.map((k) => [k, accountFields[k]])), ...(newId ? { externalIds: merged } : {}) };
        account = { ...foundAccount, ...accountSet, externalIds: merged } as CsvAccount;
        accountStatus = 'updated';
      }
    } else {
      account = { id: randomUUID(), name: a.name, ownerId, externalIds: accountExternal, ...accountFields } as CsvAccount;
      accountStatus = 'created';
    }

    // contact: found by email, else by name at the account (in scope), or new
    let contactId: string | null = null;
    let newContact: NewCsvContactRow | undefined;
    const c = data.contact;
    if (c && (c.fullName || c.email)) {
      const fullName = c.fullName ?? (c.email ? c.email.slice(0, c.email.indexOf('@')) : null);
      if (fullName) {
        const found = findContact(ctx, c.email, fullName, account.id);
        if (found !== 'hidden') {
          if (found) {
            const fields = { email: c.email, phone: c.phone, title: c.title };
            if (changedKeys<typeof fields & { accountId: string | null }>(found, { ...fields, accountId: found.accountId ?? account.id }).length > 0) return undefined;
            contactId = found.id;
          } else {
            const [first, ...rest] = fullName.split(' ');
            contactId = randomUUID();
            newContact = {
              id: contactId, fullName, firstName: first ?? null, lastName: rest.length > 0 ? rest.join(' ') : null, email: c.email, phone: c.phone, title: c.title,
              accountId: account.id, ownerId, source: 'import', lifecycleStage: 'opportunity', attributes: c.externalId ? { externalIds: { [options.system]: c.externalId } } : {},
              createdAt: ctx.now, updatedAt: ctx.now,
            };
          }
        }
      }
    }

    // the deal: new to the store, with no tags that could name a deal the mail opened first
    if (!inScope(ctx.scope, ownerId)) throw new ItemRejected(`owner is outside your scope: you may import deals owned by you${ctx.scope.kind === 'owners' && ctx.scope.userIds.length > 1 ? ' or your team' : ''}`);
    if (state.hiddenDeals.has(o.externalId)) throw new ItemRejected(`opportunity ${o.externalId} exists but is owned outside your scope`);
    if (state.deals.has(o.externalId)) return undefined;
    const refs = { accountId: account.id, accountName: account.name, ownerId, product: product ?? null, contactId, given: { account: file.bound.account?.name !== undefined, owner: Boolean(owner?.fullName || owner?.email) } };
    const dealNotes: Normalisation[] = [];
    const want = desired(o, refs, options, ctx, dealNotes);
    const tags = crmTags(want.name, o.nextStep);
    if (tags.length > 0) return undefined;
    const deal = planNewDeal(ctx, o, refs, options, want, tags);
    notes.push(...dealNotes);

    // from here on: the plan, with its undo
    const bump = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
    if (newUser) {
      batch.users.push({ id: newUser.id, email: newUser.email, fullName: newUser.fullName, role: newUser.role, teamId: null, managerId: null, title: newUserTitle, createdAt: ctx.now });
      state.putUser(newUser, ctx);
      bump(countKey.entity('users', 'created'));
    }
    if (newProduct && product) {
      batch.products.push({ ...product, currency: options.currency, createdAt: ctx.now });
      state.putProduct(product, ctx);
      bump(countKey.entity('products', 'created'));
    }
    if (accountStatus === 'created') {
      const { id, ...rest } = account;
      batch.accounts.push({ id, ...rest, currency: options.currency, createdAt: ctx.now, updatedAt: ctx.now } as NewCsvAccountRow);
      bump(countKey.entity('accounts', 'created'));
    } else if (accountStatus === 'updated' && accountSet) {
      const planned = batch.accounts.find((x) => x.id === account.id);
      if (planned) Object.assign(planned, accountSet);
      else batch.accountUpdates.set(account.id, { ...batch.accountUpdates.get(account.id), ...accountSet });
      bump(countKey.entity('accounts', 'updated'));
    }
    if (accountStatus !== 'unchanged') state.putAccount(account, true, ctx);
    if (newContact) {
      batch.contacts.push(newContact);
      batch.candidates.add({ id: newContact.id, fullName: newContact.fullName, email: newContact.email ?? null, phone: newContact.phone ?? null, title: newContact.title ?? null, accountId: account.id, ownerId, createdAt: ctx.now });
      bump(countKey.entity('contacts', 'created'));
    }
    const dealId = randomUUID();
    const changedById = ctx.actor?.userId ?? null;
    batch.deals.push({ id: dealId, ...deal.values });
    for (const s of deal.steps) batch.stages.push({ opportunityId: dealId, fromStage: s.from, toStage: s.to, probability: deal.values.probability ?? null, valueMinor: deal.values.valueMinor, expectedCloseDate: deal.values.expectedCloseDate ?? null, reason: 'CRM import', changedById, changedAt: s.at });
    for (const f of deal.fields) batch.fields.push({ opportunityId: dealId, field: f.field, oldValue: null, newValue: f.value, changedById, sourceItemId: ctx.sourceItemId, changedAt: ctx.now });
    state.putDeal(stateDealOf(dealId, o.externalId, deal.values), ctx);
    bump(countKey.entity('opportunities', 'created'));
    bump(countKey.row(fileName, 'created'));
    for (const n of notes) bump(countKey.norm(n));
    if (samples.size < keepSamples) {
      samples.set(item.position, { file: fileName, row, status: 'created', entity: 'opportunity', recordId: dealId, externalId: o.externalId, changed: [], kept: [] });
      ctx.onRollback(() => samples.delete(item.position));
    }
    return true;
  }

  /** the contact the row names, as findCsvContact would find it (planned contacts of the batch included) */
  function findContact(ctx: PrepareContext, email: string | null, fullName: string, accountId: string): CsvContactCandidate | 'hidden' | undefined {
    if (email) {
      const withEmail = batch.candidates.byEmail.get(lower(email)) ?? [];
      const mine = withEmail.find((x) => leadInScope(ctx.scope, x));
      if (mine) return mine;
      if (ctx.scope.kind !== 'all' && withEmail.length > 0) return 'hidden';
    }
    return (batch.candidates.byName.get(`${accountId}|${lower(fullName)}`) ?? []).find((x) => leadInScope(ctx.scope, x));
  }

  async function write(tx: Executor, items: { item: RawItem<CsvRowPayload>; sourceItemId: string; value: Plan }[], ctx: { now: Date }): Promise<void> {
    const plan = batch;
    await bulkInsertCsvPlan(tx, plan);
    await updateCsvAccounts(tx, plan.accountUpdates, ctx.now);
    // the rows that need the per-row way, in file order, after what the planned rows created
    for (const { item, value } of items) {
      if (value.kind !== 'row') continue;
      const outcome = await perRow(item, { ...value.ctx, tx });
      for (const [key, n] of Object.entries(outcome?.counts ?? {})) value.counts[key] = (value.counts[key] ?? 0) + n;
    }
  }

  return { prefetch, prepare, write };
}

/** the records a row names (users, team, product, account, contact, deal), as keys */
function keysOf(data: RowData, options: MappingOptions): string[] {
  const keys: string[] = [];
  const add = (kind: string, value: string | null | undefined) => {
    if (value) keys.push(`${kind}:${lower(value)}`);
  };
  const o = data.owner;
  if (o) {
    add('user', o.fullName);
    add('user', o.email);
    add('user', o.manager);
    add('team', teamNameOf(o));
  }
  const product = data.product?.name ?? data.opportunity?.product;
  if (product) keys.push(`product:${keyOf(product)}`);
  add('account', data.account?.name ?? (data.opportunity ? options.noAccountName : null));
  add('account-id', data.account?.externalId);
  add('contact', data.contact?.email);
  add('contact-name', data.contact?.fullName ?? data.contact?.email?.split('@')[0]);
  add('deal', data.opportunity?.externalId);
  add('deal-name', data.opportunity?.name);
  return keys;
}

function freshBatch(): BatchPlan {
  return { taint: new Set(), users: [], products: [], accounts: [], accountUpdates: new Map(), contacts: [], deals: [], stages: [], fields: [], candidates: new Candidates(), mapped: new Map() };
}
