import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { migratedTemplateBlob } from '../../test/helpers/db.ts';
import { openRuntime, type Runtime } from '../../tools/runtime.ts';
import { registry } from '../../tools/index.ts';
import { buildApp } from './app.ts';

describe('GET /health', () => {
  let runtime: Runtime | undefined;
  afterAll(() => runtime?.close());

  it('answers 503 while the store is opening and 200 once it is ready', async () => {
    const app = await buildApp({
      log: silentLogger,
      readiness: { runtime: () => runtime, startedAt: new Date('2026-06-15T12:00:00Z') },
      registry,
      actorFor: () => Promise.reject(new Error('not used')),
    });
    const starting = await app.inject({ method: 'GET', url: '/health' });
    expect(starting.statusCode).toBe(503);
    expect(starting.json()).toEqual({ status: 'starting', since: '2026-06-15T12:00:00.000Z' });

    runtime = await openRuntime({
      env: parseEnv({ SEED_ON_EMPTY: 'false' }),
      clock: fixedClock('2026-06-15T12:00:00Z'),
      log: silentLogger,
      storeOptions: { kind: 'pglite', loadDataDir: await migratedTemplateBlob() },
    });
    const ready = await app.inject({ method: 'GET', url: '/health' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', store: 'pglite', embeddings: 'local-hash-v1', seededOnStart: false });
    await app.close();
  });
});
