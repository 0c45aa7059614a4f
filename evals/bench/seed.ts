import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { rows } from '../../db/rows.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';
import { DEMO_NOW } from '../../test/helpers/demo.ts';

// `npx tsx evals/bench/seed.ts --scale 1 [--digest] [--data DIR]`: seeds the demo org (into memory, or a PGlite
// data dir) and prints each phase's wall and CPU seconds; --digest prints an md5 of every table's rows, so a
// faster seed can be shown to load the same data, byte for byte.

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, digest: { type: 'boolean', default: false }, data: { type: 'string' } } });
const scale = Number(values.scale);
const store = await openStore(values.data ? { kind: 'pglite', dataDir: values.data, command: 'bench-seed' } : { kind: 'pglite' });
await migrateStore(store);
const embedder = createLocalEmbedder();
const wall0 = performance.now();
const cpu0 = process.cpuUsage();
const mark = (what: string) => {
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${what.padEnd(40)} wall ${((performance.now() - wall0) / 1000).toFixed(1).padStart(7)} s  cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(7)} s\n`);
};
const log = { debug: (_: unknown, msg: string) => mark(msg), info: () => {}, warn: () => {}, error: () => {} } as never;
const report = await seedDemoOrg(store.db, { seed: 42, scale, now: DEMO_NOW, embedder, log });
mark('seedDemoOrg returned');
await refreshDealEmbeddings(store.db, embedder, DEMO_NOW);
mark('deal embeddings refreshed');
process.stdout.write(`${JSON.stringify(report.counts)}\n`);

if (values.digest) {
  const tables = await rows<{ tablename: string }>(store.db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  for (const { tablename } of tables) {
    const [row] = await rows<{ n: number; md5: string | null }>(
      store.db,
      sql.raw(`select count(*)::int as n, md5(string_agg(t::text, E'\\n' order by t::text)) as md5 from "${tablename}" t`),
    );
    process.stdout.write(`${tablename.padEnd(34)} ${String(row!.n).padStart(8)} ${row!.md5 ?? '-'}\n`);
  }
}
await store.close();
