import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openStore } from '../../db/client.ts';

// `npx tsx evals/bench/explain.ts --data DIR (--file query.sql | --dump FILE --n K)`: EXPLAIN ANALYZE one statement on a kept demo org.
const { values } = parseArgs({ options: { data: { type: 'string' }, file: { type: 'string' }, dump: { type: 'string' }, n: { type: 'string', default: '0' }, plain: { type: 'boolean', default: false }, cpu: { type: 'boolean', default: false } } });
const store = await openStore({ kind: 'pglite', dataDir: values.data!, command: 'explain' });
// --dump FILE --n K: the K-th statement profile.ts dumped (0 = slowest), with its parameters
const dumped = values.dump ? (JSON.parse(readFileSync(values.dump, 'utf8')) as { text: string; params?: unknown[] }[])[Number(values.n)]! : undefined;
const text = dumped?.text ?? readFileSync(values.file!, 'utf8');
if (values.cpu) {
  // --cpu: run the statement three times and print the CPU time of each (wall time on a shared machine is noise)
  for (let i = 0; i < 3; i++) {
    const cpu = process.cpuUsage();
    const r = await store.pglite!.query(text, dumped?.params ?? []);
    const used = process.cpuUsage(cpu);
    console.log(`cpu ${((used.user + used.system) / 1000).toFixed(1)} ms, ${r.rows.length} rows`);
  }
}
const start = performance.now();
const result = await store.pglite!.query<Record<string, unknown>>(values.plain ? text : `explain (analyze, buffers off) ${text}`, dumped?.params ?? []);
for (const row of result.rows) console.log(Object.values(row).join(' | '));
console.log(`${(performance.now() - start).toFixed(0)} ms`);
await store.close();
