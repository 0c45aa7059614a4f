import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { agents } from '../../agents/index.ts';
import { createLocalModel } from '../../agents/models/local/index.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { registry } from '../../tools/index.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';
import { evaluate } from './evaluate.ts';
import { loadDataset } from './dataset.ts';
import { formatReport } from './report.ts';
import { checkAnswers, formatAnswers } from './answers.ts';
import { benchUnderstanding } from './bench.ts';

// `npm run eval:copilot [-- --set dev|dev2|heldout --scale 1 --verbose]` (any copilot-<set>.jsonl in evals/datasets): the local model on the copilot eval
// set, against the demo org (seed 42) on the eval clock, in an in-memory store. Prints the table.

const EVAL_NOW = new Date('2026-06-15T12:00:00Z');
const { values } = parseArgs({ options: { set: { type: 'string', default: 'dev' }, scale: { type: 'string', default: '1' }, verbose: { type: 'boolean', default: false }, snapshot: { type: 'string' } } });
if (!/^[a-z0-9-]+$/i.test(values.set)) {
  process.stderr.write(`--set takes a set name (dev, dev2, heldout), not "${values.set}"\n`);
  process.exit(2);
}
const path = new URL(`../datasets/copilot-${values.set}.jsonl`, import.meta.url).pathname;
if (!existsSync(path)) {
  process.stdout.write(`${path} is not here yet (the ${values.set} set lands separately); nothing to evaluate.\n`);
  process.exit(0);
}
const dataset = loadDataset(path);
process.stdout.write(`set ${values.set}: ${dataset.conversations.length} conversations, sha256 ${dataset.sha256}\n`);

// --snapshot FILE: reuse a dump of the seeded store (seeding scale 1 takes about a minute); written when missing
const embedder = createLocalEmbedder();
const t0 = performance.now();
const snapshot = values.snapshot;
const reuse = snapshot !== undefined && existsSync(snapshot);
const store = await openStore(reuse ? { kind: 'pglite', loadDataDir: new Blob([readFileSync(snapshot)]) } : { kind: 'pglite' });
// a snapshot from before a newer migration is brought up to date (migrations are idempotent)
await migrateStore(store);
if (!reuse) {
  await seedDemoOrg(store.db, { seed: 42, scale: Number(values.scale), now: EVAL_NOW, embedder });
  await refreshDealEmbeddings(store.db, embedder, EVAL_NOW);
  if (snapshot) writeFileSync(snapshot, Buffer.from(await (await store.pglite!.dumpDataDir('none')).arrayBuffer()));
}
process.stdout.write(`demo org at scale ${values.scale} ${reuse ? 'loaded from snapshot' : 'seeded'} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n\n`);

const coldStart = performance.now();
const model = createLocalModel();
const coldStartMs = performance.now() - coldStart;
const scores = await evaluate(dataset.conversations, { model, registry, agents, db: store.db, now: EVAL_NOW, services: { db: store.db, log: silentLogger, now: EVAL_NOW, embedder } });
process.stdout.write(`${formatReport(`Local model on copilot-${values.set} (${dataset.conversations.length} conversations)`, scores, coldStartMs)}\n`);
const bench = await benchUnderstanding(dataset.conversations, model, registry, store.db, EVAL_NOW);
process.stdout.write(`\nBench, routing + slot filling without tools (${bench.n} requests, warm): p50 ${bench.p50.toFixed(2)} ms, p95 ${bench.p95.toFixed(2)} ms (target p95 < 20 ms)\n`);
const services = { db: store.db, log: silentLogger, now: EVAL_NOW, embedder };
process.stdout.write(`\n${formatAnswers(await checkAnswers({ model, registry, services, db: store.db, now: EVAL_NOW }))}\n`);
if (values.verbose) {
  process.stdout.write('\nWrong turns:\n');
  for (const s of scores.filter((x) => !x.correct)) process.stdout.write(`  ${s.conversation}#${s.turn} [${s.category}] "${s.user}": ${s.why}\n`);
  for (const s of scores.filter((x) => x.correct && x.expected === 'calls' && x.outcome === 'clarify')) process.stdout.write(`  (right calls, then a question) ${s.conversation}#${s.turn} "${s.user}"\n`);
  process.stdout.write('\nSlowest routing + slot filling:\n');
  for (const s of [...scores].sort((a, b) => b.understandMs - a.understandMs).slice(0, 8)) process.stdout.write(`  ${s.understandMs.toFixed(1)} ms  ${s.conversation}#${s.turn} "${s.user}"\n`);
}
await store.close();
