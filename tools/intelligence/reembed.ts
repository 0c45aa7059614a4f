import type { Embedder } from '../../core/embeddings/index.ts';
import type { Db } from '../../db/client.ts';
import { dropChunkVectorIndex, ensureChunkVectorIndex } from '../../db/repos/ingest-vector-index.ts';
import { setMeta } from '../../db/repos/meta.ts';
import { analyzeChunks, chunkTextsAfter, setChunkEmbeddings } from '../../db/repos/reembed.ts';
import { refreshDealEmbeddings } from './deal-embeddings.ts';

// After a change of embedder, a store's vectors are not comparable with the new ones (the stamp refuses to
// start). This rewrites every chunk's and every deal's embedding with `embedder` and stamps the store with it.
// Pages commit one by one: an interrupted run leaves the stamp as it was, and a re-run redoes everything.

const PAGE = 500;

export interface ReembedReport {
  chunks: number;
  deals: number;
}

export async function reembedStore(db: Db, embedder: Embedder, now: Date, progress?: (done: number) => void): Promise<ReembedReport> {
  // maintaining the HNSW index row by row costs ~5x building it once afterwards
  await dropChunkVectorIndex(db);
  let done = 0;
  try {
    let after: string | null = null;
    for (;;) {
      const page = await chunkTextsAfter(db, after, PAGE);
      if (page.length === 0) break;
      const vectors = await embedder.embed(page.map((c) => c.text));
      await setChunkEmbeddings(db, page.map((c, i) => ({ id: c.id, embedding: vectors[i]! })), embedder.model);
      done += page.length;
      after = page[page.length - 1]!.id;
      progress?.(done);
    }
  } finally {
    await ensureChunkVectorIndex(db);
  }
  await analyzeChunks(db);
  const deals = await refreshDealEmbeddings(db, embedder, now);
  await setMeta(db, 'embedding', { model: embedder.model, dimensions: embedder.dimensions });
  return { chunks: done, deals: deals.embedded };
}
