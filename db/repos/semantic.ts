import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { leads, opportunities, users } from '../schema/index.ts';
import { toDate, uuidArray } from './interactions.ts';
import { ownedBy, type Scope } from './scope.ts';

// Semantic search over chunks, limited to what the caller may see. A chunk is visible through its
// interaction: the interaction's deal, lead or author must be in the caller's scope. A chunk of an ingested
// source item with no interaction of its own is visible through any visible interaction made from that item;
// one linked to nothing is visible to exec/admin only. Out-of-scope chunks are never returned.

export interface ChunkFilters {
  leadId?: string;
  opportunityId?: string;
  accountId?: string;
  /** interaction types, or source-item kinds for chunks linked to no interaction */
  types?: string[];
  from?: Date;
  to?: Date;
}

export interface ScopedChunkHit {
  id: string;
  text: string;
  similarity: number;
  interactionId: string | null;
  sourceItemId: string | null;
  /** the interaction type, or the source item kind */
  type: string | null;
  direction: string | null;
  occurredAt: Date | null;
  subject: string | null;
  leadId: string | null;
  leadName: string | null;
  opportunityId: string | null;
  opportunityName: string | null;
  accountName: string | null;
}

const TRUE = sql`true`;

/**
 * The interaction aliased `alias` is in scope: its deal's owner, its lead's owner or its author is one of the
 * caller's users. Uncorrelated IN lists, so Postgres hashes them once per query.
 */
function interactionVisible(scope: Scope, alias: string): SQL {
  if (scope.kind === 'all') return TRUE;
  const i = sql.raw(alias);
  return sql`(
    ${i}.opportunity_id in (select ${opportunities.id} from ${opportunities} where ${ownedBy(scope, opportunities.ownerId)})
    or ${i}.lead_id in (select ${leads.id} from ${leads} where ${ownedBy(scope, leads.ownerId)})
    or ${i}.user_id in (select ${users.id} from ${users} where ${ownedBy(scope, users.id)})
  )`;
}

// a column of the chunk's interaction: its own (d), else the one made from its source item (v)
const ix = (column: string) => sql.raw(`coalesce(d.${column}, v.${column})`);

function filterSql(f: ChunkFilters): SQL {
  const parts: SQL[] = [];
  if (f.leadId) parts.push(sql`${ix('lead_id')} = ${f.leadId}::uuid`);
  if (f.opportunityId) parts.push(sql`${ix('opportunity_id')} = ${f.opportunityId}::uuid`);
  if (f.accountId) parts.push(sql`${ix('account_id')} = ${f.accountId}::uuid`);
  if (f.types && f.types.length > 0) parts.push(sql`coalesce(d.type::text, v.type::text, s.kind::text) = any(${`{${f.types.join(',')}}`}::text[])`);
  if (f.from) parts.push(sql`coalesce(d.occurred_at, v.occurred_at, s.occurred_at) >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) parts.push(sql`coalesce(d.occurred_at, v.occurred_at, s.occurred_at) <= ${f.to.toISOString()}::timestamptz`);
  return parts.length === 0 ? TRUE : sql.join(parts, sql` and `);
}

/** The row aliased `alias` has an owner in scope. */
const ownerVisible = (scope: Scope, alias: string) =>
  scope.kind === 'all' ? TRUE : sql`${sql.raw(alias)}.owner_id = any(${uuidArray(scope.userIds)})`;

/** `from ... where ...` over the chunks of `model` the caller may see and the filters keep, as `c` with `d`/`v`/`s` joined. */
export function visibleChunks(scope: Scope, model: string, filters: ChunkFilters = {}, asOf?: Date): SQL {
  const visibleLink = scope.kind === 'all' ? TRUE : sql`(d.id is not null or v.id is not null)`;
  const until = asOf ? sql`coalesce(d.occurred_at, v.occurred_at, s.occurred_at, c.created_at) <= ${asOf.toISOString()}::timestamptz` : TRUE;
  return sql`
    from chunks c
    left join source_items s on s.id = c.source_item_id
    left join interactions d on d.id = c.interaction_id and ${interactionVisible(scope, 'd')}
    left join lateral (
      select i.* from interactions i
      where c.interaction_id is null and c.source_item_id is not null and i.source_item_id = c.source_item_id
        and ${interactionVisible(scope, 'i')}
      order by i.occurred_at, i.id
      limit 1
    ) v on true
    where c.embedding_model = ${model} and ${visibleLink} and ${filterSql(filters)} and ${until}`;
}

/** Filters that keep only a small slice of the store (one lead, deal or account): an exact scan over it is cheap. */
export const narrowFilters = (f: ChunkFilters) => Boolean(f.leadId || f.opportunityId || f.accountId);
export const hasFilters = (f: ChunkFilters) => Boolean(narrowFilters(f) || f.types?.length || f.from || f.to);

/**
 * Source details of these chunks as the caller may see them, with each one's cosine distance to `embedding`
 * (in no particular order; the caller keeps its own ranking).
 */
export async function chunkDetails(
  ex: Executor,
  scope: Scope,
  ids: string[],
  embedding: number[],
  options: { model: string; filters?: ChunkFilters; asOf?: Date },
): Promise<ScopedChunkHit[]> {
  if (ids.length === 0) return [];
  const vector = `[${embedding.join(',')}]`;
  const found = await rows<Omit<ScopedChunkHit, 'occurredAt' | 'similarity'> & { occurredAt: Date | string | null; distance: number }>(
    ex,
    sql`
      select h.id, h.text, h."interactionId", h."sourceItemId", h.type, h.direction, h."occurredAt", h.subject,
             l.id as "leadId", l.full_name as "leadName", o.id as "opportunityId", o.name as "opportunityName", a.name as "accountName", h.distance
      from (
        select c.id, c.text, c.interaction_id as "interactionId", c.source_item_id as "sourceItemId",
               coalesce(d.type::text, v.type::text, s.kind::text) as type, ${ix('direction')}::text as direction,
               coalesce(d.occurred_at, v.occurred_at, s.occurred_at) as "occurredAt", coalesce(d.subject, v.subject, s.title) as subject,
               ${ix('lead_id')} as "leadId", ${ix('opportunity_id')} as "opportunityId", ${ix('account_id')} as account_id,
               (c.embedding <=> ${vector}::vector)::float8 as distance
        ${visibleChunks(scope, options.model, options.filters, options.asOf)} and c.id = any(${uuidArray(ids)})
      ) h
      -- a passage the caller wrote may sit on a lead or deal they cannot see: show the passage, not the link
      left join leads l on l.id = h."leadId" and ${ownerVisible(scope, 'l')}
      left join opportunities o on o.id = h."opportunityId" and ${ownerVisible(scope, 'o')}
      left join accounts a on a.id = coalesce(h.account_id, o.account_id, l.account_id)`,
  );
  return found.map(({ distance: d, occurredAt, ...hit }) => ({
    ...hit,
    occurredAt: occurredAt === null ? null : toDate(occurredAt),
    similarity: Math.round((1 - Number(d)) * 10_000) / 10_000,
  }));
}

/** Which of these interaction ids the caller may see (for callers that name interactions directly). */
export async function visibleInteractionIds(ex: Executor, scope: Scope, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await rows<{ id: string }>(ex, sql`select i.id from interactions i where i.id = any(${uuidArray(ids)}) and ${interactionVisible(scope, 'i')}`);
  return new Set(found.map((r) => r.id));
}
