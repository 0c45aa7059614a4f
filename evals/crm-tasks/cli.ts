import { parseArgs } from 'node:util';
import { openSeededEvalStore } from '../report/store.ts';
import { runCrmTasks } from './run.ts';

// `npm run eval:crm-tasks [-- --quick --verbose --cache .data/eval-cache]`: the CRM tasks alone, per type.
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, cache: { type: 'string', default: '.data/eval-cache' } } });
const store = await openSeededEvalStore({ cacheDir: values.cache, log: (l) => process.stdout.write(`${l}\n`) });
try {
  const report = await runCrmTasks(store, {
    ...(values.quick ? { every: 4 } : {}),
    onResult: (r) => values.verbose && process.stdout.write(`${r.correct ? 'ok  ' : 'MISS'} ${r.id} [${r.tools.join(',') || '-'}] ${r.question} -> ${r.why}\n`),
  });
  process.stdout.write(`\nCRM tasks (set sha256 ${report.sha256.slice(0, 12)}): ${report.correct}/${report.total} right = ${(100 * report.accuracy).toFixed(1)}%\n`);
  for (const t of report.byType) process.stdout.write(`  ${t.type.padEnd(20)} ${String(t.correct).padStart(3)}/${String(t.total).padEnd(3)} ${(100 * t.accuracy).toFixed(1)}%\n`);
} finally {
  await store.close();
}
