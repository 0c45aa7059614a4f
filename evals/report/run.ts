import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CrmTaskReport } from '../crm-tasks/run.ts';
import { reportMarkdown } from './document.ts';
import { copilotMetrics, crmTaskMetrics, pickCopilotSet } from './parts-copilot.ts';
import { forecastMetrics, leadScoreMetrics, winProbabilityMetrics } from './parts-models.ts';
import { searchMetrics, signalsMetrics, toneMetrics } from './parts-text.ts';
import { EVAL_NOW, openSeededEvalStore } from './store.ts';
import { buildRows, exitCode, loadThresholds, summaryLine, type Metric } from './table.ts';

// `npm run eval [-- --date YYYY-MM-DD --quick --set heldout --only crm_tasks,copilot --cache DIR]`: every
// tracked metric against its target, in evals/reports/<date>.md and .json; exits 1 when a tracked metric
// misses its threshold or a part fails. All figures are computed under the fixed eval clock; the real clock
// only names the file when --date is not given. Not part of `npm test`: it takes minutes.

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    date: { type: 'string' },
    quick: { type: 'boolean', default: false },
    set: { type: 'string' },
    only: { type: 'string' },
    cache: { type: 'string', default: path.join(here, '../../.data/eval-cache') },
    out: { type: 'string', default: path.join(here, '../reports') },
  },
});
const date = values.date ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
  process.stderr.write(`--date takes YYYY-MM-DD, not "${date}"\n`);
  process.exit(2);
}
const PARTS = ['copilot', 'crm_tasks', 'win_probability', 'lead_score', 'forecast', 'signals', 'tone', 'search'] as const;
const only = values.only ? new Set(values.only.split(',')) : undefined;
for (const name of only ?? []) {
  if (!(PARTS as readonly string[]).includes(name)) {
    process.stderr.write(`--only takes a comma list of ${PARTS.join(', ')}; "${name}" is not one\n`);
    process.exit(2);
  }
}
const quick = values.quick;
const log = (line: string) => process.stdout.write(`${line}\n`);
const started = performance.now();
const store = await openSeededEvalStore({ cacheDir: values.cache, log });
const metrics: Metric[] = [];
const parts: { name: string; seconds: number; error?: string }[] = [];
const notes: string[] = [];
let crmTasks: CrmTaskReport | undefined;

async function part(name: (typeof PARTS)[number], run: () => Promise<Metric[]> | Metric[]): Promise<void> {
  if (only && !only.has(name)) return;
  const t0 = performance.now();
  log(`-- ${name}...`);
  try {
    const got = await run();
    metrics.push(...got);
    parts.push({ name, seconds: (performance.now() - t0) / 1000 });
    for (const m of got) log(`   ${m.id} = ${m.value === null ? '-' : Number(m.value.toFixed(4))}${m.note ? `  (${m.note})` : ''}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parts.push({ name, seconds: (performance.now() - t0) / 1000, error: message });
    log(`   FAILED: ${error instanceof Error ? (error.stack ?? message) : message}`);
  }
}

try {
  // read-only parts first; the copilot parts last (the CRM tasks approve lead_qualify, which records its result)
  await part('signals', signalsMetrics);
  await part('tone', toneMetrics);
  await part('search', () => searchMetrics(store));
  await part('lead_score', () => leadScoreMetrics(store));
  await part('forecast', () => forecastMetrics(store, quick));
  await part('win_probability', () => winProbabilityMetrics(store, quick));
  await part('copilot', async () => {
    const r = await copilotMetrics(store, pickCopilotSet(values.set), quick);
    notes.push(r.detail);
    return r.metrics;
  });
  await part('crm_tasks', async () => {
    const r = await crmTaskMetrics(store, quick);
    crmTasks = r.report;
    return r.metrics;
  });
} finally {
  await store.close();
}

const thresholds = loadThresholds();
const rows = buildRows(thresholds, metrics);
const units = new Map(thresholds.map((t) => [t.id, t.unit] as const));
let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
} catch {
  notes.push('not a git checkout: commit unknown');
}
const seconds = (performance.now() - started) / 1000;
const document = { date, evalClock: EVAL_NOW.toISOString(), commit, quick, seconds, rows, units, ...(crmTasks ? { crmTasks } : {}), parts, notes };
mkdirSync(values.out, { recursive: true });
const base = path.join(values.out, date);
writeFileSync(`${base}.md`, reportMarkdown(document));
writeFileSync(`${base}.json`, `${JSON.stringify({ ...document, units: Object.fromEntries(units), metrics }, null, 2)}\n`);
log(`\n${reportMarkdown(document).split('\n## CRM tasks')[0]}`);
log(`${summaryLine(rows)}; wrote ${path.relative(process.cwd(), base)}.md and .json`);
const failedParts = parts.filter((p) => p.error).length;
process.exitCode = failedParts > 0 ? 1 : exitCode(rows);
