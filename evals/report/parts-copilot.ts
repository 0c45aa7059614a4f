import { existsSync } from 'node:fs';
import { agents } from '../../agents/index.ts';
import { createLocalModel } from '../../agents/models/local/index.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import type { Store } from '../../db/client.ts';
import { registry } from '../../tools/index.ts';
import { checkAnswers } from '../copilot/answers.ts';
import { benchUnderstanding } from '../copilot/bench.ts';
import { loadDataset } from '../copilot/dataset.ts';
import { evaluate } from '../copilot/evaluate.ts';
import { summarize } from '../copilot/report.ts';
import { runCrmTasks, type CrmTaskReport } from '../crm-tasks/run.ts';
import { EVAL_NOW } from './store.ts';
import type { Metric } from './table.ts';

// The copilot's figures: the eval set (routing, arguments, answers) as `npm run eval:copilot` computes them,
// and the CRM tasks asked through send().

const datasetPath = (set: string) => new URL(`../datasets/copilot-${set}.jsonl`, import.meta.url).pathname;

/** The held-out set to report: the one named, else heldout2 when it exists, else heldout. */
export function pickCopilotSet(named?: string): string {
  if (named) return named;
  return existsSync(datasetPath('heldout2')) ? 'heldout2' : 'heldout';
}

export async function copilotMetrics(store: Store, set: string, quick: boolean): Promise<{ metrics: Metric[]; detail: string }> {
  const path = datasetPath(set);
  if (!/^[a-z0-9-]+$/i.test(set) || !existsSync(path)) return { metrics: [{ id: 'copilot.tool_accuracy', value: null, note: `no set ${path}` }], detail: `copilot set ${set}: not found` };
  const dataset = loadDataset(path);
  const conversations = quick ? dataset.conversations.filter((_, i) => i % 4 === 0) : dataset.conversations;
  const model = createLocalModel();
  const services = { db: store.db, log: silentLogger, now: EVAL_NOW, embedder: createLocalEmbedder() };
  const s = summarize(await evaluate(conversations, { model, registry, agents, db: store.db, now: EVAL_NOW, services }));
  const note = `copilot-${set}, ${conversations.length} conversations, ${s.turns} turns${quick ? ' (every 4th, --quick)' : ''}`;
  const checks = await checkAnswers({ model, registry, services, db: store.db, now: EVAL_NOW });
  const bench = await benchUnderstanding(conversations, model, registry, store.db, EVAL_NOW);
  const answersOk = checks.filter((c) => c.ok).length;
  return {
    metrics: [
      { id: 'copilot.tool_accuracy', value: s.toolAccuracy, note },
      { id: 'copilot.argument_accuracy', value: s.argumentAccuracy },
      { id: 'copilot.agent_accuracy', value: s.agentAccuracy },
      { id: 'copilot.out_of_scope_declined', value: s.outOfScopeDeclined },
      { id: 'copilot.compound', value: s.compound },
      { id: 'copilot.followups', value: s.followups },
      { id: 'copilot.clarify_rate', value: s.clarifyRate },
      { id: 'copilot.answer_numbers', value: checks.length ? answersOk / checks.length : null, note: `${answersOk}/${checks.length} answers hold the SQL figures` },
      { id: 'copilot.understand_p95_ms', value: bench.p95, note: `p50 ${bench.p50.toFixed(1)} ms over ${bench.n} requests, on a shared 2-core machine` },
      { id: 'copilot.turn_p95_ms', value: s.turnP95, note: 'whole offline turn, read tools' },
    ],
    detail: `copilot set ${set}: sha256 ${dataset.sha256}`,
  };
}

export async function crmTaskMetrics(store: Store, quick: boolean): Promise<{ metrics: Metric[]; report: CrmTaskReport }> {
  const report = await runCrmTasks(store, quick ? { every: 4 } : {});
  const conf = report.byType.find((t) => t.type === 'confidentiality')!;
  return {
    report,
    metrics: [
      { id: 'crm_tasks.overall', value: report.accuracy, note: `${report.correct}/${report.total} tasks, set sha256 ${report.sha256.slice(0, 12)}` },
      { id: 'crm_tasks.confidentiality', value: conf.total ? conf.accuracy : null, note: `${conf.correct}/${conf.total}` },
      ...report.byType.filter((t) => t.type !== 'confidentiality').map((t): Metric => ({ id: `crm_tasks.${t.type}`, value: t.total ? t.accuracy : null, note: `${t.correct}/${t.total}` })),
    ],
  };
}
