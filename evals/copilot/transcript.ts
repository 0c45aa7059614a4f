import { readFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLocalModel } from '../../agents/models/local/index.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { findUserByEmail } from '../../db/repos/scope.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { registry } from '../../tools/index.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';
import { openThread } from './driver.ts';

// `npx tsx evals/copilot/transcript.ts [--snapshot FILE] [--as email] "turn one" "turn two" ...`: a
// conversation with the local model on the demo org, printed as a transcript. Writes show their preview
// and are approved (the stand-in for the graph's approval interrupt).

const NOW = new Date('2026-06-15T12:00:00Z');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { snapshot: { type: 'string' }, as: { type: 'string', default: 'maya.chen@dealwise.demo' } } });
const embedder = createLocalEmbedder();
const reuse = values.snapshot !== undefined && existsSync(values.snapshot);
const store = await openStore(reuse ? { kind: 'pglite', loadDataDir: new Blob([readFileSync(values.snapshot!)]) } : { kind: 'pglite' });
if (!reuse) {
  await migrateStore(store);
  await seedDemoOrg(store.db, { seed: 42, scale: 1, now: NOW, embedder });
  await refreshDealEmbeddings(store.db, embedder, NOW);
}
const actor = await findUserByEmail(store.db, values.as);
if (!actor) throw new Error(`no user ${values.as}`);
const thread = openThread({
  model: createLocalModel(),
  registry,
  services: { db: store.db, log: silentLogger, now: NOW, embedder },
  actor,
  approve: (call, preview) => {
    // derived-value writes (scores, memory, snapshots, alerts) run without asking, as in the graph
    if (/^(lead_score|lead_qualify|lead_remember|forecast_snapshot|alert_sync)$/.test(call.name)) return true;
    process.stdout.write(`\n  [approval] ${call.name} ${JSON.stringify(call.input)}\n  preview: ${JSON.stringify(preview).slice(0, 300)}\n  -> approved\n`);
    return true;
  },
});
for (const message of positionals) {
  const trace = await thread.send(message);
  process.stdout.write(`\n> ${message}\n`);
  for (const c of trace.calls) process.stdout.write(`  [${c.agent}] ${c.tool} ${JSON.stringify(c.input)}${c.ok ? '' : ` -> ${c.errorCode}`}\n`);
  process.stdout.write(`${trace.text}\n  (${trace.outcome}, ${trace.turnMs.toFixed(0)} ms)\n`);
}
await store.close();
