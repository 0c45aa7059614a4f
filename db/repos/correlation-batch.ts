import { and, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { opportunities, opportunityContacts } from '../schema/index.ts';
import { dealColumns, type DealKeyRow } from './correlation.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

// Correlation for a whole import batch (email): what the batch's threads, people and accounts already
// point at, read in three statements instead of a few lookups per message, and the batch's writes
// (links of interactions, contacts, the outcomes on the source items) in one statement each.

export interface BatchDealKeys {
  /** thread key -> deals that fragments of that thread were merged into */
  threads: { threadKey: string; dealId: string }[];
  /** lead -> deals where it is a listed contact (listed) or the primary contact */
  contacts: { leadId: string; dealId: string; listed: boolean }[];
  /** the deals above and every open deal at the accounts, inside the scope */
  deals: DealKeyRow[];
}

const CLOSED = ['closed_won', 'closed_lost'] as const;
const uuids = (ids: readonly string[]) => `{${ids.join(',')}}`;

export async function batchDealKeys(
  ex: Executor,
  scope: Scope,
  keys: { threadKeys: readonly string[]; leadIds: readonly string[]; accountIds: readonly string[] },
): Promise<BatchDealKeys> {
  const threads = keys.threadKeys.length === 0 ? [] : await rows<{ threadKey: string; dealId: string }>(
    ex,
    sql`select distinct s.thread_key as "threadKey", (s.metadata -> 'correlation' ->> 'opportunityId') as "dealId"
        from source_items s
        where s.thread_key = any(${`{${keys.threadKeys.map((k) => `"${k.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`}::text[])
          and s.metadata -> 'correlation' ->> 'opportunityId' is not null`,
  );
  const contacts = keys.leadIds.length === 0 ? [] : await rows<{ leadId: string; dealId: string; listed: boolean }>(
    ex,
    sql`select lead_id as "leadId", opportunity_id as "dealId", true as listed from opportunity_contacts where lead_id = any(${uuids(keys.leadIds)}::uuid[])
        union all
        select primary_contact_id, id, false from opportunities where primary_contact_id = any(${uuids(keys.leadIds)}::uuid[])`,
  );
  const ids = [...new Set([...threads.map((t) => t.dealId), ...contacts.map((c) => c.dealId)])];
  const byId = ids.length > 0 ? inArray(opportunities.id, ids) : undefined;
  const atAccounts = keys.accountIds.length > 0 ? and(inArray(opportunities.accountId, [...keys.accountIds]), notInArray(opportunities.stage, [...CLOSED])) : undefined;
  if (!byId && !atAccounts) return { threads, contacts, deals: [] };
  const deals = await ex.select(dealColumns).from(opportunities).where(where(or(...[byId, atAccounts].filter((c) => c !== undefined)), ownedBy(scope, opportunities.ownerId)));
  return { threads, contacts, deals };
}

/** Lists leads as contacts of deals; the caller knows these pairs are not listed yet. */
export async function insertDealContacts(ex: Executor, pairs: readonly { dealId: string; leadId: string; role: string }[]): Promise<void> {
  if (pairs.length > 0) await ex.insert(opportunityContacts).values(pairs.map((p) => ({ opportunityId: p.dealId, leadId: p.leadId, role: p.role })));
}

/** Points interactions that name no deal yet at their deal, many in one statement. */
export async function linkInteractionsToDeals(ex: Executor, links: readonly { interactionId: string; dealId: string }[]): Promise<void> {
  if (links.length === 0) return;
  await ex.execute(sql`
    update interactions i set opportunity_id = r.deal_id
    from jsonb_to_recordset(${JSON.stringify(links.map((l) => ({ id: l.interactionId, deal_id: l.dealId })))}::jsonb) as r(id uuid, deal_id uuid)
    where i.id = r.id and i.opportunity_id is null`);
  // the tasks their action items became (rule key action:<interaction>:...) follow them onto the deal
  await ex.execute(sql`
    update tasks t set opportunity_id = r.deal_id, related_type = 'opportunity'
    from jsonb_to_recordset(${JSON.stringify(links.map((l) => ({ id: l.interactionId, deal_id: l.dealId })))}::jsonb) as r(id uuid, deal_id uuid)
    where t.opportunity_id is null and t.rule_key like 'action:%' and split_part(t.rule_key, ':', 2) = r.id::text`);
}

/** Records correlation outcomes on their source items (metadata.correlation), many in one statement. */
export async function recordSourceItemCorrelations(ex: Executor, records: readonly { sourceItemId: string; correlation: Record<string, unknown> }[]): Promise<void> {
  if (records.length === 0) return;
  await ex.execute(sql`
    update source_items s set metadata = s.metadata || jsonb_build_object('correlation', r.c)
    from jsonb_to_recordset(${JSON.stringify(records.map((r) => ({ id: r.sourceItemId, c: r.correlation })))}::jsonb) as r(id uuid, c jsonb)
    where s.id = r.id`);
}
