import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore } from '../../db/client.ts';
import { registry } from '../../tools/index.ts';
import { DEMO_NOW } from '../../test/helpers/demo.ts';
import { EXAMPLES } from '../../test/role-matrix/examples.ts';
import { loadCast, targetsOf } from '../../test/role-matrix/records.ts';

// `npx tsx evals/bench/profile.ts --data DIR --tool risk_scan --role rep`: one tool call on a kept demo org
// (see `npm run bench:tools -- --data`), with the time of every SQL statement it ran, slowest first; --dump FILE
// writes the statements with their parameters for explain.ts.

const { values } = parseArgs({ options: { data: { type: 'string' }, tool: { type: 'string' }, role: { type: 'string', default: 'rep' }, runs: { type: 'string', default: '2' }, top: { type: 'string', default: '8' }, dump: { type: 'string' } } });
if (!values.data || !values.tool) throw new Error('usage: profile.ts --data DIR --tool NAME [--role rep|manager|admin]');
const store = await openStore({ kind: 'pglite', dataDir: values.data, command: 'profile' });
const client = store.pglite!;
const timings: { ms: number; sql: string; text: string; params: unknown }[] = [];
for (const method of ['query', 'exec'] as const) {
  const original = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!.bind(client);
  (client as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
    // CPU time, not wall time: on a shared machine the wall clock mostly measures the neighbours (PGlite runs in this thread)
    const start = process.cpuUsage();
    try {
      return await original(...args);
    } finally {
      const used = process.cpuUsage(start);
      timings.push({ ms: (used.user + used.system) / 1000, sql: String(args[0]).replace(/\s+/g, ' ').slice(0, 300), text: String(args[0]), params: args[1] });
    }
  };
}
const cast = await loadCast(store.db);
const targets = await targetsOf(store.db, cast.repA);
const actor = values.role === 'admin' ? cast.admin : values.role === 'manager' ? cast.managerA : cast.repA;
const embedder = createLocalEmbedder();
for (let run = 0; run < Number(values.runs); run++) {
  timings.length = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await registry.execute(values.tool, EXAMPLES[values.tool]!(targets), actor, { db: store.db, log: silentLogger, now: DEMO_NOW, embedder });
  const total = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const sqlMs = timings.reduce((s, t) => s + t.ms, 0);
  console.log(`run ${run}: ${total.toFixed(0)} ms total (cpu ${((used.user + used.system) / 1000).toFixed(0)} ms), ${sqlMs.toFixed(0)} ms cpu in ${timings.length} statements, ok=${result.ok}`);
  if (values.dump) writeFileSync(values.dump, JSON.stringify([...timings].sort((a, b) => b.ms - a.ms).map(({ text, params }) => ({ text, params })), null, 1));
  for (const t of [...timings].sort((a, b) => b.ms - a.ms).slice(0, Number(values.top))) console.log(`  ${t.ms.toFixed(1).padStart(8)}  ${t.sql}`);
}
await store.close();
