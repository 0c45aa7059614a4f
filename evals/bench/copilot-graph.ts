import { parseArgs } from 'node:util';
import { fixedClock } from '../../core/clock.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { percentile as percentileOrNull } from '../../core/stats/descriptive.ts';

const percentile = (values: number[], q: number) => percentileOrNull(values, q) ?? Number.NaN;
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { findUserByEmail } from '../../db/repos/scope.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { createCopilot } from '../../graph/copilot.ts';
import { DEMO_NOW } from '../../test/helpers/demo.ts';
import { scriptedModel } from '../../test/helpers/scripted-model.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { registry } from '../../tools/index.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';
import type { Runtime } from '../../tools/runtime.ts';

// `npx tsx evals/bench/copilot-graph.ts [--scale 1 --runs 20]`: what the graph itself costs per turn (supervisor,
// agent loop, one Send task, checkpoints written to the store) with an instant scripted model, beside the same
// read tool called straight through the registry. The model's own time (local or LLM) comes on top.

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '20' } } });
const scale = Number(values.scale);
const runs = Number(values.runs);

const store = await openStore({ kind: 'pglite' });
await migrateStore(store);
const embedder = createLocalEmbedder();
await seedDemoOrg(store.db, { seed: 42, scale, now: DEMO_NOW, embedder });
await refreshDealEmbeddings(store.db, embedder, DEMO_NOW);
const runtime: Runtime = { db: store.db, store, embedder, clock: fixedClock(DEMO_NOW), log: silentLogger, seeded: undefined, close: () => store.close() };
const found = await findUserByEmail(store.db, 'admin@dealwise.demo');
if (!found) throw new Error('demo admin missing');
const actor = found;

const cases: { tool: string; agent: string; input: Record<string, unknown> }[] = [
  { tool: 'pipeline_summary', agent: 'opportunity', input: {} },
  { tool: 'lead_search', agent: 'lead', input: { query: 'a', limit: 10 } },
  { tool: 'risk_scan', agent: 'intelligence', input: {} },
];

const services = copilotServices(runtime, registry);
process.stdout.write(`demo org at scale ${scale}, ${runs} runs each\n\n| tool | registry p50 | registry p95 | whole turn p50 | whole turn p95 | graph overhead p50 |\n|---|---|---|---|---|---|\n`);
{
  // no tool at all: the supervisor declines, so this is the graph and its checkpoint alone
  const copilot = createCopilot({ model: scriptedModel({ route: () => ({ kind: 'decline', text: 'no' }), step: () => ({ kind: 'answer', text: 'no' }) }), services });
  const turns: number[] = [];
  let threadId: string | undefined;
  for (let i = 0; i < runs + 2; i += 1) {
    const t = performance.now();
    for await (const event of copilot.send({ ...(threadId ? { threadId } : {}), message: 'decline', actor })) if (event.type === 'thread') threadId = event.threadId;
    if (i >= 2) turns.push(performance.now() - t);
  }
  process.stdout.write(`| (no tool, one thread of ${runs + 2} turns) | - | - | ${percentile(turns, 0.5).toFixed(0)} ms | ${percentile(turns, 0.95).toFixed(0)} ms | ${percentile(turns, 0.5).toFixed(0)} ms |\n`);
}
for (const c of cases) {
  const model = scriptedModel({
    route: () => ({ kind: 'plan', steps: [{ agent: c.agent, request: c.tool }] }),
    step: (_request, turn) => (turn.last ? { kind: 'answer', text: 'done' } : { kind: 'tool_calls', calls: [{ id: 'x', name: c.tool, input: c.input }] }),
  });
  const copilot = createCopilot({ model, services });
  const direct: number[] = [];
  const turns: number[] = [];
  for (let i = 0; i < runs + 2; i += 1) {
    let t = performance.now();
    await services.callTool(c.tool, c.input, actor);
    const d = performance.now() - t;
    t = performance.now();
    for await (const _event of copilot.send({ message: c.tool, actor })) void _event;
    const w = performance.now() - t;
    // the first two runs warm caches and JIT
    if (i >= 2) {
      direct.push(d);
      turns.push(w);
    }
  }
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const overhead = percentile(turns, 0.5) - percentile(direct, 0.5);
  process.stdout.write(`| ${c.tool} | ${ms(percentile(direct, 0.5))} | ${ms(percentile(direct, 0.95))} | ${ms(percentile(turns, 0.5))} | ${ms(percentile(turns, 0.95))} | ${ms(overhead)} |\n`);
}
await store.close();
