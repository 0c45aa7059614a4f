import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';

// Source items correlation could not place (unmatched, or a tie between deals), waiting for the deals,
// contacts or accounts that would place them. Read in pages, oldest source first (by when the source
// happened, so a retry applies values in the order the sources were written).

export interface PendingRow {
  sourceItemId: string;
  occurredAt: string;
  pending: Record<string, unknown>;
  /** the candidates recorded last time (deal ids), to tell a changed answer from the same one */
  candidateIds: string[];
  result: string;
}

const PENDING = sql`s.metadata -> 'correlation' ->> 'result' in ('unmatched', 'ambiguous') and s.metadata -> 'correlation' -> 'pending' is not null`;

/**
 * Every pending item's id, oldest source first, in one scan: the pass then reads its pages by id
 * (pendingCorrelationsByIds) instead of scanning the whole table again for each page, which made the
 * pass after a big import quadratic in the store's size.
 */
export async function pendingCorrelationIds(ex: Executor): Promise<string[]> {
  const found = await rows<{ id: string }>(ex, sql`select s.id from source_items s where ${PENDING} order by coalesce(s.occurred_at, s.created_at), s.id`);
  return found.map((r) => r.id);
}

/** These items (those still pending), in the same order as pendingCorrelationIds. */
export async function pendingCorrelationsByIds(ex: Executor, ids: readonly string[]): Promise<PendingRow[]> {
  if (ids.length === 0) return [];
  const found = await rows<{ sourceItemId: string; occurredAt: Date | string; pending: Record<string, unknown>; candidateIds: string[] | null; result: string }>(
    ex,
    sql`
      select s.id as "sourceItemId", coalesce(s.occurred_at, s.created_at) as "occurredAt", s.metadata -> 'correlation' -> 'pending' as pending,
             s.metadata -> 'correlation' ->> 'result' as result,
             (select array_agg(c ->> 'opportunityId' order by c ->> 'opportunityId') from jsonb_array_elements(coalesce(s.metadata -> 'correlation' -> 'candidates', '[]'::jsonb)) c) as "candidateIds"
      from source_items s
      where s.id = any(${`{${ids.join(',')}}`}::uuid[]) and ${PENDING}
      order by coalesce(s.occurred_at, s.created_at), s.id`,
  );
  return found.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt).toISOString(), candidateIds: r.candidateIds ?? [] }));
}

/** How many items wait for correlation. */
export async function countPendingCorrelations(ex: Executor): Promise<number> {
  const [row] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from source_items s where ${PENDING}`);
  return row?.n ?? 0;
}

/** Which of these deal keys (tag:RFQ-1234...) some deal carries, in scope or not (a retry decides which). */
export async function existingDealKeys(ex: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const list = `{${keys.map((k) => `"${k.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
  const found = await rows<{ k: string }>(
    ex,
    // ?| is what the GIN index on external_ids serves; the keys are then read off the few deals found
    sql`select distinct k from opportunities o, jsonb_object_keys(o.external_ids) k where o.external_ids ?| ${list}::text[] and k = any(${list}::text[])`,
  );
  return new Set(found.map((r) => r.k));
}
