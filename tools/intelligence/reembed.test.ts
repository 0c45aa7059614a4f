import { asc, eq } from 'drizzle-orm';
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
  // a whole email stored as one chunk, as before passage chunking: its subject, then four sentences
  const email = 'Re: renewal\n\nThanks for sending the renewal quote over yesterday afternoon. Our finance team says the price is too high this year. Legal also wants two changes to the MSA before signing. Could we talk about both on Friday morning?';
  const interactionId = '00000000-0000-4000-8000-000000000001';

  beforeAll(async () => {
    store = await createTestStore();
    const lexical = createLocalEmbedder();
    const vectors = await lexical.embed(texts);
    await store.db.insert(chunks).values(texts.map((text, i) => ({ text, embedding: vectors[i]!, embeddingModel: lexical.model })));
    const [emailVector] = await lexical.embed([email]);
    await store.db.insert(chunks).values({ text: email, embedding: emailVector!, embeddingModel: lexical.model, interactionId, ordinal: 0 });
    await ensureEmbeddingStamp(store.db, { model: lexical.model, dimensions: lexical.dimensions });
  });
  afterAll(() => store.close());

  it('rewrites every chunk with the new model, keeps the full-text column, and restamps the store', async () => {
    const semantic = createLocalSemanticEmbedder();
    await expect(ensureEmbeddingStamp(store.db, { model: semantic.model, dimensions: 384 })).rejects.toThrow(/local-hash-v1/);
    const report = await reembedStore(store.db, semantic, new Date('2026-06-15T12:00:00Z'));
    // the three short chunks stay whole; the email becomes three two-sentence windows (4 sentences, overlap 1)
    expect(report).toMatchObject({ chunks: 6, split: 1 });
    expect([...(await chunkModels(store.db))]).toEqual([[semantic.model, 6]]);
    const [expected] = await semantic.embed([texts[1]!]);
    const rows = await store.db.select({ text: chunks.text, embedding: chunks.embedding, searchText: chunks.searchText }).from(chunks);
    const pilot = rows.find((r) => r.text === texts[1])!;
    pilot.embedding.forEach((v, i) => expect(v).toBeCloseTo(expected![i]!, 5));
    expect(pilot.searchText).toContain("'pilot'");
    expect(await getMeta(store.db, 'embedding')).toEqual({ model: semantic.model, dimensions: 384 });
    await expect(ensureEmbeddingStamp(store.db, { model: semantic.model, dimensions: 384 })).resolves.toBeUndefined();
  });

  it('split the long chunk into passages that keep its interaction, in order; a second run splits nothing', async () => {
    const parts = await store.db.select({ text: chunks.text, ordinal: chunks.ordinal }).from(chunks).where(eq(chunks.interactionId, interactionId)).orderBy(asc(chunks.ordinal));
    expect(parts).toEqual([
      { ordinal: 0, text: 'Re: renewal\n\nThanks for sending the renewal quote over yesterday afternoon. Our finance team says the price is too high this year.' },
      { ordinal: 1, text: 'Our finance team says the price is too high this year. Legal also wants two changes to the MSA before signing.' },
      { ordinal: 2, text: 'Legal also wants two changes to the MSA before signing. Could we talk about both on Friday morning?' },
    ]);
    const again = await reembedStore(store.db, createLocalSemanticEmbedder(), new Date('2026-06-15T12:00:00Z'));
    expect(again).toMatchObject({ chunks: 6, split: 0 });
  });
});
