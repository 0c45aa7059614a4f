import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import type { Store } from '../client.ts';
import { insertChunks, nearestChunks } from './chunks.ts';

const passages = [
  'Procurement pushed back on the price: they want a 15% discount on 250 seats before signing.',
  'The security review is scheduled for next Tuesday with their CISO.',
  'They are also evaluating Competitor X and liked its reporting dashboards.',
];

describe('nearestChunks (pgvector through Drizzle)', () => {
  let store: Store;
  const embedder = createLocalEmbedder();
  beforeAll(async () => {
    store = await createTestStore();
    const vectors = await embedder.embed(passages);
    await insertChunks(
      store.db,
      passages.map((text, i) => ({ text, ordinal: i, embedding: vectors[i]!, embeddingModel: embedder.model })),
    );
    // one chunk from another model must never be compared with ours
    await insertChunks(store.db, [{ text: 'foreign', embedding: vectors[0]!, embeddingModel: 'other-model' }]);
  });
  afterAll(() => store.close());

  it('returns the passage nearest to the question first, with its similarity', async () => {
    const [query] = await embedder.embed(['what discount did they ask for on price?']);
    const hits = await nearestChunks(store.db, query!, { model: embedder.model, limit: 3 });
    expect(hits.map((h) => h.text)).toHaveLength(3);
    expect(hits[0]?.text).toBe(passages[0]);
    expect(hits[0]!.similarity).toBeGreaterThan(hits[1]!.similarity);
    expect(hits.some((h) => h.text === 'foreign')).toBe(false);
  });

  it('scores an identical text at similarity 1', async () => {
    const [query] = await embedder.embed([passages[1]!]);
    const [hit] = await nearestChunks(store.db, query!, { model: embedder.model, limit: 1 });
    expect(hit?.text).toBe(passages[1]);
    expect(hit?.similarity).toBeCloseTo(1, 5);
  });
});
