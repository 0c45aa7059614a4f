import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../core/embeddings/local.ts';
import { createRawPglite } from '../test/helpers/db.ts';
import { freePort } from '../test/helpers/net.ts';
import { openStore, type Store } from './client.ts';
import { migrateStore } from './migrate.ts';
import { insertChunks, nearestChunks } from './repos/chunks.ts';
import { rows } from './rows.ts';
import { teams } from './schema/index.ts';

// The DATABASE_URL path: node-postgres over the Postgres wire protocol, here to a PGlite served on loopback.
describe('the pg driver path', () => {
  let pglite: PGlite;
  let server: PGLiteSocketServer;
  let store: Store;

  beforeAll(async () => {
    pglite = createRawPglite();
    await pglite.waitReady;
    const port = await freePort();
    server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port, maxConnections: 10 });
    await server.start();
    // One pooled connection: pglite-socket shares a single session across connections.
    store = await openStore({ kind: 'postgres', url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, poolSize: 1 });
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
    await pglite?.close();
  });

  it('runs the same migrations as the embedded store', async () => {
    expect(store.kind).toBe('postgres');
    await migrateStore(store);
    const result = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
    );
    expect(result[0]?.n).toBeGreaterThanOrEqual(25);
  });

  it('reads and writes through Drizzle, and rolls a failed transaction back whole', async () => {
    await store.db.insert(teams).values({ name: 'Enterprise' });
    await expect(
      store.db.transaction(async (tx) => {
        await tx.insert(teams).values({ name: 'Half-written' });
        await tx.insert(teams).values({ name: 'Enterprise' }); // unique violation
      }),
    ).rejects.toThrow();
    expect(await store.db.select().from(teams).where(eq(teams.name, 'Half-written'))).toEqual([]);
    expect((await store.db.select().from(teams)).map((t) => t.name)).toEqual(['Enterprise']);
  });

  it('answers a vector query with the nearest chunk', async () => {
    const embedder = createLocalEmbedder();
    const texts = ['renewal price increase of 8%', 'kick-off meeting agenda and attendees'];
    const vectors = await embedder.embed(texts);
    await insertChunks(store.db, texts.map((text, i) => ({ text, embedding: vectors[i]!, embeddingModel: embedder.model })));
    const [query] = await embedder.embed(['price increase at renewal']);
    const [hit] = await nearestChunks(store.db, query!, { model: embedder.model, limit: 1 });
    expect(hit?.text).toBe(texts[0]);
  });
});
