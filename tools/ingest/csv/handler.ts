import { ItemRejected, type ItemContext, type ItemHandler, type ItemOutcome, type RawItem } from '../core/index.ts';
import { upsertAccount, upsertProduct } from './catalog.ts';
import { upsertContact } from './contact.ts';
import { upsertDeal } from './deal.ts';
import { mapRow, type BoundFile, type Normalisation } from './map.ts';
import { isAdmin, upsertOwner, type Status, type Tally } from './people.ts';
import type { CsvRunState } from './state.ts';
import type { MappingOptions, Section } from './types.ts';

// One CSV row -> its records, in reference order: owner (and manager, team), product, account, contact,
// opportunity. The row's status is its primary record's (created / updated / unchanged); a row that
// cannot be mapped or written is rejected with the column and reason, and rolls back alone.
// Tallies travel in the core's per-item counts, so a rolled-back row is never counted.

export interface CsvRowPayload {
  file: BoundFile;
  fileName: string;
  record: string[];
  row: number;
}

export interface RowOutcome {
  file: string;
  row: number;
  status: Status;
  entity: Section;
  recordId: string;
  externalId: string | null;
  changed: string[];
  kept: string[];
}

/** counts keys: `entity|<name>|<status>`, `row|<file>|<status>`, `norm|<column>|<from>|<to>` */
export const countKey = {
  entity: (name: string, status: Status) => `entity|${name}|${status}`,
  row: (file: string, status: Status) => `row|${file}|${status}`,
  norm: (n: Normalisation) => `norm|${n.column}|${n.from}|${n.to}`,
};

export function csvRowHandler(state: CsvRunState, options: MappingOptions, samples: Map<number, RowOutcome>, keepSamples = 20): ItemHandler<CsvRowPayload> {
  return async (item: RawItem<CsvRowPayload>, ctx: ItemContext): Promise<ItemOutcome> => {
    const { file, record, fileName, row } = item.payload;
    const mapped = mapRow(file, record, options, state.catalog());
    if (!mapped.ok) throw new ItemRejected(mapped.issues.map((i) => `${i.column}: ${i.message}`).join('; '));
    const data = mapped.data;
    const counts: Record<string, number> = {};
    const bump = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
    const tally: Tally = { add: (entity, status) => bump(countKey.entity(entity, status)) };
    const notes = [...mapped.normalisations];
    const primary = file.mapping.primary;
    const outcome = (entity: Section, recordId: string, status: Status, extra: Partial<RowOutcome> = {}): RowOutcome => ({ file: fileName, row, status, entity, recordId, externalId: null, changed: [], kept: [], ...extra });
    let result: RowOutcome | undefined;

    const required = (section: Section, field: string, present: boolean) => {
      if (primary === section && !present) throw new ItemRejected(`${file.header[file.bound[section]?.[field] ?? -1] ?? field}: the ${section} ${field === 'fullName' ? 'name' : field} is required`);
    };
    required('owner', 'fullName', Boolean(data.owner?.fullName || data.owner?.email));
    required('product', 'name', Boolean(data.product?.name));
    // reference files (accounts, products) imported by an admin stay unowned; a rep's or manager's import is theirs
    const needsOwner = data.owner !== undefined || data.opportunity !== undefined || data.contact !== undefined;
    const owner = needsOwner ? await upsertOwner(ctx, state, tally, data.owner, options) : { userId: isAdmin(ctx) ? null : (ctx.actor?.userId ?? null), status: 'unchanged' as const };
    const recordOwner = owner.userId;
    const ownerId = (): string => {
      if (!owner.userId) throw new ItemRejected('the row names no owner');
      return owner.userId;
    };
    if (owner.userId) result = outcome('owner', owner.userId, owner.status);

    const productName = data.product?.name ?? data.opportunity?.product ?? null;
    const product = productName ? await upsertProduct(ctx, state, tally, { name: productName, family: data.product?.family ?? null, sku: data.product?.sku ?? null, listPriceMinor: data.product?.listPriceMinor ?? null }, options) : null;
    if (primary === 'product' && product) result = outcome('product', product.product.id, product.status);

    let account = null;
    if (data.account || primary === 'opportunity') {
      let name = data.account?.name ?? null;
      required('account', 'name', Boolean(name));
      if (!name) {
        // an open deal without an account yet is real: it goes under a placeholder account, as a CRM would keep it
        name = options.noAccountName;
        notes.push({ column: file.header[file.bound.account?.name ?? -1] ?? 'account', from: '', to: name });
      }
      account = await upsertAccount(ctx, state, tally, { ...(data.account ?? emptyAccount), name }, recordOwner, options);
      if (primary === 'account') result = outcome('account', account.account.id, account.status, { externalId: data.account?.externalId ?? null });
    }

    let contactId: string | null = null;
    if (data.contact && (data.contact.fullName || data.contact.email)) {
      const contact = await upsertContact(ctx, tally, data.contact, { accountId: account?.account.id ?? null, ownerId: ownerId(), system: options.system, withDeal: Boolean(data.opportunity) });
      contactId = contact.contactId;
      if (primary === 'contact' && contactId) result = outcome('contact', contactId, contact.status);
      if (primary === 'contact' && !contactId) throw new ItemRejected('the contact belongs to someone outside your scope');
    }

    if (data.opportunity && account) {
      const deal = await upsertDeal(ctx, state, tally, data.opportunity, {
        accountId: account.account.id,
        accountName: account.account.name,
        ownerId: ownerId(),
        product: product?.product ?? null,
        contactId,
        given: { account: file.bound.account?.name !== undefined, owner: Boolean(data.owner?.fullName || data.owner?.email) },
      }, options);
      notes.push(...deal.notes);
      result = outcome('opportunity', deal.dealId, deal.status, { externalId: data.opportunity.externalId, changed: deal.changed, kept: deal.kept });
    }

    if (!result) throw new ItemRejected(`the row gives no ${primary}`);
    bump(countKey.row(fileName, result.status));
    for (const n of notes) bump(countKey.norm(n));
    if (result.status !== 'unchanged' && samples.size < keepSamples) {
      samples.set(item.position, result);
      ctx.onRollback(() => samples.delete(item.position));
    }
    // a CRM row is not prose: nothing to chunk and embed
    return { embedText: '', counts };
  };
}

const emptyAccount = { name: null, externalId: null, domain: null, industry: null, employees: null, annualRevenueMinor: null, country: null, region: null, city: null };
