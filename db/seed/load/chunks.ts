import type { Embedder } from '../../../core/embeddings/embedder.ts';
import type { Executor } from '../../client.ts';
import type { InteractionRow } from '../model.ts';
import { bulkInsertChunks } from '../../repos/ingest-bulk.ts';
import { dropChunkVectorIndex, ensureChunkVectorIndex } from '../../repos/ingest-vector-index.ts';

// One chunk per interaction (subject + body), embedded in batches. The HNSW index is dropped for
// the load and built once afterwards: building it row by row would dominate the seed time.
// No source_items rows: seeded interactions are native CRM records, not imported artifacts, so the
// chunk points at its interaction directly. (A source item per interaction would also collide on
// source_items' unique content hash: many short notes, e.g. "No answer, no voicemail set up.", repeat.)

const EMBED_BATCH = 512;

export const chunkText = (row: InteractionRow): string => (row.subject ? `${row.subject}\n\n${row.body}` : row.body);

export async function loadChunks(ex: Executor, embedder: Embedder, rows: readonly InteractionRow[], nextId: () => string): Promise<number> {
  const withText = rows.filter((r) => r.body.trim().length > 0);
  await dropChunkVectorIndex(ex);
  for (let start = 0; start < withText.length; start += EMBED_BATCH) {
    const batch = withText.slice(start, start + EMBED_BATCH);
    const vectors = await embedder.embed(batch.map(chunkText));
    await bulkInsertChunks(
      ex,
      batch.map((row, i) => ({
        id: nextId(), sourceItemId: null, interactionId: row.id ?? null, ordinal: 0, text: chunkText(row),
        embedding: vectors[i] as number[], embeddingModel: embedder.model, createdAt: row.occurredAt,
      })),
    );
  }
  await ensureChunkVectorIndex(ex);
  return withText.length;
}
