import { insertCsvAccount, insertCsvProduct, updateCsvAccount, updateCsvProduct, type AccountFields, type CsvAccount, type CsvProduct } from '../../../db/repos/ingest-csv.ts';
import type { ItemContext } from '../core/index.ts';
import type { RowData } from './map.ts';
import { keyOf } from './normalise.ts';
import type { Status, Tally } from './people.ts';
import type { CsvRunState } from './state.ts';
import type { MappingOptions } from './types.ts';

// Products and accounts named by a row: found by canonical product name, by account external id or
// name; created when new; updated with the values the row gives when they differ (a blank cell never
// erases a stored value).

/** the keys of `next` whose value is given (not null) and differs from `current` */
export function changedKeys<T extends object>(current: T, next: Partial<T>): (keyof T)[] {
  return (Object.keys(next) as (keyof T)[]).filter((k) => next[k] !== null && next[k] !== undefined && next[k] !== current[k]);
}

export async function upsertProduct(
  ctx: ItemContext,
  state: CsvRunState,
  tally: Tally,
  p: NonNullable<RowData['product']> & { name: string },
  options: MappingOptions,
): Promise<{ product: CsvProduct; status: Status }> {
  const found = state.products.get(keyOf(p.name));
  const values = { family: p.family, sku: p.sku, listPriceMinor: p.listPriceMinor };
  if (found) {
    const keys = changedKeys<typeof values>(found, values);
    if (keys.length === 0) return { product: found, status: 'unchanged' };
    const set = Object.fromEntries(keys.map((k) => [k, values[k]]));
    await updateCsvProduct(ctx.tx, found.id, set);
    const product = { ...found, ...set };
    state.putProduct(product, ctx);
    tally.add('products', 'updated');
    return { product, status: 'updated' };
  }
  const id = await insertCsvProduct(ctx.tx, { name: p.name, ...values, currency: options.currency, at: ctx.now });
  const product: CsvProduct = { id, name: p.name, ...values };
  state.putProduct(product, ctx);
  tally.add('products', 'created');
  return { product, status: 'created' };
}

export async function upsertAccount(
  ctx: ItemContext,
  state: CsvRunState,
  tally: Tally,
  a: NonNullable<RowData['account']> & { name: string },
  ownerId: string | null,
  options: MappingOptions,
): Promise<{ account: CsvAccount; status: Status }> {
  const found = (a.externalId ? state.accountsByExternal.get(a.externalId) : undefined) ?? state.accountByName(a.name);
  const fields: AccountFields = { domain: a.domain, industry: a.industry, employees: a.employees, annualRevenueMinor: a.annualRevenueMinor, country: a.country, region: a.region, city: a.city };
  const externalIds = a.externalId ? { [options.system]: a.externalId } : {};
  if (found) {
    const keys = changedKeys(found as AccountFields, fields);
    const newId = a.externalId !== undefined && a.externalId !== null && found.externalIds[options.system] !== a.externalId;
    if (keys.length === 0 && !newId) return { account: found, status: 'unchanged' };
    const set: AccountFields = Object.fromEntries(keys.map((k) => [k, fields[k]]));
    const merged = { ...found.externalIds, ...externalIds };
    // an account owned outside the caller's scope keeps its values
    if (!(await updateCsvAccount(ctx.tx, ctx.scope, found.id, { ...set, ...(newId ? { externalIds: merged } : {}), at: ctx.now }))) return { account: found, status: 'unchanged' };
    const account = { ...found, ...set, externalIds: merged };
    state.putAccount(account, true, ctx);
    tally.add('accounts', 'updated');
    return { account, status: 'updated' };
  }
  const id = await insertCsvAccount(ctx.tx, { name: a.name, ...fields, ownerId, externalIds, currency: options.currency, at: ctx.now });
  const account: CsvAccount = { id, name: a.name, ownerId, externalIds, ...fields } as CsvAccount;
  state.putAccount(account, true, ctx);
  tally.add('accounts', 'created');
  return { account, status: 'created' };
}
