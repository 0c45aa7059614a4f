import { getTableName, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './client.ts';
import { migrateStore } from './migrate.ts';
import { dropChunkVectorIndex, ensureChunkVectorIndex } from './repos/ingest-vector-index.ts';
import { ensureEmbeddingStamp, getMeta } from './repos/meta.ts';
import { rows } from './rows.ts';
import * as schema from './schema/index.ts';

const allTables = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable => value instanceof PgTable);
const declaredTables = allTables
  .map((table) => getTableName(table))
  .sort();

describe('migrations on an empty store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ kind: 'pglite' });
    await migrateStore(store);
  });
  afterAll(() => store.close());

  it('create every table the schema declares, and no other', async () => {
    const result = await rows<{ table_name: string }>(store.db, sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(result.map((r) => r.table_name)).toEqual(declaredTables);
    expect(declaredTables.length).toBeGreaterThanOrEqual(25);
  });

  it('create every declared column', async () => {
    const result = await rows<{ table_name: string; column_name: string }>(store.db, sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`,
    );
    const present = new Set(result.map((r) => `${r.table_name}.${r.column_name}`));
    const missing = allTables
      .flatMap((table) => getTableConfig(table).columns.map((c) => `${getTableName(table)}.${c.name}`))
      .filter((column) => !present.has(column));
    expect(missing).toEqual([]);
  });

  it('load pgvector and pg_trgm and build the HNSW cosine index on chunks', async () => {
    const extensions = await rows<{ extname: string }>(store.db, sql`select extname from pg_extension`);
    expect(extensions.map((r) => r.extname)).toEqual(expect.arrayContaining(['vector', 'pg_trgm']));
    const index = await rows<{ indexdef: string }>(store.db, sql`select indexdef from pg_indexes where indexname = 'chunks_embedding_hnsw_idx'`,
    );
    expect(index[0]?.indexdef).toMatch(/USING hnsw \(embedding vector_cosine_ops\) WITH \(m='16', ef_construction='128'\)/);
    // the bulk importer and the seed drop and rebuild it: their definition must be the migration's
    await dropChunkVectorIndex(store.db);
    await ensureChunkVectorIndex(store.db);
    const rebuilt = await rows<{ indexdef: string }>(store.db, sql`select indexdef from pg_indexes where indexname = 'chunks_embedding_hnsw_idx'`);
    expect(rebuilt).toEqual(index);
    // the full-text half of hybrid search: a generated tsvector column with its GIN index
    const gin = await rows<{ indexdef: string }>(store.db, sql`select indexdef from pg_indexes where indexname = 'chunks_search_text_idx'`);
    expect(gin[0]?.indexdef).toMatch(/USING gin \(search_text\)/);
  });

  it('are a no-op when run again', async () => {
    const before = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await migrateStore(store);
    const after = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(after[0]?.n).toBe(before[0]?.n);
    expect(after[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it('stamp the embedding model on first use and refuse a different one later', async () => {
    await ensureEmbeddingStamp(store.db, { model: 'local-hash-v1', dimensions: 384 });
    expect(await getMeta(store.db, 'embedding')).toEqual({ model: 'local-hash-v1', dimensions: 384 });
    await expect(ensureEmbeddingStamp(store.db, { model: 'local-hash-v1', dimensions: 384 })).resolves.toBeUndefined();
    await expect(ensureEmbeddingStamp(store.db, { model: 'openai:text-embedding-3-small', dimensions: 384 })).rejects.toThrow(
      "The store holds 384-d embeddings from 'local-hash-v1' but the configured embedder is 'openai:text-embedding-3-small' (384-d)",
    );
  });
});
