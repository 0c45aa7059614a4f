import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { CopyBinaryWriter } from '../copy-binary.ts';
import { copyBinaryInto, pgliteConnection } from '../pglite-copy.ts';
import { rows as selectRows } from '../rows.ts';
import type { chunks, interactions, sourceItems } from '../schema/index.ts';

// Set-based inserts for bulk ingestion: a whole batch goes in as ONE jsonb parameter expanded by
// jsonb_to_recordset, instead of a VALUES list with a parameter per cell. In PGlite that is 2-3x
// faster (no per-value query building in drizzle, one parameter to decode), and the database still
// checks every type, constraint and index. Column lists are explicit: a column not named keeps its default.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const param = (records: readonly Record<string, unknown>[]): SQL => sql`${JSON.stringify(records)}::jsonb`;

/** rows per COPY stream (a few KB each) */
const COPY_ROWS = 2000;

export type BulkSourceItem = typeof sourceItems.$inferInsert & { id: string; importedAt: Date };

/** Inserts source items (ids given); returns the ids actually inserted (a stored content hash is skipped). */
export async function bulkInsertSourceItems(ex: Executor, values: readonly BulkSourceItem[]): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const records = values.map((v) => ({
    id: v.id, kind: v.kind, content_hash: v.contentHash, external_ids: (v.externalIds ?? {}) as Json, thread_key: v.threadKey ?? null, title: v.title ?? null,
    origin: v.origin ?? null, occurred_at: iso(v.occurredAt), raw_text: v.rawText, metadata: (v.metadata ?? {}) as Json, created_at: v.importedAt.toISOString(),
  }));
  const inserted = await selectRows<{ id: string }>(
    ex,
    sql`insert into source_items (id, kind, content_hash, external_ids, thread_key, title, origin, occurred_at, raw_text, metadata, created_at)
        select id, kind, content_hash, external_ids, thread_key, title, origin, occurred_at, raw_text, metadata, created_at
        from jsonb_to_recordset(${param(records)}) as r(id uuid, kind source_item_kind, content_hash text, external_ids jsonb, thread_key text, title text,
             origin text, occurred_at timestamptz, raw_text text, metadata jsonb, created_at timestamptz)
        on conflict (content_hash) do nothing
        returning id`,
  );
  return new Set(inserted.map((r) => r.id));
}

export type BulkInteraction = Pick<
  typeof interactions.$inferInsert,
  | 'type' | 'direction' | 'channel' | 'leadId' | 'accountId' | 'opportunityId' | 'userId' | 'threadId' | 'subject' | 'body' | 'sentiment'
  | 'sentimentScore' | 'objectionType' | 'question' | 'occurredAt' | 'sourceItemId' | 'metadata' | 'createdAt'
> & { id: string };

const INTERACTION_COLUMNS = [
  'id', 'type', 'direction', 'channel', 'lead_id', 'account_id', 'opportunity_id', 'user_id', 'thread_id', 'subject', 'body', 'sentiment',
  'sentiment_score', 'objection_type', 'question', 'occurred_at', 'source_item_id', 'metadata', 'created_at',
] as const;

/** Inserts interactions (ids given): on PGlite by binary COPY (no JSON document to parse), else 500 per INSERT. */
export async function bulkInsertInteractions(ex: Executor, values: readonly BulkInteraction[]): Promise<void> {
  const pglite = pgliteConnection(ex);
  if (pglite) {
    for (let i = 0; i < values.length; i += COPY_ROWS) {
      const writer = new CopyBinaryWriter();
      for (const v of values.slice(i, i + COPY_ROWS)) {
        // enum values travel as their labels; the column types check them as an INSERT would
        writer.row(INTERACTION_COLUMNS.length).uuid(v.id).text(v.type).text(v.direction).text(v.channel).uuid(v.leadId).uuid(v.accountId)
          .uuid(v.opportunityId).uuid(v.userId).text(v.threadId).text(v.subject).text(v.body).text(v.sentiment).float4(v.sentimentScore)
          .text(v.objectionType).text(v.question).timestamptz(v.occurredAt).uuid(v.sourceItemId).jsonb(v.metadata ?? {}).timestamptz(v.createdAt ?? v.occurredAt);
      }
      await copyBinaryInto(pglite, 'interactions', INTERACTION_COLUMNS, writer.finish());
    }
    return;
  }
  for (let i = 0; i < values.length; i += 500) {
    const records = values.slice(i, i + 500).map((v) => ({
      id: v.id, type: v.type, direction: v.direction, channel: v.channel ?? null, lead_id: v.leadId ?? null, account_id: v.accountId ?? null,
      opportunity_id: v.opportunityId ?? null, user_id: v.userId ?? null, thread_id: v.threadId ?? null, subject: v.subject ?? null, body: v.body,
      sentiment: v.sentiment ?? null, sentiment_score: v.sentimentScore ?? null, objection_type: v.objectionType ?? null, question: v.question ?? null,
      occurred_at: iso(v.occurredAt), source_item_id: v.sourceItemId ?? null, metadata: (v.metadata ?? {}) as Json, created_at: iso(v.createdAt) ?? iso(v.occurredAt),
    }));
    await ex.execute(sql`
      insert into interactions (id, type, direction, channel, lead_id, account_id, opportunity_id, user_id, thread_id, subject, body, sentiment,
                                sentiment_score, objection_type, question, occurred_at, source_item_id, metadata, created_at)
      select id, type, direction, channel, lead_id, account_id, opportunity_id, user_id, thread_id, subject, body, sentiment,
             sentiment_score, objection_type, question, occurred_at, source_item_id, metadata, created_at
      from jsonb_to_recordset(${param(records)}) as r(id uuid, type interaction_type, direction direction, channel text, lead_id uuid, account_id uuid,
           opportunity_id uuid, user_id uuid, thread_id text, subject text, body text, sentiment sentiment, sentiment_score real,
           objection_type objection_type, question text, occurred_at timestamptz, source_item_id uuid, metadata jsonb, created_at timestamptz)`);
  }
}

export type BulkChunk = Pick<typeof chunks.$inferInsert, 'sourceItemId' | 'interactionId' | 'ordinal' | 'text' | 'embedding' | 'embeddingModel'> & {
  createdAt: Date;
  /** given by the demo seed (seeded ids); a random uuid otherwise */
  id?: string;
};

const CHUNK_COLUMNS = ['id', 'source_item_id', 'interaction_id', 'ordinal', 'text', 'embedding', 'embedding_model', 'created_at'] as const;

/**
 * Inserts chunks with their embeddings. On PGlite through a binary COPY: vectors go in as float4s
 * instead of text, which PGlite would parse element by element (5x slower for the whole insert);
 * on Postgres 500 rows per INSERT from one jsonb parameter.
 */
export async function bulkInsertChunks(ex: Executor, values: readonly BulkChunk[]): Promise<void> {
  const pglite = pgliteConnection(ex);
  if (pglite) {
    for (let i = 0; i < values.length; i += COPY_ROWS) {
      const writer = new CopyBinaryWriter();
      for (const v of values.slice(i, i + COPY_ROWS)) {
        writer.row(CHUNK_COLUMNS.length).uuid(v.id ?? randomUUID()).uuid(v.sourceItemId).uuid(v.interactionId).int4(v.ordinal ?? 0)
          .text(v.text).vector(v.embedding).text(v.embeddingModel).timestamptz(v.createdAt);
      }
      await copyBinaryInto(pglite, 'chunks', CHUNK_COLUMNS, writer.finish());
    }
    return;
  }
  for (let i = 0; i < values.length; i += 500) {
    const records = values.slice(i, i + 500).map((v) => ({
      id: v.id ?? randomUUID(), source_item_id: v.sourceItemId ?? null, interaction_id: v.interactionId ?? null, ordinal: v.ordinal ?? 0, text: v.text,
      embedding: `[${v.embedding.join(',')}]`, embedding_model: v.embeddingModel, created_at: v.createdAt.toISOString(),
    }));
    await ex.execute(sql`
      insert into chunks (id, source_item_id, interaction_id, ordinal, text, embedding, embedding_model, created_at)
      select id, source_item_id, interaction_id, ordinal, text, embedding::vector, embedding_model, created_at
      from jsonb_to_recordset(${param(records)}) as r(id uuid, source_item_id uuid, interaction_id uuid, ordinal int, text text, embedding text,
           embedding_model text, created_at timestamptz)`);
  }
}
