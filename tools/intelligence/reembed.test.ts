import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder, createLocalSemanticEmbedder } from '../../core/embeddings/index.ts';
import type { Store } from '../../db/client.ts';
import { ensureEmbeddingStamp, getMeta } from '../../db/repos/meta.ts';
import { chunkModels } from '../../db/repos/reembed.ts';
import { chunks } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { reembedStore } from './reembed.ts';

describe('reembedStore', () => {
  let store: Store;
  const texts = ['The price is too high for us.', 'Can we run a pilot first?', 'Security wants the SOC 2 report.'];

  beforeAll(async () => {
    store = await createTestStore();
    const lexical = createLocalEmbedder();
    const vectors = await lexical.embed(texts);
    await store.db.insert(chunks).values(texts.map((text, i) => ({ text, embedding: vectors[i]!, embeddingModel: lexical.model })));
    await ensureEmbeddingStamp(store.db, { model: lexical.model, dimensions: lexical.dimensions });
  });
  afterAll(() => store.close());

  it('rewrites every chunk with the new model, keeps the full-text column, and restamps the store', async () => {
    const semantic = createLocalSemanticEmbedder();
    await expect(ensureEmbeddingStamp(store.db, { model: semantic.model, dimensions: 384 })).rejects.toThrow(/local-hash-v1/);
    const report = await reembedStore(store.db, semantic, new Date('2026-06-15T12:00:00Z'));
    expect(report.chunks).toBe(3);
    expect([...(await chunkModels(store.db))]).toEqual([[semantic.model, 3]]);
    const [expected] = await semantic.embed([texts[1]!]);
    const rows = await store.db.select({ text: chunks.text, embedding: chunks.embedding, searchText: chunks.searchText }).from(chunks);
    const pilot = rows.find((r) => r.text === texts[1])!;
    pilot.embedding.forEach((v, i) => expect(v).toBeCloseTo(expected![i]!, 5));
    expect(pilot.searchText).toContain("'pilot'");
    expect(await getMeta(store.db, 'embedding')).toEqual({ model: semantic.model, dimensions: 384 });
    await expect(ensureEmbeddingStamp(store.db, { model: semantic.model, dimensions: 384 })).resolves.toBeUndefined();
  });
});
