import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { leads } from '../../db/schema/index.ts';
import { buildApp } from '../../server/http/app.ts';
import { registry } from '../../tools/index.ts';
import { openRuntime, type Runtime } from '../../tools/runtime.ts';
import { freePort } from '../helpers/net.ts';
import { createFixtureOrg, ORG_NOW, type FixtureOrg } from '../helpers/org.ts';

// The pg path (DATABASE_URL) against a real Postgres on loopback that this test starts (initdb in a temp dir,
// as the postgres user), kills in the middle of a request and starts again: the request gets a 503 naming
// the database (no crash, no hang), /readyz says 503 while it is down, and the same process serves again
// once it is back (the pool opens new connections). Needs Debian's postgresql binaries and pgvector;
// skipped with the reason when they are missing.

const bin = (() => {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  return version ? path.join(root, version, 'bin') : undefined;
})();
const vectorInstalled = bin !== undefined && existsSync(path.join(bin, '../../../../share/postgresql', path.basename(path.dirname(bin)), 'extension/vector.control'));
const asPostgres = (args: string[]) => (process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...args]] as const : [args[0]!, args.slice(1)] as const);
const missing = !bin || !existsSync(path.join(bin, 'initdb')) ? 'no PostgreSQL server binaries (apt install postgresql)' : !vectorInstalled ? 'pgvector is not installed in that PostgreSQL' : undefined;
if (missing) console.warn(`pg-connection.fault.test.ts skipped: ${missing}`);

describe.skipIf(missing !== undefined)('the Postgres server killed and restarted under a running server', () => {
  let dir: string;
  let port: number;
  let server: ChildProcess | undefined;
  let runtime: Runtime;
  let org: FixtureOrg;
  let app: FastifyInstance;
  const url = () => `postgres://postgres@127.0.0.1:${port}/postgres`;

  const run = (args: string[]) => {
    const [cmd, rest] = asPostgres(args);
    const out = spawnSync(cmd, [...rest], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`${args.join(' ')}: ${out.stderr}`);
  };
  const startServer = async () => {
    const [cmd, rest] = asPostgres([path.join(bin!, 'postgres'), '-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
    server = spawn(cmd, [...rest], { stdio: 'ignore' });
    // wait until it accepts connections (a readiness poll, not a timing assumption)
    for (;;) {
      const probe = new pg.Client({ connectionString: url() });
      try {
        await probe.connect();
        await probe.end();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const stopServer = () => run([path.join(bin!, 'pg_ctl'), '-D', dir, '-m', 'immediate', '-w', 'stop']);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dealwise-pg-'));
    if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', dir]);
    run([path.join(bin!, 'initdb'), '-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    port = await freePort();
    await startServer();
    runtime = await openRuntime({ env: parseEnv({ SEED_ON_EMPTY: 'false' }), clock: fixedClock(ORG_NOW), log: silentLogger, storeOptions: { kind: 'postgres', url: url(), poolSize: 4 } });
    org = await createFixtureOrg(runtime.db);
    await runtime.db.insert(leads).values({ fullName: 'Pat Postgres', email: 'pat@example.com', ownerId: org.users.repAnna.userId });
    app = await buildApp({ log: silentLogger, readiness: { runtime: () => runtime, startedAt: ORG_NOW }, registry, actorFor: async () => org.users.admin });
  });
  afterAll(async () => {
    // the server first: a failed test must not leave a Postgres running (nor app.close() wait on a blocked query)
    if (server && server.exitCode === null) stopServer();
    await app?.close();
    await runtime?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  const search = () => app.inject({ method: 'POST', url: '/v1/tools/lead_search', payload: { query: 'Pat' } });

  it('answers 503 for the request in flight and while down, and serves again once Postgres is back', async () => {
    expect((await search()).json()).toMatchObject({ ok: true, data: { page: { total: 1 } } });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);

    // hold the request mid-query: another session locks the table it reads, then the server dies under it
    const locker = new pg.Client({ connectionString: url() });
    locker.on('error', () => {});
    await locker.connect();
    await locker.query('begin; lock table leads in access exclusive mode');
    const inFlight = search();
    // watched from a session of its own: inside the locker's transaction pg_stat_activity is one frozen snapshot
    const watcher = new pg.Client({ connectionString: url() });
    watcher.on('error', () => {});
    await watcher.connect();
    for (;;) {
      const waiting = await watcher.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%from "leads"%'`);
      if ((waiting.rows[0] as { n: number }).n > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    stopServer();
    const failed = await inFlight;
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({ ok: false, error: { code: 'unavailable:store', message: expect.stringMatching(/^The database cannot be reached/), hint: expect.stringContaining('/readyz') } });

    // while it is down: a clear 503 at once (connection refused), the process still up
    const down = await search();
    expect([down.statusCode, down.json().error.code]).toEqual([503, 'unavailable:store']);
    const notReady = await app.inject({ method: 'GET', url: '/readyz' });
    expect([notReady.statusCode, notReady.json().error.code]).toEqual([503, 'unavailable:store']);
    expect((await app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);
    expect(registry.failureCounts().lead_search ?? 0).toBe(0);

    await startServer();
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await search()).json()).toMatchObject({ ok: true, data: { leads: [{ fullName: 'Pat Postgres' }] } });
    await locker.end().catch(() => {});
    await watcher.end().catch(() => {});
  });
});
