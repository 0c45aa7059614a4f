import { findCsvContact, insertCsvContact, updateCsvContact } from '../../../db/repos/ingest-csv-deals.ts';
import type { ItemContext } from '../core/index.ts';
import type { RowData } from './map.ts';
import type { Status, Tally } from './people.ts';
import { changedKeys } from './catalog.ts';

// The contact a row names (an Opportunity export's primary contact): found by email, else by name at
// the account, in the caller's scope; created as a lead when new. A contact only someone outside the
// caller's scope has is left alone and not linked.

export async function upsertContact(
  ctx: ItemContext,
  tally: Tally,
  c: NonNullable<RowData['contact']>,
  links: { accountId: string | null; ownerId: string; system: string; withDeal: boolean },
): Promise<{ contactId: string | null; status: Status }> {
  const fullName = c.fullName ?? (c.email ? c.email.slice(0, c.email.indexOf('@')) : null);
  if (!fullName) return { contactId: null, status: 'unchanged' };
  const found = await findCsvContact(ctx.tx, ctx.scope, { email: c.email, fullName, accountId: links.accountId });
  if (found === 'hidden') return { contactId: null, status: 'unchanged' };
  const fields = { email: c.email, phone: c.phone, title: c.title };
  if (found) {
    const keys = changedKeys<typeof fields & { accountId: string | null }>(found, { ...fields, accountId: found.accountId ?? links.accountId });
    if (keys.length === 0) return { contactId: found.id, status: 'unchanged' };
    const set = Object.fromEntries(keys.map((k) => [k, k === 'accountId' ? links.accountId : fields[k as keyof typeof fields]]));
    await updateCsvContact(ctx.tx, ctx.scope, found.id, { ...set, updatedAt: ctx.now }, { byUserId: ctx.actor?.userId ?? null, sourceItemId: ctx.sourceItemId ?? null });
    tally.add('contacts', 'updated');
    return { contactId: found.id, status: 'updated' };
  }
  const [first, ...rest] = fullName.split(' ');
  const id = await insertCsvContact(ctx.tx, {
    fullName,
    firstName: first ?? null,
    lastName: rest.length > 0 ? rest.join(' ') : null,
    ...fields,
    accountId: links.accountId,
    ownerId: links.ownerId,
    source: 'import',
    lifecycleStage: links.withDeal ? 'opportunity' : 'new',
    attributes: c.externalId ? { externalIds: { [links.system]: c.externalId } } : {},
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  tally.add('contacts', 'created');
  return { contactId: id, status: 'created' };
}
