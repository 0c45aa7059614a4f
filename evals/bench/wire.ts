import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { openStore, type Store } from '../../db/client.ts';
import { freePort } from '../../test/helpers/net.ts';

/** Serves an open PGlite on a loopback port and opens a `pg` store on it (one connection: pglite-socket has one session). */
export async function serveOverWire(pglite: PGlite): Promise<{ store: Store; close(): Promise<void> }> {
  const port = await freePort();
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port, maxConnections: 2 });
  await server.start();
  const store = await openStore({ kind: 'postgres', url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, poolSize: 1 });
  return {
    store,
    async close() {
      await store.close();
      await server.stop();
    },
  };
}
