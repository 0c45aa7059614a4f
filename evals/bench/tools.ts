import { parseArgs } from 'node:util';
import { percentile } from '../../core/stats/descriptive.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { isStoreEmpty, seedDemoOrg } from '../../db/seed/index.ts';
import { registry } from '../../tools/index.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';
import { DEMO_NOW } from '../../test/helpers/demo.ts';
import { EXAMPLES } from '../../test/role-matrix/examples.ts';
import { loadCast, targetsOf } from '../../test/role-matrix/records.ts';

// `npm run bench [-- --scale 1 --runs 15 --only lead,forecast]`: p50/p95 latency of every tool on the demo org,
// called through the registry as a rep and as an admin. Write tools run with dryRun (same work, rolled back).

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '15' }, only: { type: 'string' }, data: { type: 'string' } },
});
const scale = Number(values.scale);
const runs = Number(values.runs);

// --data DIR keeps the seeded org in a folder and reuses it on the next run (seeding scale 10 takes minutes)
const store = await openStore(values.data ? { kind: 'pglite', dataDir: values.data, command: 'bench' } : { kind: 'pglite' });
await migrateStore(store);
const embedder = createLocalEmbedder();
const t0 = performance.now();
if (await isStoreEmpty(store.db)) {
  const seeded = await seedDemoOrg(store.db, { seed: 42, scale, now: DEMO_NOW, embedder });
  await refreshDealEmbeddings(store.db, embedder, DEMO_NOW);
  process.stdout.write(`demo org at scale ${scale}: ${seeded.counts.opportunities} deals, ${seeded.counts.interactions} interactions, seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s\n\n`);
} else process.stdout.write(`reusing the demo org in ${values.data}\n\n`);

const cast = await loadCast(store.db);
const targets = await targetsOf(store.db, cast.repA);
const header = `${'tool'.padEnd(30)} ${'role'.padEnd(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'n'.padStart(4)}  result`;
process.stdout.write(`${header}\n${'-'.repeat(header.length)}\n`);
for (const name of registry.names()) {
  // --only takes comma-separated fragments: --only forecast,funnel,revenue
  if (values.only && !values.only.split(',').some((part) => name.includes(part.trim()))) continue;
  const example = EXAMPLES[name];
  if (!example) {
    process.stdout.write(`${name.padEnd(30)} (no example input)\n`);
    continue;
  }
  const writes = !registry.get(name)!.annotations.readOnlyHint;
  for (const [role, actor] of [['rep', cast.repA], ['admin', cast.admin]] as const) {
    const input = { ...example(targets), ...(writes ? { dryRun: true } : {}) };
    const times: number[] = [];
    let outcome = 'ok';
    for (let i = 0; i < runs + 2; i++) {
      const start = performance.now();
      const result = await registry.execute(name, input, actor, { db: store.db, log: silentLogger, now: DEMO_NOW, embedder });
      const ms = performance.now() - start;
      if (i >= 2) times.push(ms); // two warm-up calls: JIT and caches
      if (!result.ok) outcome = result.error.code;
    }
    const line = `${name.padEnd(30)} ${role.padEnd(6)} ${percentile(times, 0.5)!.toFixed(1).padStart(8)} ${percentile(times, 0.95)!.toFixed(1).padStart(8)} ${String(times.length).padStart(4)}  ${outcome}`;
    process.stdout.write(`${line}\n`);
  }
}
await store.close();
