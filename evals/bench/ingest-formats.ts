import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore, type Store } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { generateTranscripts } from '../../test/fixtures/transcripts/generate.ts';
import { createFixtureOrg, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { registry } from '../../tools/index.ts';
import { genericCsv } from './generic-csv.ts';

// The second half of `npm run bench:ingest` (alone: `tsx evals/bench/ingest-formats.ts [--transcripts 300 --rows 5000]`):
// transcript and CRM CSV import throughput through the tools, as every surface calls them (validation,
// scope, per-item transactions, signals, chunks and local embeddings), into an on-disk PGlite store
// holding the fixture org: generated Teams VTT meetings, the real AMI meetings (../shared/data, when
// present), a generated generic CSV and the Maven CRM set (when present). Each is imported twice: the
// second run finds every item unchanged (content hashes), which is the re-import cost.

const { values } = parseArgs({ options: { transcripts: { type: 'string', default: '300' }, rows: { type: 'string', default: '5000' }, 'csv-only': { type: 'boolean', default: false } }, strict: false });
const transcriptCount = Number(values.transcripts);
const csvRows = Number(values.rows);
const here = path.dirname(fileURLToPath(import.meta.url));
const AMI_DIR = path.resolve(here, '../../../shared/data/ami_meetings_qmsum/product_test');
const MAVEN_DIR = path.resolve(here, '../../../shared/data/maven_crm_sales_opportunities');

interface Row {
  stage: string;
  items: number;
  unit: string;
  ms: number;
  note: string;
  /** user + system CPU seconds of the process during the stage (comparable between runs on a loaded machine) */
  cpuS: number;
}
const out: Row[] = [];

async function freshStore(dir: string, name: string): Promise<{ store: Store; org: FixtureOrg }> {
  const dataDir = path.join(dir, name);
  await mkdir(dataDir, { recursive: true });
  const store = await openStore({ kind: 'pglite', dataDir });
  await migrateStore(store);
  return { store, org: await createFixtureOrg(store.db) };
}

async function call(store: Store, org: FixtureOrg, tool: string, input: unknown): Promise<Record<string, unknown>> {
  const result = await registry.execute(tool, input, org.users.admin, { db: store.db, log: silentLogger, now: ORG_NOW, embedder: createLocalEmbedder() });
  if (!result.ok) throw new Error(`${tool}: ${JSON.stringify(result.error).slice(0, 300)}`);
  return result.data as Record<string, unknown>;
}

async function timed(stage: string, unit: string, fn: () => Promise<{ items: number; note: string }>): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { items, note } = await fn();
  const used = process.cpuUsage(cpu);
  const row = { stage, items, unit, ms: performance.now() - started, note, cpuS: (used.user + used.system) / 1e6 };
  out.push(row);
  process.stderr.write(`  ${stage}: ${items} ${unit} in ${(row.ms / 1000).toFixed(2)} s\n`);
}

/** imports transcripts one tool call each; counts imported/unchanged */
async function importTranscripts(store: Store, org: FixtureOrg, files: { name: string; content: string; occurredAt?: Date }[]) {
  const status: Record<string, number> = {};
  for (const f of files) {
    const data = await call(store, org, 'ingest_transcript', { content: f.content, title: f.name, ...(f.occurredAt ? { occurredAt: f.occurredAt.toISOString() } : {}) });
    const s = String(data.status);
    status[s] = (status[s] ?? 0) + 1;
  }
  return Object.entries(status).map(([k, v]) => `${v} ${k}`).join(', ');
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'dealwise-bench-formats-'));
try {
  // transcripts: generated meetings, then again (all unchanged)
  if (!values['csv-only']) {
    const { store, org } = await freshStore(dir, 'transcripts');
    const meetings = [...generateTranscripts({ count: transcriptCount, seed: 11 })];
    const cues = meetings.reduce((sum, m) => sum + m.cues, 0);
    await timed('transcripts: generated Teams VTT', 'meetings', async () => ({ items: meetings.length, note: `${cues} cues (${Math.round(cues / meetings.length)}/meeting); ${await importTranscripts(store, org, meetings)}` }));
    await timed('transcripts: same files again', 'meetings', async () => ({ items: meetings.length, note: await importTranscripts(store, org, meetings) }));
    if (existsSync(AMI_DIR)) {
      const ami = readdirSync(AMI_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => ({ name: f, content: readFileSync(path.join(AMI_DIR, f), 'utf8') }));
      const mb = ami.reduce((sum, f) => sum + f.content.length, 0) / 1048576;
      await timed('transcripts: AMI meetings (real, JSON)', 'meetings', async () => ({ items: ami.length, note: `${mb.toFixed(1)} MB; ${await importTranscripts(store, org, ami)}` }));
    }
    await store.close();
  }
  // CSV: a generated generic export, the Maven set
  {
    const { store, org } = await freshStore(dir, 'csv');
    const file = path.join(dir, 'deals.csv');
    await writeFile(file, genericCsv(csvRows));
    const report = (d: Record<string, unknown>) => `${d.rows} rows: ${d.created} created, ${d.updated} updated, ${d.skipped} skipped, ${d.rejected} rejected`;
    await timed('csv: generated generic export', 'rows', async () => ({ items: csvRows, note: report(await call(store, org, 'ingest_crm_csv', { path: file, preset: 'generic' })) }));
    await timed('csv: same file again', 'rows', async () => ({ items: csvRows, note: report(await call(store, org, 'ingest_crm_csv', { path: file, preset: 'generic' })) }));
    if (existsSync(path.join(MAVEN_DIR, 'sales_pipeline.csv'))) {
      const rows = readFileSync(path.join(MAVEN_DIR, 'sales_pipeline.csv'), 'utf8').trim().split('\n').length - 1;
      await timed('csv: Maven CRM set (4 files)', 'deals', async () => ({ items: rows, note: report(await call(store, org, 'ingest_crm_csv', { path: MAVEN_DIR, preset: 'maven' })) }));
    }
    await store.close();
  }

  const width = Math.max(...out.map((r) => r.stage.length));
  const header = `${'stage'.padEnd(width)}  ${'items'.padStart(7)}  ${'seconds'.padStart(8)}  ${'items/s'.padStart(8)}  ${'CPU s/1000'.padStart(10)}  note`;
  const lines = out.map(
    (r) => `${r.stage.padEnd(width)}  ${`${r.items}`.padStart(7)}  ${(r.ms / 1000).toFixed(2).padStart(8)}  ${(r.items / (r.ms / 1000)).toFixed(0).padStart(8)}  ${((r.cpuS / Math.max(1, r.items)) * 1000).toFixed(3).padStart(10)}  ${r.unit}; ${r.note}`,
  );
  process.stdout.write(`\ntranscript and CSV ingestion, ${os.cpus().length} CPUs, Node ${process.versions.node}\n${header}\n${'-'.repeat(header.length)}\n${lines.join('\n')}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
