import type { Embedder } from '../../core/embeddings/index.ts';
import type { Db } from '../../db/client.ts';
import { dropChunkVectorIndex, ensureChunkVectorIndex } from '../../db/repos/ingest-vector-index.ts';
import { setMeta } from '../../db/repos/meta.ts';
import { passagesOf } from '../../core/text/passages.ts';
import { analyzeChunks, chunkTextsAfter, replaceChunkWithPassages, setChunkEmbeddings } from '../../db/repos/reembed.ts';
import { refreshDealEmbeddings } from './deal-embeddings.ts';

// After a change of embedder, a store's vectors are not comparable with the new ones (the stamp refuses to
// start). This rewrites every chunk's and every deal's embedding with `embedder` and stamps the store with it.
// It also re-chunks: a chunk longer than a passage (a whole email from before passage chunking) is replaced by
// its passages (core/text/passages), which keep its links. Passages are whole passages again, so re-running is
// harmless. Pages commit one by one: an interrupted run leaves the stamp as it was, and a re-run redoes everything.

const PAGE = 500;

export interface ReembedReport {
  /** chunks embedded (passages made by re-chunking included) */
  chunks: number;
  /** long chunks replaced by their passages */
  split: number;
  deals: number;
}

export async function reembedStore(db: Db, embedder: Embedder, now: Date, progress?: (done: number) => void): Promise<ReembedReport> {
  // maintaining the HNSW index row by row costs ~5x building it once afterwards
  await dropChunkVectorIndex(db);
  let done = 0;
  let split = 0;
  const fresh = new Set<string>();
  try {
    let after: string | null = null;
    for (;;) {
      const page = await chunkTextsAfter(db, after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      // passages made from an earlier page whose ids sort later: already embedded with this model
      const pieces = page.filter((c) => !fresh.delete(c.id)).map((c) => ({ chunk: c, passages: passagesOf(c.text) }));
      const whole = pieces.filter((p) => p.passages.length <= 1).map((p) => p.chunk);
      const long = pieces.filter((p) => p.passages.length > 1);
      const vectors = await embedder.embed([...whole.map((c) => c.text), ...long.flatMap((p) => p.passages)]);
      await db.transaction(async (tx) => {
        await setChunkEmbeddings(tx, whole.map((c, i) => ({ id: c.id, embedding: vectors[i]! })), embedder.model);
        let at = whole.length;
        for (const p of long) {
          const ids = await replaceChunkWithPassages(tx, p.chunk.id, p.passages.map((text) => ({ text, embedding: vectors[at++]! })), embedder.model);
          for (const id of ids) fresh.add(id);
        }
      });
      done += vectors.length;
      split += long.length;
      progress?.(done);
    }
  } finally {
    await ensureChunkVectorIndex(db);
  }
  await analyzeChunks(db);
  const deals = await refreshDealEmbeddings(db, embedder, now);
  await setMeta(db, 'embedding', { model: embedder.model, dimensions: embedder.dimensions });
  return { chunks: done, split, deals: deals.embedded };
}
