import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ingestItems, type IngestInput } from '../core/index.ts';
import { transcriptHandler, type TranscriptPayload, type TranscriptResult } from '../transcripts/handler.ts';
import { transcriptItem } from '../transcripts/item.ts';
import { dealsLine, doneLine, progressFor, type CliRun, type CliResult } from './context.ts';
import { fileKind, folderFiles } from './kind.ts';

// Transcript files (one, or a folder of them) through the ingest_transcript importer: one meeting per
// file, correlated with deals; a file that cannot be parsed is rejected with its reason and line.

const byCorrelation = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).flatMap(([k, n]) => (k.startsWith('correlation_') ? [[k.slice('correlation_'.length), n]] : [])));

export async function runTranscripts(target: string, run: CliRun, createTasks: boolean): Promise<CliResult> {
  const isFolder = (await stat(target)).isDirectory();
  const all = isFolder ? await folderFiles(target) : [target];
  const files: { file: string; bytes: number }[] = [];
  const skipped: string[] = [];
  for (const file of all) {
    if (isFolder && (await fileKind(file)) !== 'transcript') skipped.push(path.basename(file));
    else files.push({ file, bytes: (await stat(file)).size });
  }
  const total = files.reduce((n, f) => n + f.bytes, 0);
  console.error(`ingest: transcripts, ${files.length} file(s), ${(total / 1048576).toFixed(1)} MB from ${target} into ${run.store.location}${skipped.length > 0 ? ` (${skipped.length} other file(s) left out)` : ''}`);

  async function* items(): AsyncIterable<IngestInput<TranscriptPayload>> {
    let offset = 0;
    for (const [i, { file, bytes }] of files.entries()) {
      offset += bytes;
      const read = transcriptItem(await readFile(file, 'utf8'), {
        fileName: path.basename(file), opportunityId: null, participants: [], createTasks, origin: file, position: i + 1, sourceOffset: offset, now: run.now,
      });
      yield read.ok ? read.item : { rejected: `${read.reason}${read.line === null ? '' : ` (line ${read.line})`}`, position: i + 1, origin: file, sourceOffset: offset };
    }
  }

  const bar = progressFor(run, total);
  const results = new Map<number, TranscriptResult>();
  const report = await ingestItems(run.db, items(), transcriptHandler(results), {
    embedder: run.embedder, now: run.now, scope: run.scope, actor: run.actor, log: run.log, itemsPerCommit: run.batch ?? 20, keepItems: 0, signal: run.signal,
    ...(bar ? { onProgress: (p) => bar.update(p) } : {}),
  });
  bar?.stop();
  const name = (position: number) => path.basename(files[position - 1]?.file ?? String(position));
  const imported = [...results].sort(([a], [b]) => a - b);
  return {
    lines: [
      doneLine(run, report, 'files'),
      `  created      ${report.created}`,
      `  unchanged    ${report.unchanged}`,
      `  rejected     ${report.rejected.length}`,
      `  meetings     ${report.counts.interactions ?? 0}, ${report.counts.tasks ?? 0} task(s), ${report.counts.leadsLinked ?? 0} lead link(s)`,
      dealsLine(byCorrelation(report.counts)),
      `  chunks       ${report.chunks}`,
      ...imported.slice(0, 20).map(([position, r]) => `  ${name(position)}: ${r.correlation.result}${r.opportunityId ? ` (deal ${r.opportunityId})` : ''}${r.correlation.note ? ` - ${r.correlation.note}` : ''}`),
      ...report.rejected.slice(0, 20).map((r) => `  rejected ${name(r.position)}: ${r.reason}`),
      ...(skipped.length > 0 ? [`  left out    ${skipped.join(', ')}`] : []),
    ],
    audit: {
      action: 'transcript.imported',
      input: { path: target, createTasks, batch: run.batch ?? 20 },
      changes: { created: report.created, unchanged: report.unchanged, rejected: report.rejected.length, tasks: report.counts.tasks ?? 0, deals: byCorrelation(report.counts) },
    },
  };
}
