import os from 'node:os';
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.ts';
import { loadEnv } from '../../core/env.ts';
import { isAppError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { ensureChunkVectorIndex } from '../../db/repos/ingest-vector-index.ts';
import { loadScope, type Actor, type Scope } from '../../db/repos/scope.ts';
import { localActor } from '../core/services.ts';
import { claimStore, describeOwner, StoreLockedError, type StoreAccess } from '../remote.ts';
import { openRuntime } from '../runtime.ts';
import type { CliResult, CliRun } from './cli/context.ts';
import { MappingFileError, runCsv } from './cli/csv.ts';
import { runEmail } from './cli/email.ts';
import { recorrelatePending } from './correlation/recorrelate.ts';
import type { DateOrder, Delimiter } from './csv/sniff.ts';
import { importPlan, INPUT_KINDS, type ImportPart, type InputKind } from './cli/kind.ts';
import { runRemote } from './cli/remote.ts';
import { runTranscripts } from './cli/transcripts.ts';
import { PRESET_NAMES, type PresetName } from './csv/presets.ts';

// `npm run ingest -- <path> [options]`: imports mail, meeting transcripts or a CRM export into the store
// the app opens (DATABASE_URL, else PGlite under DATA_DIR), with a progress bar; the importer follows the
// file type (cli/kind.ts). An operator command: it sees every record unless --as names a user. When a
// server holds the embedded store (its lock file), the import runs as tool calls on that server instead
// (cli/remote.ts): the store is never opened twice. Items commit in batches; a killed import loses at most
// its last batch and a re-run finishes the job (stored items are skipped by content hash).

const USAGE = `usage: npm run ingest -- <file-or-folder> [options]
       npm run ingest -- --recorrelate [--as EMAIL]   try every item that matched no deal (or several) again
  what is imported follows the file type:
    .mbox .eml, or a folder of mail          email (as ingest_email)
    a folder mixing kinds                    each file through its own importer (CSV, then mail, then transcripts)
    .vtt .srt .sbv .json .txt, or a folder   meeting transcripts (as ingest_transcript; a .txt holding mail is mail)
    .csv, or a folder of CSV files           a CRM export (as ingest_crm_csv)
  --type KIND     email, transcript or csv, instead of guessing from the files
  --as EMAIL      import as this user: their scope decides what matches (default: everything)
  --batch N       items per commit (default: 500 messages, 500 rows, 20 transcripts)
  --plain         one plain progress line per committed batch instead of the bar (logs, scripts)
  --quiet         no progress bar
 email:
  --create-leads  create leads for unknown external senders (linked to the account by domain)
  --workers N     threads analysing messages (MIME, signals, embeddings) beside the one writing
                  (default: CPUs - 1, at most 4; 0 = all in one thread)
  --defer-index   drop the vector index during the import and rebuild it once at the end
                  (default with PGlite when the input is big next to the store)
  --keep-index    never drop it
 transcripts:
  --no-tasks      keep action items as text (default: each becomes a task of the colleague who took it)
 csv:
  --preset NAME   column mapping: generic, salesforce, hubspot, pipedrive, zoho, dynamics or maven
                  (default: recognised from the header, and said which)
  --delimiter C   field separator: , ; tab or | (default: detected)
  --date-order O  dmy (15.02.2027) or mdy (2/15/2027) for non-ISO dates (default: detected, else the preset's)
  --mapping FILE  a custom mapping (JSON, as ingest_crm_csv's mapping input) laid over the preset`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      type: { type: 'string' },
      'create-leads': { type: 'boolean', default: false },
      'no-tasks': { type: 'boolean', default: false },
      // kept for old scripts: tasks are the default now
      'create-tasks': { type: 'boolean', default: false },
      preset: { type: 'string' },
      delimiter: { type: 'string' },
      'date-order': { type: 'string' },
      mapping: { type: 'string' },
      as: { type: 'string' },
      batch: { type: 'string' },
      workers: { type: 'string' },
      'defer-index': { type: 'boolean', default: false },
      'keep-index': { type: 'boolean', default: false },
      plain: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      recorrelate: { type: 'boolean', default: false },
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
  if (values.recorrelate) {
    if (positionals.length > 0) return fail(`--recorrelate takes no file: it works on the whole store\n${USAGE}`);
    return recorrelateStore(values.as);
  }
  if (positionals.length !== 1) return fail(`give exactly one file or folder\n${USAGE}`);
  const target = path.resolve(positionals[0] as string);
  const exists = await stat(target).then(() => true, () => false);
  if (!exists) return fail(`no file or folder at ${target}`);
  const batch = values.batch === undefined ? undefined : Number(values.batch);
  if (batch !== undefined && (!Number.isInteger(batch) || batch < 1 || batch > 5000)) return fail(`--batch must be a whole number from 1 to 5000, got ${values.batch}`);
  const workers = values.workers === undefined ? Math.min(4, Math.max(0, os.cpus().length - 1)) : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 16) return fail(`--workers must be a whole number from 0 to 16, got ${values.workers}`);
  if (values.type !== undefined && !(INPUT_KINDS as readonly string[]).includes(values.type)) return fail(`--type must be one of ${INPUT_KINDS.join(', ')}, got ${values.type}`);
  if (values.preset !== undefined && !(PRESET_NAMES as readonly string[]).includes(values.preset)) return fail(`--preset must be one of ${PRESET_NAMES.join(', ')}, got ${values.preset}`);
  const delimiter = values.delimiter === 'tab' ? '\t' : values.delimiter;
  if (delimiter !== undefined && ![',', ';', '\t', '|'].includes(delimiter)) return fail(`--delimiter must be , ; tab or |, got ${values.delimiter}`);
  if (values['date-order'] !== undefined && !['dmy', 'mdy'].includes(values['date-order'])) return fail(`--date-order must be dmy or mdy, got ${values['date-order']}`);
  const plan: ImportPart[] = values.type !== undefined ? [{ kind: values.type as InputKind, target }] : await importPlan(target);
  if (!plan.some((p) => p.kind === 'csv') && (values.preset !== undefined || values.mapping !== undefined)) {
    return fail(`--preset and --mapping are for CSV files; ${target} is read as ${[...new Set(plan.map((p) => p.kind))].join(' and ')}`);
  }

  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  let access: StoreAccess;
  try {
    access = await claimStore(env, 'ingest');
  } catch (error) {
    if (error instanceof StoreLockedError) return fail(`${error.message}. ${error.hint ?? ''}`.trim());
    throw error;
  }
  if (access.mode === 'remote') {
    const { client, owner } = access;
    if (values.as) return fail(`--as needs the store opened directly, and a server holds it: ${describeOwner(owner)}. Stop the server to import as another user, or leave --as out to import as the server's local user`);
    console.error(`ingest: a server holds the store; importing through it (${owner.url}, pid ${owner.pid}) as its local user${values.batch || values.workers || values['defer-index'] ? '; --batch, --workers and --defer-index apply only to a direct import' : ''}`);
    await client.ready((status) => console.error(`ingest: waiting for the server at ${client.url} to finish starting (${status})`));
    const outcome = await runRemote(plan, client, { createLeads: values['create-leads'], createTasks: !values['no-tasks'], preset: values.preset, mapping: values.mapping });
    if (outcome.failed) {
      console.error(outcome.lines.join('\n'));
      return 1;
    }
    return print(outcome.lines.join('\n'), 0);
  }
  const runtime = await openRuntime({ env, clock: systemClock, log, command: 'ingest', ...(access.lock ? { lock: access.lock } : {}) });
  const index = { dropped: false };
  try {
    const actor: Actor | undefined = values.as ? await localActor(runtime, values.as) : undefined;
    const scope: Scope = actor ? await loadScope(runtime.db, actor) : { kind: 'all' };
    const now = runtime.clock.now();
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    const run: CliRun = {
      db: runtime.db, embedder: runtime.embedder, log, now, scope, actor, batch, workers, createLeads: values['create-leads'], createTasks: !values['no-tasks'], preset: values.preset, mapping: values.mapping,
      deferIndex: values['defer-index'], keepIndex: values['keep-index'], store: { kind: runtime.store.kind, location: runtime.store.location },
      progress: values.quiet ? 'quiet' : values.plain ? 'plain' : 'bar', signal: controller.signal, index,
    };
    const results: CliResult[] = [];
    try {
      for (const part of plan) {
        if (controller.signal.aborted) break;
        results.push(
          part.kind === 'csv' ? await runCsv(part.target, run, (values.preset as PresetName | undefined) ?? 'auto', { delimiter: delimiter as Delimiter | undefined, dateOrder: values['date-order'] as DateOrder | undefined })
          : part.kind === 'transcript' ? await runTranscripts(part.target, run, run.createTasks)
          : await runEmail(part.target, run),
        );
      }
    } catch (error) {
      if (error instanceof MappingFileError) return fail(error.message);
      throw error;
    } finally {
      process.off('SIGINT', stop);
    }
    const started = performance.now();
    // rebuilt when dropped, and created when an earlier import stopped before rebuilding it
    await ensureChunkVectorIndex(runtime.db);
    const rebuiltSeconds = index.dropped ? (performance.now() - started) / 1000 : null;
    index.dropped = false;
    for (const result of results) await appendAudit(runtime.db, { at: now, actorId: actor?.userId ?? null, actorRole: actor?.role ?? null, tool: 'cli:ingest', ...result.audit });
    // one block per importer run; a mixed folder names each file
    const lines = results.flatMap((r, i) => (plan.length > 1 ? [`${path.basename(plan[i]!.target)} (${plan[i]!.kind}):`, ...r.lines.map((l) => `  ${l}`)] : r.lines));
    if (rebuiltSeconds !== null) lines.push(`vector index rebuilt in ${rebuiltSeconds.toFixed(1)} s`);
    return print(lines.join('\n'), 0);
  } finally {
    if (index.dropped) await ensureChunkVectorIndex(runtime.db).catch((error: unknown) => console.error('ingest: could not rebuild the vector index:', error));
    await runtime.close();
  }
}

/** `--recorrelate`: every pending item of the store, tried again against the deals, contacts and accounts there now. */
async function recorrelateStore(as: string | undefined): Promise<number> {
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const runtime = await openRuntime({ env, clock: systemClock, log });
  try {
    const actor: Actor | undefined = as ? await localActor(runtime, as) : undefined;
    const scope: Scope = actor ? await loadScope(runtime.db, actor) : { kind: 'all' };
    const now = runtime.clock.now();
    const r = await recorrelatePending(runtime.db, { scope, actor, now });
    await appendAudit(runtime.db, { at: now, actorId: actor?.userId ?? null, actorRole: actor?.role ?? null, tool: 'cli:ingest', action: 'recorrelate', input: { recorrelate: true }, changes: { ...r } });
    return print(
      `${r.considered} pending items tried again in ${(r.ms / 1000).toFixed(1)} s: ${r.placed.merged} merged into a deal, ${r.placed.created} opened a deal, ${r.placed.hidden} belong to deals outside scope, ${r.pending} still pending; ${r.conflicts} conflicts recorded`,
      0,
    );
  } finally {
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
    // a store that cannot be opened (or another expected refusal): one line with what to do
    if (isAppError(error)) console.error(`ingest: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
    else console.error('ingest failed:', error);
    process.exitCode = 1;
  },
);
