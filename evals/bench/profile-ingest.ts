import { Session } from 'node:inspector/promises';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { PglitePreparedQuery } from 'drizzle-orm/pglite/session';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { dropChunkVectorIndex, ensureChunkVectorIndex } from '../../db/repos/ingest-vector-index.ts';
import { writeMailbox } from '../../test/fixtures/email/generate.ts';
import { createFixtureOrg, ORG_NOW } from '../../test/helpers/org.ts';
import { registry } from '../../tools/index.ts';
import { EMAIL_BATCH, importEmail } from '../../tools/ingest/email/import.ts';
import { genericCsv } from './generic-csv.ts';

// `npx tsx evals/bench/profile-ingest.ts --kind generic|maven|email [--rows 50000 --messages 5000 --workers N --prof FILE]`:
// one import into a fresh on-disk PGlite store holding the fixture org, with the CPU seconds of the
// process (user + system, every thread) and, with --prof, a V8 CPU profile of this thread during the
// import only (open it in Chrome DevTools or summarise it); with --sql, the CPU time of drizzle's statements
// by statement text, most expensive first (BEGIN/COMMIT and COPY are not drizzle statements: "the rest").

const statements = new Map<string, { n: number; ms: number }>();
function timeStatements(): void {
  const proto = PglitePreparedQuery.prototype as unknown as { queryWithCache: (q: string, p: unknown[], fn: () => Promise<unknown>) => Promise<unknown> };
  const original = proto.queryWithCache;
  proto.queryWithCache = async function (this: unknown, queryString, params, fn) {
    const start = process.cpuUsage();
    try {
      return await original.call(this, queryString, params, fn);
    } finally {
      const used = process.cpuUsage(start);
      const key = queryString.replace(/\s+/g, ' ').slice(0, 140);
      const s = statements.get(key) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += (used.user + used.system) / 1000;
      statements.set(key, s);
    }
  };
}

const { values } = parseArgs({
  options: { kind: { type: 'string', default: 'generic' }, rows: { type: 'string', default: '50000' }, messages: { type: 'string', default: '5000' }, workers: { type: 'string' }, batch: { type: 'string' }, prof: { type: 'string' }, sql: { type: 'boolean', default: false } },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const MAVEN_DIR = path.resolve(here, '../../../shared/data/maven_crm_sales_opportunities');
const dir = await mkdtemp(path.join(os.tmpdir(), 'dealwise-profile-ingest-'));
try {
  await mkdir(path.join(dir, 'store'));
  const store = await openStore({ kind: 'pglite', dataDir: path.join(dir, 'store') });
  await migrateStore(store);
  const org = await createFixtureOrg(store.db);
  let input: () => Promise<{ items: number; note: string }>;
  let indexSeconds = 0;
  if (values.kind === 'email') {
    const file = path.join(dir, 'bench.mbox');
    await writeMailbox(file, { messages: Number(values.messages), seed: 5 });
    const workers = values.workers === undefined ? Math.min(4, Math.max(1, os.cpus().length - 1)) : Number(values.workers);
    input = async () => {
      await dropChunkVectorIndex(store.db);
      const { report } = await importEmail(store.db, { kind: 'path', path: file }, {
        embedder: createLocalEmbedder(), now: ORG_NOW, scope: { kind: 'all' }, log: silentLogger, createLeads: true, itemsPerCommit: values.batch ? Number(values.batch) : EMAIL_BATCH, keepItems: 0, workers,
      });
      const started = performance.now();
      await ensureChunkVectorIndex(store.db);
      indexSeconds = (performance.now() - started) / 1000;
      return {
        items: report.created + report.unchanged + report.rejected.length,
        note: `${report.created} created, ${workers} worker(s), batches of ${values.batch ?? EMAIL_BATCH}; late correlation ${report.recorrelated?.considered ?? 0} items in ${((report.recorrelated?.ms ?? 0) / 1000).toFixed(2)} s`,
      };
    };
  } else {
    const target = values.kind === 'maven' ? MAVEN_DIR : path.join(dir, 'deals.csv');
    if (values.kind !== 'maven') await writeFile(target, genericCsv(Number(values.rows)));
    input = async () => {
      const result = await registry.execute('ingest_crm_csv', { path: target, preset: values.kind === 'maven' ? 'maven' : 'generic' }, org.users.admin, { db: store.db, log: silentLogger, now: ORG_NOW, embedder: createLocalEmbedder() });
      if (!result.ok) throw new Error(JSON.stringify(result.error).slice(0, 300));
      const d = result.data as { rows: number; created: number; updated: number; skipped: number; rejected: number };
      return { items: d.rows, note: `${d.created} created, ${d.updated} updated, ${d.skipped} skipped, ${d.rejected} rejected` };
    };
  }
  if (values.sql) timeStatements();
  const session = new Session();
  if (values.prof) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { items, note } = await input();
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  if (values.prof) {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(values.prof, JSON.stringify(profile));
  }
  const cpuS = (used.user + used.system) / 1e6;
  console.log(`${values.kind}: ${items} items in ${seconds.toFixed(2)} s = ${(items / seconds).toFixed(0)}/s; CPU ${cpuS.toFixed(2)} s = ${((cpuS / items) * 1000).toFixed(3)} s/1000; ${note}${indexSeconds > 0 ? `; vector index rebuilt in ${indexSeconds.toFixed(2)} s` : ''}`);
  if (values.sql) {
    const total = [...statements.values()].reduce((sum, s) => sum + s.ms, 0);
    console.log(`statements: ${(total / 1000).toFixed(2)} s CPU of ${cpuS.toFixed(2)} s`);
    for (const [text, s] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(`  ${(s.ms / 1000).toFixed(2).padStart(7)} s  ${String(s.n).padStart(6)}x  ${text}`);
  }
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
