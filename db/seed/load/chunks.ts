import { sql } from 'drizzle-orm';
import type { Embedder } from '../../../core/embeddings/embedder.ts';
import { passagesOf } from '../../../core/text/passages.ts';
import type { Executor } from '../../client.ts';
import type { InteractionRow } from '../model.ts';
import { bulkInsertChunks } from '../../repos/ingest-bulk.ts';
import { dropChunkVectorIndex, ensureChunkVectorIndex } from '../../repos/ingest-vector-index.ts';

// Passages of every interaction (core/text/passages: windows of two sentences, the subject opening the first),
// each a chunk pointing at its interaction, embedded in batches. The HNSW index is dropped for
// the load and built once afterwards: building it row by row would dominate the seed time.
// No source_items rows: seeded interactions are native CRM records, not imported artifacts, so the
// chunk points at its interaction directly. (A source item per interaction would also collide on
// source_items' unique content hash: many short notes, e.g. "No answer, no voicemail set up.", repeat.)

const EMBED_BATCH = 512;
/**
 * Memory for the HNSW build, per chunk: a 384-d vector (1.5 KB) plus its neighbour lists and bookkeeping
 * (about 0.7 KB). pgvector builds the graph in maintenance_work_mem and, once it no longer fits, goes on
 * on disk at a fraction of the speed; the server's 64 MB holds about 25k chunks, fewer than scale 1 has.
 * Measured (CPU seconds, PGlite): scale 2's 70.8k chunks 191 s with 64 MB, 98 s with 170 MB.
 */
const HNSW_BYTES_PER_CHUNK = 2_400;
const HNSW_MEMORY_MB = { min: 64, max: 1_024 } as const;

/** maintenance_work_mem, in MB, that holds the HNSW graph of `chunks` chunks (within the bounds above) */
export const hnswBuildMemoryMb = (chunks: number) =>
  Math.min(HNSW_MEMORY_MB.max, Math.max(HNSW_MEMORY_MB.min, Math.ceil((chunks * HNSW_BYTES_PER_CHUNK) / 2 ** 20)));

/** The passages of one interaction, in order (ordinal = index). */
export const interactionPassages = (row: InteractionRow): string[] => passagesOf(row.body, row.subject ?? null);

/** Inserts the passages of every interaction with a body; returns how many chunks were written. */
export async function loadChunks(ex: Executor, embedder: Embedder, rows: readonly InteractionRow[], nextId: () => string): Promise<number> {
  const pieces = rows
    .filter((r) => r.body.trim().length > 0)
    .flatMap((row) => interactionPassages(row).map((text, ordinal) => ({ row, text, ordinal })));
  await dropChunkVectorIndex(ex);
  for (let start = 0; start < pieces.length; start += EMBED_BATCH) {
    const batch = pieces.slice(start, start + EMBED_BATCH);
    const vectors = await embedder.embed(batch.map((p) => p.text));
    await bulkInsertChunks(
      ex,
      batch.map((p, i) => ({
        id: nextId(), sourceItemId: null, interactionId: p.row.id ?? null, ordinal: p.ordinal, text: p.text,
        embedding: vectors[i] as number[], embeddingModel: embedder.model, createdAt: p.row.occurredAt,
      })),
    );
  }
  // local to the seed's transaction: the server's own setting is untouched once it commits
  await ex.execute(sql.raw(`set local maintenance_work_mem = '${hnswBuildMemoryMb(pieces.length)}MB'`));
  await ensureChunkVectorIndex(ex);
  return pieces.length;
}
