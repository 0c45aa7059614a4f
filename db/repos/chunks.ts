import { cosineDistance, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { chunks } from '../schema/index.ts';

export type NewChunk = typeof chunks.$inferInsert;

export interface NearestChunk {
  id: string;
  text: string;
  sourceItemId: string | null;
  interactionId: string | null;
  /** cosine similarity, 1 = same direction */
  similarity: number;
}

export async function insertChunks(ex: Executor, rows: NewChunk[]): Promise<void> {
  if (rows.length > 0) await ex.insert(chunks).values(rows);
}

/** The k chunks nearest to `embedding` by cosine distance (served by the HNSW index), only those embedded by `model`. */
export async function nearestChunks(
  ex: Executor,
  embedding: number[],
  options: { model: string; limit?: number },
): Promise<NearestChunk[]> {
  const distance = cosineDistance(chunks.embedding, embedding);
  const rows = await ex
    .select({
      id: chunks.id,
      text: chunks.text,
      sourceItemId: chunks.sourceItemId,
      interactionId: chunks.interactionId,
      distance: sql<number>`${distance}`.mapWith(Number),
    })
    .from(chunks)
    .where(eq(chunks.embeddingModel, options.model))
    .orderBy(distance)
    .limit(options.limit ?? 5);
  return rows.map(({ distance: d, ...row }) => ({ ...row, similarity: 1 - d }));
}
