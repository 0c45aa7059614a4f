import { createLocalModel } from '../../agents/models/local/index.ts';
import type { CopilotModel } from '../../agents/models/types.ts';
import { fixedClock } from '../../core/clock.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import type { Store } from '../../db/client.ts';
import { findUserByEmail } from '../../db/repos/scope.ts';
import { createCopilot, type CopilotActor, type CopilotEvent } from '../../graph/copilot.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { createEntityDirectory } from '../../tools/core/directory.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { EVAL_NOW } from '../report/store.ts';
import { generateTasks } from './generate.ts';
import { judge } from './score.ts';
import { TASK_TYPES, type CrmTask, type TaskType } from './task.ts';

// Asks every CRM task through the real copilot (graph/copilot.ts send(), the local model unless told) as
// the task's actor, one new thread per task, and judges the answer text. Approvals: the eval approves the
// writes that only record an assessment (lead_qualify, lead_score) so their answer can be read, and rejects
// every other write, so one task never changes the data another task's answer was computed from.

const APPROVED_IN_EVAL = new Set(['lead_qualify', 'lead_score']);

export interface TaskResult {
  id: string;
  type: TaskType;
  actor: string;
  question: string;
  expected: string;
  tools: string[];
  answer: string;
  correct: boolean;
  why: string;
  ms: number;
}

export interface CrmTaskReport {
  sha256: string;
  total: number;
  correct: number;
  accuracy: number;
  byType: { type: TaskType; total: number; correct: number; accuracy: number }[];
  results: TaskResult[];
}

export interface CrmTaskOptions {
  model?: CopilotModel;
  /** keep every n-th task of each type (the --quick run) */
  every?: number;
  onResult?: (r: TaskResult) => void;
}

function runtimeOf(store: Store): Runtime {
  return { db: store.db, store, embedder: createLocalEmbedder(), clock: fixedClock(EVAL_NOW), log: silentLogger, seeded: undefined, close: () => store.close() };
}

export async function runCrmTasks(store: Store, options: CrmTaskOptions = {}): Promise<CrmTaskReport> {
  const generated = await generateTasks(store.db);
  const every = options.every ?? 1;
  const tasks = TASK_TYPES.flatMap((type) => generated.tasks.filter((t) => t.type === type).filter((_, i) => i % every === 0));
  const runtime = runtimeOf(store);
  const directories = new Map<string, ReturnType<typeof createEntityDirectory>>();
  const copilot = createCopilot({
    model: options.model ?? createLocalModel(),
    services: copilotServices(runtime, registry),
    directory: (a: CopilotActor) => {
      let d = directories.get(a.userId);
      if (!d) directories.set(a.userId, (d = createEntityDirectory({ db: store.db }, { userId: a.userId, role: a.role, teamId: a.teamId ?? null })));
      return d;
    },
  });
  const results: TaskResult[] = [];
  for (const task of tasks) {
    const result = await ask(copilot, store, task);
    results.push(result);
    options.onResult?.(result);
  }
  const correct = results.filter((r) => r.correct).length;
  return {
    sha256: generated.sha256,
    total: results.length,
    correct,
    accuracy: results.length ? correct / results.length : 0,
    byType: TASK_TYPES.map((type) => {
      const of = results.filter((r) => r.type === type);
      const ok = of.filter((r) => r.correct).length;
      return { type, total: of.length, correct: ok, accuracy: of.length ? ok / of.length : 0 };
    }),
    results,
  };
}

async function ask(copilot: ReturnType<typeof createCopilot>, store: Store, task: CrmTask): Promise<TaskResult> {
  const actor = await findUserByEmail(store.db, task.actor);
  if (!actor) throw new Error(`${task.id}: no demo user ${task.actor}`);
  const t0 = performance.now();
  const tools: string[] = [];
  const texts: string[] = [];
  const pending: { id: string; tool: string }[] = [];
  const collect = async (events: AsyncIterable<CopilotEvent>) => {
    for await (const e of events) {
      if (e.type === 'tool_start') tools.push(e.name);
      else if (e.type === 'answer') texts.push(e.text);
      else if (e.type === 'error') texts.push(`[error ${e.code}] ${e.message}`);
      else if (e.type === 'approval_required') pending.push({ id: e.approvalId, tool: e.tool });
    }
  };
  await collect(copilot.send({ message: task.question, actor }));
  // approvals may chain (a resumed turn can ask again); a bounded number of rounds
  for (let round = 0; round < 4 && pending.length > 0; round++) {
    const { id, tool } = pending.shift()!;
    await collect(copilot.decide({ actor, approvalId: id, decision: APPROVED_IN_EVAL.has(tool) ? 'approve' : 'reject' }));
  }
  const answer = texts.join('\n\n');
  const verdict = judge(answer, task.expect);
  return { id: task.id, type: task.type, actor: task.actor, question: task.question, expected: task.answer, tools, answer, correct: verdict.correct, why: verdict.why, ms: performance.now() - t0 };
}
