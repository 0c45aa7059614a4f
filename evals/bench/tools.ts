import path from 'node:path';
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
import { benchCallers, benchInput, type BenchRole } from './tool-calls.ts';
import { writeFigures, type Figure } from './figures.ts';
import { serveOverWire } from './wire.ts';

// `npm run bench:tools [-- --scale 1 | --scales 1,3,10] [--runs 30] [--only risk,forecast] [--roles rep,manager,admin] [--data DIR] [--writes off]`
// Latency of every tool on the demo org, called through the registry as reps, managers and the admin. Each tool
// and role gets one first call (reported apart: cold plans and caches) and then `runs` calls, each with another
// caller or input (tool-calls.ts); every 10th call is preceded by a real write (an interaction logged), so a
// cache that forgot to invalidate would show. Write tools run with dryRun (same work, rolled back).
// --data keeps each seeded org in DIR/s<scale> and reuses it; --scales prints the p95s side by side.
// --figures FILE also writes the p50/p95 per tool and role as JSON rows (for `npm run bench`, evals/bench/all.ts).
// --pg calls the tools over the `pg` driver (the DATABASE_URL path) against the same PGlite served on loopback
// by pglite-socket: the plans and result handling of the wire path, not a real server's speed.
// "cpu p95" is this process's CPU time per call (PGlite runs in-process): on a shared machine the wall clock
// also counts the neighbours' work, the CPU time does not.

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' }, scales: { type: 'string' }, runs: { type: 'string', default: '30' }, only: { type: 'string' },
    roles: { type: 'string', default: 'rep,manager,admin' }, data: { type: 'string' }, writes: { type: 'string', default: 'on' },
    pg: { type: 'boolean', default: false }, figures: { type: 'string' },
  },
});
const scales = (values.scales ?? values.scale).split(',').map(Number);
const runs = Number(values.runs);
const roles = values.roles.split(',').map((r) => r.trim()) as BenchRole[];
const embedder = createLocalEmbedder();

interface Row { tool: string; role: BenchRole; first: number; p50: number; p95: number; cpu95: number; n: number; outcome: string }
const results = new Map<number, Row[]>();

for (const scale of scales) {
  const dataDir = values.data ? path.join(values.data, `s${scale}`) : undefined;
  const store = await openStore(dataDir ? { kind: 'pglite', dataDir, command: 'bench' } : { kind: 'pglite' });
  await migrateStore(store);
  const t0 = performance.now();
  if (await isStoreEmpty(store.db)) {
    const seeded = await seedDemoOrg(store.db, { seed: 42, scale, now: DEMO_NOW, embedder });
    await refreshDealEmbeddings(store.db, embedder, DEMO_NOW);
    process.stdout.write(`demo org at scale ${scale}: ${seeded.counts.opportunities} deals, ${seeded.counts.interactions} interactions, seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s\n\n`);
  } else process.stdout.write(`scale ${scale}: reusing the demo org in ${dataDir}\n\n`);

  const wire = values.pg ? await serveOverWire(store.pglite!) : undefined;
  const db = wire?.store.db ?? store.db;
  const callers = await benchCallers(db);
  const ctxOf = () => ({ db, log: silentLogger, now: DEMO_NOW, embedder });
  let writesDone = 0;
  const interleavedWrite = async () => {
    const rep = callers.rep[writesDone++ % callers.rep.length]!;
    const input = { ...EXAMPLES.interaction_log!(rep.targets), text: `Bench write ${writesDone}: spoke with them about timing.` };
    const result = await registry.execute('interaction_log', input, rep.actor, ctxOf());
    if (!result.ok) throw new Error(`bench: the interleaved write failed: ${result.error.message}`);
  };

  const header = `${'tool'.padEnd(30)} ${'role'.padEnd(8)} ${'first ms'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'cpu p95'.padStart(8)} ${'n'.padStart(4)}  result`;
  process.stdout.write(`${header}\n${'-'.repeat(header.length)}\n`);
  const rowsOfScale: Row[] = [];
  for (const name of registry.names()) {
    // --only takes comma-separated fragments: --only forecast,funnel,revenue
    if (values.only && !values.only.split(',').some((part) => name.includes(part.trim()))) continue;
    if (!EXAMPLES[name]) {
      process.stdout.write(`${name.padEnd(30)} (no example input)\n`);
      continue;
    }
    const writes = !registry.get(name)!.annotations.readOnlyHint;
    for (const role of roles) {
      const cast = callers[role];
      if (cast.length === 0) continue;
      const times: number[] = [];
      const cpuTimes: number[] = [];
      let first = 0;
      let outcome = 'ok';
      for (let i = 0; i <= runs; i++) {
        if (values.writes !== 'off' && i > 0 && i % 10 === 0) await interleavedWrite();
        const caller = cast[i % cast.length]!;
        const start = performance.now();
        const cpu = process.cpuUsage();
        const result = await registry.execute(name, benchInput(name, caller, i, writes), caller.actor, ctxOf());
        const ms = performance.now() - start;
        const used = process.cpuUsage(cpu);
        if (i === 0) first = ms;
        else {
          times.push(ms);
          cpuTimes.push((used.user + used.system) / 1000);
        }
        if (!result.ok) outcome = result.error.code;
      }
      const row: Row = { tool: name, role, first, p50: percentile(times, 0.5)!, p95: percentile(times, 0.95)!, cpu95: percentile(cpuTimes, 0.95)!, n: times.length, outcome };
      rowsOfScale.push(row);
      process.stdout.write(
        `${name.padEnd(30)} ${role.padEnd(8)} ${first.toFixed(1).padStart(9)} ${row.p50.toFixed(1).padStart(8)} ${row.p95.toFixed(1).padStart(8)} ${row.cpu95.toFixed(1).padStart(8)} ${String(row.n).padStart(4)}  ${outcome}\n`,
      );
    }
  }
  results.set(scale, rowsOfScale);
  await wire?.close();
  process.stdout.write(`\nRSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB after scale ${scale}\n\n`);
  await store.close();
}

if (scales.length > 1) {
  // the cost curve: p95 per scale side by side, so growth faster than the data shows
  process.stdout.write(`p95 ms by scale (wall/cpu)\n${'tool'.padEnd(30)} ${'role'.padEnd(8)} ${scales.map((s) => `x${s}`.padStart(13)).join(' ')}\n`);
  for (const row of results.get(scales[0]!)!) {
    const cells = scales.map((s) => {
      const at = results.get(s)!.find((r) => r.tool === row.tool && r.role === row.role);
      return at ? `${at.p95.toFixed(0)}/${at.cpu95.toFixed(0)}` : '-';
    });
    process.stdout.write(`${row.tool.padEnd(30)} ${row.role.padEnd(8)} ${cells.map((c) => c.padStart(13)).join(' ')}\n`);
  }
}

writeFigures(values.figures, [...results].flatMap(([scale, rows]) => rows.flatMap((r): Figure[] => [
  { area: 'tools', name: `${r.tool} as ${r.role}${scales.length > 1 ? ` x${scale}` : ''}`, metric: 'p50', value: r.p50, unit: 'ms', note: r.outcome },
  { area: 'tools', name: `${r.tool} as ${r.role}${scales.length > 1 ? ` x${scale}` : ''}`, metric: 'p95', value: r.p95, unit: 'ms', note: r.outcome },
])));
