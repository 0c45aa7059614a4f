import os from 'node:os';
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.ts';
import { loadEnv } from '../../core/env.ts';
import { createLogger } from '../../core/logger.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { chunkCount, chunkVectorIndexExists, dropChunkVectorIndex, ensureChunkVectorIndex } from '../../db/repos/ingest-vector-index.ts';
import { loadScope, type Actor, type Scope } from '../../db/repos/scope.ts';
import { localActor } from '../core/services.ts';
import { openRuntime } from '../runtime.ts';
import { createProgressBar } from './core/progress.ts';
import type { IngestProgress } from './core/types.ts';
import { importEmail } from './email/import.ts';
import { emailFiles } from './email/items.ts';

// `npm run ingest -- <path> [options]`: imports an .mbox/.eml file or a folder of them into the store
// the app opens (DATABASE_URL, else PGlite under DATA_DIR), with a progress bar. An operator command:
// it sees every record unless --as names a user. Stop the server first when the store is PGlite (one
// process at a time). Items commit in batches; a killed import loses at most its last batch and a
// re-run finishes the job (already stored messages are skipped by content hash).

const USAGE = `usage: npm run ingest -- <file-or-folder> [--create-leads] [--as EMAIL] [--batch N] [--defer-index | --keep-index] [--plain | --quiet]
  --create-leads  create leads for unknown external senders (linked to the account by domain)
  --as EMAIL      import as this user: their scope decides which leads match (default: everything)
  --batch N       messages per commit (default 200)
  --workers N     threads analysing messages (MIME, signals, embeddings) beside the one writing
                  (default: CPUs - 1, at most 4; 0 = all in one thread)
  --defer-index   drop the vector index during the import and rebuild it once at the end
                  (default with PGlite when the input is big next to the store: rebuilding costs
                  ~1 ms per stored chunk, keeping it ~5 ms per new one)
  --keep-index    never drop it
  --plain         one plain progress line per committed batch instead of the bar (logs, scripts)
  --quiet         no progress bar`;

// ~1 KB of mail per chunk; defer when 5 ms x new > 1 ms x (stored + new), and the import is not small
const shouldDefer = (bytes: number, stored: number) => {
  const fresh = bytes / 1024;
  return fresh >= 2000 && 4 * fresh > stored;
};

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'create-leads': { type: 'boolean', default: false },
      as: { type: 'string' },
      batch: { type: 'string' },
      workers: { type: 'string' },
      'defer-index': { type: 'boolean', default: false },
      'keep-index': { type: 'boolean', default: false },
      plain: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = args;
  if (values.help) return print(USAGE, 0);
  if (positionals.length !== 1) return fail(`give exactly one file or folder\n${USAGE}`);
  const target = path.resolve(positionals[0] as string);
  const exists = await stat(target).then(() => true, () => false);
  if (!exists) return fail(`no file or folder at ${target}`);
  const batch = values.batch === undefined ? 200 : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 5000) return fail(`--batch must be a whole number from 1 to 5000, got ${values.batch}`);
  const workers = values.workers === undefined ? Math.min(4, Math.max(0, os.cpus().length - 1)) : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 16) return fail(`--workers must be a whole number from 0 to 16, got ${values.workers}`);

  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const runtime = await openRuntime({ env, clock: systemClock, log });
  let indexDropped = false;
  try {
    const actor: Actor | undefined = values.as ? await localActor(runtime, values.as) : undefined;
    const scope: Scope = actor ? await loadScope(runtime.db, actor) : { kind: 'all' };
    const { bytes, files } = await emailFiles(target);
    const defer = !values['keep-index'] && (values['defer-index'] || (runtime.store.kind === 'pglite' && shouldDefer(bytes, await chunkCount(runtime.db))));
    if (!(await chunkVectorIndexExists(runtime.db))) console.error('ingest: the vector index is missing (an earlier import stopped early); it is rebuilt at the end');
    if (defer) {
      await dropChunkVectorIndex(runtime.db);
      indexDropped = true;
    }
    const now = runtime.clock.now();
    console.error(`ingest: ${files.length} file(s), ${(bytes / 1048576).toFixed(1)} MB from ${target} into ${runtime.store.location}, ${workers} analysis worker(s)${defer ? ', vector index deferred' : ''}`);
    const bar = values.quiet
      ? undefined
      : values.plain
        ? { update: (p: IngestProgress) => console.error(`progress processed=${p.processed} created=${p.created} unchanged=${p.unchanged} rejected=${p.rejected}`), stop: () => undefined }
        : createProgressBar(bytes);
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    const { report, state } = await importEmail(
      runtime.db,
      { kind: 'path', path: target },
      { embedder: runtime.embedder, now, scope, actor, log, createLeads: values['create-leads'], itemsPerCommit: batch, workers, keepItems: 0, signal: controller.signal, ...(bar ? { onProgress: (p) => bar.update(p) } : {}) },
    );
    bar?.stop();
    process.off('SIGINT', stop);
    const started = performance.now();
    await ensureChunkVectorIndex(runtime.db);
    indexDropped = false;
    const indexMs = Math.round(performance.now() - started);
    await appendAudit(runtime.db, {
      at: now, actorId: actor?.userId ?? null, actorRole: actor?.role ?? null, tool: 'cli:ingest', action: 'email.imported',
      input: { path: target, createLeads: values['create-leads'], batch, workers },
      changes: { created: report.created, unchanged: report.unchanged, rejected: report.rejected.length, interactions: report.counts.interactions ?? 0, leadsCreated: state.leadsCreated.size },
    });
    const lines = [
      `${controller.signal.aborted ? 'stopped early' : 'done'} in ${(report.ms / 1000).toFixed(1)} s (${report.itemsPerSecond} messages/s)${defer ? `, vector index rebuilt in ${(indexMs / 1000).toFixed(1)} s` : ''}`,
      `  created      ${report.created}`,
      `  unchanged    ${report.unchanged}`,
      `  rejected     ${report.rejected.length}`,
      `  interactions ${report.counts.interactions ?? 0} (automated mail kept without one: ${report.counts.automated ?? 0})`,
      `  threads      ${state.threads.size}`,
      `  leads        ${state.leadsMatched.size} matched, ${state.leadsCreated.size} created`,
      `  chunks       ${report.chunks}`,
      ...report.rejected.slice(0, 20).map((r) => `  rejected #${r.position} ${r.origin ?? ''}: ${r.reason}`),
      ...(report.rejected.length > 20 ? [`  ... and ${report.rejected.length - 20} more rejections`] : []),
    ];
    return print(lines.join('\n'), 0);
  } finally {
    if (indexDropped) await ensureChunkVectorIndex(runtime.db).catch((error: unknown) => console.error('ingest: could not rebuild the vector index:', error));
    await runtime.close();
  }
}

function print(text: string, code: number): number {
  console.log(text);
  return code;
}

function fail(message: string): number {
  console.error(`ingest: ${message}`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('ingest failed:', error);
    process.exitCode = 1;
  },
);
