import { and, eq, inArray, isNull, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { accounts, interactions, opportunities, opportunityContacts, sourceItems } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

// The lookups and links behind correlation: which deals a fragment's keys point at (inside the caller's
// scope), and the writes that attach a fragment to a deal. Deal keys live in opportunities.external_ids:
// "tag:RFQ-1234" for identifiers read from text, and the systems' own ids ("crm:maven") as given.
// A fragment's link to its deal is kept on its source item, metadata.correlation.

export interface DealKeyRow {
  id: string;
  name: string;
  accountId: string;
  ownerId: string;
  stage: string;
  externalIds: Record<string, string>;
  open: boolean;
}

const CLOSED = ['closed_won', 'closed_lost'] as const;
export const dealColumns = {
  id: opportunities.id,
  name: opportunities.name,
  accountId: opportunities.accountId,
  ownerId: opportunities.ownerId,
  stage: opportunities.stage,
  externalIds: opportunities.externalIds,
  open: sql<boolean>`${opportunities.stage} not in ('closed_won', 'closed_lost')`,
};
const CAP = 25;

const keyCondition = (tagKeys: readonly string[], systemIds: Readonly<Record<string, string>>): SQL | undefined => {
  const parts: SQL[] = [];
  // the ?| operator (not its function form jsonb_exists_any) is what the GIN index on external_ids serves
  if (tagKeys.length > 0) parts.push(sql`${opportunities.externalIds} ?| ${`{${tagKeys.map((k) => `"${k.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`}::text[]`);
  for (const [system, id] of Object.entries(systemIds)) parts.push(sql`${opportunities.externalIds} @> ${JSON.stringify({ [system]: id })}::jsonb`);
  return parts.length === 0 ? undefined : or(...parts);
};

/** Deals carrying any of these tag keys or system ids: the visible ones, and whether others exist outside scope. */
export async function dealsByKeys(
  ex: Executor,
  scope: Scope,
  tagKeys: readonly string[],
  systemIds: Readonly<Record<string, string>>,
): Promise<{ visible: DealKeyRow[]; hiddenExists: boolean }> {
  const condition = keyCondition(tagKeys, systemIds);
  if (!condition) return { visible: [], hiddenExists: false };
  const visible = await ex.select(dealColumns).from(opportunities).where(where(condition, ownedBy(scope, opportunities.ownerId))).limit(CAP);
  if (visible.length > 0 || scope.kind === 'all') return { visible, hiddenExists: false };
  const [hidden] = await ex.select({ id: opportunities.id }).from(opportunities).where(condition).limit(1);
  return { visible, hiddenExists: hidden !== undefined };
}

/** Deals other fragments of this thread were merged into (visible ones only). */
export async function dealsOfThread(ex: Executor, scope: Scope, threadKey: string, exceptSourceItemId: string): Promise<DealKeyRow[]> {
  const linked = sql`(${sourceItems.metadata} -> 'correlation' ->> 'opportunityId')::uuid`;
  const ids = ex
    .selectDistinct({ id: linked })
    .from(sourceItems)
    .where(and(eq(sourceItems.threadKey, threadKey), ne(sourceItems.id, exceptSourceItemId), sql`${sourceItems.metadata} -> 'correlation' ->> 'opportunityId' is not null`));
  return ex.select(dealColumns).from(opportunities).where(where(inArray(opportunities.id, ids), ownedBy(scope, opportunities.ownerId))).limit(CAP);
}

/** Deals named exactly so (case-insensitive), at the account when one is known. */
export async function dealsByName(ex: Executor, scope: Scope, name: string, accountId: string | null): Promise<DealKeyRow[]> {
  return ex
    .select(dealColumns)
    .from(opportunities)
    .where(where(sql`lower(${opportunities.name}) = lower(${name.trim()})`, accountId ? eq(opportunities.accountId, accountId) : undefined, ownedBy(scope, opportunities.ownerId)))
    .limit(CAP);
}

/** Open deals where these leads are contacts (listed or primary), with how many of them each has. */
export async function openDealsOfContacts(ex: Executor, scope: Scope, leadIds: readonly string[]): Promise<(DealKeyRow & { shared: number })[]> {
  if (leadIds.length === 0) return [];
  const ids = `{${leadIds.join(',')}}`;
  const found = await rows<DealKeyRow & { shared: number }>(
    ex,
    sql`
      with c as (
        select opportunity_id, lead_id from opportunity_contacts where lead_id = any(${ids}::uuid[])
        union select id, primary_contact_id from opportunities where primary_contact_id = any(${ids}::uuid[])
      )
      select o.id, o.name, o.account_id as "accountId", o.owner_id as "ownerId", o.stage, o.external_ids as "externalIds", true as open,
             count(distinct c.lead_id)::int as shared
      from c join opportunities o on o.id = c.opportunity_id
      where o.stage not in ('closed_won', 'closed_lost') and ${scope.kind === 'all' ? sql`true` : sql`o.owner_id = any(${`{${scope.userIds.join(',')}}`}::uuid[])`}
      group by o.id
      order by shared desc, o.id
      limit ${CAP}`,
  );
  return found;
}

/** Open deals at the account. */
export async function openDealsAtAccount(ex: Executor, scope: Scope, accountId: string): Promise<DealKeyRow[]> {
  return ex
    .select(dealColumns)
    .from(opportunities)
    .where(where(eq(opportunities.accountId, accountId), notInArray(opportunities.stage, [...CLOSED]), ownedBy(scope, opportunities.ownerId)))
    .limit(CAP);
}

export async function accountBasics(ex: Executor, accountId: string): Promise<{ id: string; name: string; ownerId: string | null } | undefined> {
  const [row] = await ex.select({ id: accounts.id, name: accounts.name, ownerId: accounts.ownerId }).from(accounts).where(eq(accounts.id, accountId));
  return row;
}

/** Adds keys to a deal's external ids; keys it already has keep their values. */
export async function addDealKeys(ex: Executor, dealId: string, keys: Readonly<Record<string, string>>): Promise<void> {
  if (Object.keys(keys).length === 0) return;
  await ex
    .update(opportunities)
    .set({ externalIds: sql`${JSON.stringify(keys)}::jsonb || ${opportunities.externalIds}` })
    .where(eq(opportunities.id, dealId));
}

/** Lists leads as contacts of a deal unless they already are; returns those added. */
export async function addDealContacts(ex: Executor, dealId: string, leadIds: readonly string[], role: string): Promise<string[]> {
  if (leadIds.length === 0) return [];
  const existing = await ex
    .select({ leadId: opportunityContacts.leadId })
    .from(opportunityContacts)
    .where(and(eq(opportunityContacts.opportunityId, dealId), inArray(opportunityContacts.leadId, [...leadIds])));
  const known = new Set(existing.map((r) => r.leadId));
  const added = [...new Set(leadIds)].filter((id) => !known.has(id));
  if (added.length > 0) await ex.insert(opportunityContacts).values(added.map((leadId) => ({ opportunityId: dealId, leadId, role })));
  return added;
}

/** Points interactions that name no deal yet at this one; returns how many. */
export async function linkInteractionsToDeal(ex: Executor, dealId: string, interactionIds: readonly string[]): Promise<number> {
  if (interactionIds.length === 0) return 0;
  const changed = await ex
    .update(interactions)
    .set({ opportunityId: dealId })
    .where(and(inArray(interactions.id, [...interactionIds]), isNull(interactions.opportunityId)))
    .returning({ id: interactions.id });
  // the tasks their action items became (rule key action:<interaction>:...) follow them onto the deal
  await ex.execute(sql`
    update tasks set opportunity_id = ${dealId}::uuid, related_type = 'opportunity'
    where opportunity_id is null and rule_key like 'action:%' and split_part(rule_key, ':', 2) = any(${`{${interactionIds.join(',')}}`}::text[])`);
  return changed.length;
}

/** What correlation recorded on a source item before, if anything. */
export async function sourceItemCorrelation(ex: Executor, sourceItemId: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await ex.select({ correlation: sql<Record<string, unknown> | null>`${sourceItems.metadata} -> 'correlation'` }).from(sourceItems).where(eq(sourceItems.id, sourceItemId));
  return row?.correlation ?? undefined;
}

/** Records the correlation outcome on the source item (metadata.correlation), leaving its other metadata alone. */
export async function recordSourceItemCorrelation(ex: Executor, sourceItemId: string, correlation: Record<string, unknown>): Promise<void> {
  await ex
    .update(sourceItems)
    .set({ metadata: sql`${sourceItems.metadata} || jsonb_build_object('correlation', ${JSON.stringify(correlation)}::jsonb)` })
    .where(eq(sourceItems.id, sourceItemId));
}
