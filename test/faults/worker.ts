import { fixedClock } from '../../core/clock.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import type { Actor } from '../../db/repos/scope.ts';
import { createCopilot, type CopilotEvent } from '../../graph/copilot.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { registry } from '../../tools/index.ts';
import { openRuntime } from '../../tools/runtime.ts';
import { scriptedModel } from '../helpers/scripted-model.ts';
import { stageScript } from '../helpers/stage-script.ts';

// One process of the fault tests: connects to the test's store over the `pg` driver, does one thing and
// prints `RESULT <json>`. With DEALWISE_FAULT_AT set it SIGKILLs itself at that point (core/faults.ts)
// and prints nothing. FAULT_WORKER (JSON):
//   { dbUrl, now, actor, op: 'tool', tool, input }                      one registry call (workflow_run...)
//   { dbUrl, now, actor, op: 'send', message } / { op: 'decide', approvalId }   the copilot, scripted

type Job = { dbUrl: string; now: string; actor: Actor } & ({ op: 'tool'; tool: string; input: Record<string, unknown> } | { op: 'send'; message: string } | { op: 'decide'; approvalId: string });

const job = JSON.parse(process.env.FAULT_WORKER ?? '{}') as Job;
const runtime = await openRuntime({
  env: parseEnv({ SEED_ON_EMPTY: 'false' }),
  clock: fixedClock(job.now),
  log: silentLogger,
  storeOptions: { kind: 'postgres', url: job.dbUrl, poolSize: 1 },
  embedder: createLocalEmbedder(),
});

async function collect(events: AsyncIterable<CopilotEvent>): Promise<CopilotEvent[]> {
  const out: CopilotEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

let result: unknown;
if (job.op === 'tool') {
  result = await registry.execute(job.tool, job.input, job.actor, { db: runtime.db, log: silentLogger, now: new Date(job.now), embedder: runtime.embedder });
} else {
  const copilot = createCopilot({ model: scriptedModel(stageScript), services: copilotServices(runtime, registry) });
  result = await collect(job.op === 'send' ? copilot.send({ message: job.message, actor: job.actor }) : copilot.decide({ actor: job.actor, approvalId: job.approvalId, decision: 'approve' }));
}
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
await runtime.close();
