import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ToolResult } from '../../registry.ts';
import type { RemoteTools } from '../../remote.ts';
import { dealsLine } from './context.ts';
import { fileKind, folderFiles, type ImportPart } from './kind.ts';

// `npm run ingest` while a server holds the embedded store: the same import as ingest_email,
// ingest_transcript and ingest_crm_csv calls on that server, given the file's path (this machine is the
// server's machine: the lock file says so), acting as the server's local user, who must be an admin to
// import from a path. The server audits each call; its progress is not streamed back.

export interface RemoteIngestOptions {
  createLeads: boolean;
  createTasks: boolean;
  preset: string | undefined;
  /** a custom CSV mapping file, sent as the tool's mapping input */
  mapping: string | undefined;
}

export interface RemoteIngestOutcome {
  lines: string[];
  failed: boolean;
}

type Data = Record<string, unknown>;
const n = (data: Data, key: string) => (typeof data[key] === 'number' ? (data[key] as number) : 0);

function errorLine(result: Extract<ToolResult, { ok: false }>, what: string): string {
  const { code, message, hint } = result.error;
  return `${what}: ${code}: ${message}${hint ? ` (${hint})` : ''}`;
}

async function email(client: RemoteTools, target: string, options: RemoteIngestOptions): Promise<RemoteIngestOutcome> {
  const result = await client.call('ingest_email', { path: target, createLeads: options.createLeads, createTasks: options.createTasks });
  if (!result.ok) return { lines: [errorLine(result, path.basename(target))], failed: true };
  const d = result.data as Data;
  return {
    lines: [
      'done (through the server)',
      `  created      ${n(d, 'created')}`,
      `  unchanged    ${n(d, 'unchanged')}`,
      `  rejected     ${n(d, 'rejectedCount')}`,
      `  interactions ${n(d, 'interactions')} (automated mail kept without one: ${n(d, 'automated')})`,
      `  threads      ${n(d, 'threads')}`,
      dealsLine((d.correlation ?? {}) as Record<string, number>),
    ],
    failed: false,
  };
}

async function transcripts(client: RemoteTools, target: string, options: RemoteIngestOptions): Promise<RemoteIngestOutcome> {
  const isFolder = (await stat(target)).isDirectory();
  const files = isFolder ? (await Promise.all((await folderFiles(target)).map(async (f) => ((await fileKind(f)) === 'transcript' ? [f] : [])))).flat() : [target];
  const tally = { imported: 0, unchanged: 0, rejected: 0 };
  const lines: string[] = [];
  let failed = false;
  for (const file of files) {
    const result = await client.call('ingest_transcript', { path: file, createTasks: options.createTasks });
    if (!result.ok) {
      lines.push(`  ${errorLine(result, path.basename(file))}`);
      failed = true;
      continue;
    }
    const d = result.data as { status: keyof typeof tally; rejection: { reason: string } | null };
    tally[d.status] += 1;
    if (d.rejection) lines.push(`  rejected ${path.basename(file)}: ${d.rejection.reason}`);
  }
  return { lines: [`done (through the server): ${files.length} transcript file(s)`, `  imported     ${tally.imported}`, `  unchanged    ${tally.unchanged}`, `  rejected     ${tally.rejected}`, ...lines], failed };
}

async function csv(client: RemoteTools, target: string, options: RemoteIngestOptions): Promise<RemoteIngestOutcome> {
  const mapping = options.mapping === undefined ? undefined : (JSON.parse(await readFile(options.mapping, 'utf8')) as unknown);
  const result = await client.call('ingest_crm_csv', { path: target, ...(options.preset ? { preset: options.preset } : {}), ...(mapping === undefined ? {} : { mapping }) });
  if (!result.ok) return { lines: [errorLine(result, path.basename(target))], failed: true };
  const d = result.data as Data;
  return {
    lines: ['done (through the server)', `  rows         ${n(d, 'rows')}`, `  created      ${n(d, 'created')}`, `  updated      ${n(d, 'updated')}`, `  skipped      ${n(d, 'skipped')}`, `  rejected     ${n(d, 'rejected')}`],
    failed: false,
  };
}

/** Runs the import plan as tool calls on the server; one block of lines per part, as the local import prints. */
export async function runRemote(plan: ImportPart[], client: RemoteTools, options: RemoteIngestOptions): Promise<RemoteIngestOutcome> {
  const lines: string[] = [];
  let failed = false;
  for (const part of plan) {
    const outcome = part.kind === 'csv' ? await csv(client, part.target, options) : part.kind === 'transcript' ? await transcripts(client, part.target, options) : await email(client, part.target, options);
    lines.push(...(plan.length > 1 ? [`${path.basename(part.target)} (${part.kind}):`, ...outcome.lines.map((l) => `  ${l}`)] : outcome.lines));
    failed ||= outcome.failed;
  }
  return { lines, failed };
}
