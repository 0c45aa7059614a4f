import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';

// For large operator imports (the ingest CLI): maintaining the chunks HNSW index row by row costs
// ~5 ms a chunk in PGlite, building it once afterwards ~1 ms. The CLI drops it for the import and
// always ensures it at the end, and at its next start, so a crash mid-import cannot leave it missing
// for long. The definition is exactly the migration's (db/migrations/0004_chunk_index_build_params.sql);
// the demo seed uses these too.

const NAME = 'chunks_embedding_hnsw_idx';
const CREATE = `CREATE INDEX IF NOT EXISTS "${NAME}" ON "chunks" USING hnsw ("embedding" vector_cosine_ops) WITH (m=16,ef_construction=128)`;

export async function chunkVectorIndexExists(ex: Executor): Promise<boolean> {
  const result = (await ex.execute(sql`select 1 from pg_indexes where indexname = ${NAME}`)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}

export async function dropChunkVectorIndex(ex: Executor): Promise<void> {
  await ex.execute(sql.raw(`DROP INDEX IF EXISTS "${NAME}"`));
}

export async function ensureChunkVectorIndex(ex: Executor): Promise<void> {
  await ex.execute(sql.raw(CREATE));
}

/** rows in chunks */
export async function chunkCount(ex: Executor): Promise<number> {
  const result = (await ex.execute(sql`select count(*)::int as n from chunks`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]?.n ?? 0;
}
