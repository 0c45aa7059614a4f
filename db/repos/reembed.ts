import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';

// Re-embedding a store after a change of embedder: page through chunks by id, write the new vectors.

export interface ChunkText {
  id: string;
  text: string;
}

/**
 * Replaces a chunk by its passages (embedded by `model`), each keeping the chunk's links and date; ordinals
 * `ordinal * 1000 + i` keep them in the chunk's place among its record's chunks. Call inside a transaction.
 */
export async function replaceChunkWithPassages(ex: Executor, chunkId: string, passages: { text: string; embedding: number[] }[], model: string): Promise<string[]> {
  if (passages.length === 0) throw new Error('replaceChunkWithPassages: no passages');
  const values = sql.join(passages.map((p, i) => sql`(${i}::int, ${p.text}, ${vectorLiteral(p.embedding)}::vector)`), sql`, `);
  const inserted = await rows<{ id: string }>(ex, sql`
    insert into chunks (source_item_id, interaction_id, ordinal, text, embedding, embedding_model, created_at)
    select c.source_item_id, c.interaction_id, c.ordinal * 1000 + p.i, p.text, p.embedding, ${model}, c.created_at
    from (values ${values}) as p(i, text, embedding) join chunks c on c.id = ${chunkId}::uuid
    returning id`);
  await ex.execute(sql`delete from chunks where id = ${chunkId}::uuid`);
  return inserted.map((r) => r.id);
}

/** The next `limit` chunks after `afterId` (by id), with their text; `model` limits to one embedder's rows. */
export async function chunkTextsAfter(ex: Executor, afterId: string | null, limit: number, model?: string): Promise<ChunkText[]> {
  return rows<ChunkText>(
    ex,
    sql`select id, text from chunks
        where ${afterId === null ? sql`true` : sql`id > ${afterId}::uuid`} and ${model === undefined ? sql`true` : sql`embedding_model = ${model}`}
        order by id limit ${limit}`,
  );
}

const vectorLiteral = (v: readonly number[]) => `[${v.join(',')}]`;

/** Replaces the embeddings (and model) of these chunks. */
export async function setChunkEmbeddings(ex: Executor, updates: { id: string; embedding: number[] }[], model: string): Promise<void> {
  if (updates.length === 0) return;
  const values = sql.join(updates.map((u) => sql`(${u.id}::uuid, ${vectorLiteral(u.embedding)}::vector)`), sql`, `);
  await ex.execute(sql`update chunks c set embedding = u.embedding, embedding_model = ${model} from (values ${values}) as u(id, embedding) where c.id = u.id`);
}

/** Adds a copy of these chunks under another model (evals compare embedders side by side in one store). */
export async function copyChunksWithEmbeddings(ex: Executor, copies: { id: string; embedding: number[] }[], model: string): Promise<void> {
  if (copies.length === 0) return;
  const values = sql.join(copies.map((u) => sql`(${u.id}::uuid, ${vectorLiteral(u.embedding)}::vector)`), sql`, `);
  await ex.execute(sql`
    insert into chunks (source_item_id, interaction_id, ordinal, text, embedding, embedding_model, created_at)
    select c.source_item_id, c.interaction_id, c.ordinal, c.text, u.embedding, ${model}, c.created_at
    from (values ${values}) as u(id, embedding) join chunks c on c.id = u.id`);
}

/** Chunks per embedding model. */
export async function chunkModels(ex: Executor): Promise<Map<string, number>> {
  const found = await rows<{ model: string; n: number }>(ex, sql`select embedding_model as model, count(*)::int as n from chunks group by 1`);
  return new Map(found.map((r) => [r.model, r.n]));
}

/** Fresh planner statistics after a bulk change (the search picks exact or index by the table's size). */
export async function analyzeChunks(ex: Executor): Promise<void> {
  await ex.execute(sql`analyze chunks`);
}
