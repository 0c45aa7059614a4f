import { chunkCount, chunkVectorIndexExists, dropChunkVectorIndex } from '../../../db/repos/ingest-vector-index.ts';
import { EMAIL_BATCH, importEmail } from '../email/import.ts';
import { emailFiles } from '../email/items.ts';
import { dealsLine, doneLine, progressFor, type CliRun, type CliResult } from './context.ts';

// .mbox / .eml files or folders of them through the email import (workers, batches, the vector index
// dropped during a big import and rebuilt once by the command).

// ~1 KB of mail per chunk; defer when 5 ms x new > 1 ms x (stored + new), and the import is not small
const shouldDefer = (bytes: number, stored: number) => {
  const fresh = bytes / 1024;
  return fresh >= 2000 && 4 * fresh > stored;
};

export async function runEmail(target: string, run: CliRun): Promise<CliResult> {
  const batch = run.batch ?? EMAIL_BATCH;
  const { bytes, files } = await emailFiles(target);
  const defer = !run.keepIndex && (run.deferIndex || (run.store.kind === 'pglite' && shouldDefer(bytes, await chunkCount(run.db))));
  if (!(await chunkVectorIndexExists(run.db))) console.error('ingest: the vector index is missing (an earlier import stopped early); it is rebuilt at the end');
  if (defer) {
    await dropChunkVectorIndex(run.db);
    run.index.dropped = true;
  }
  console.error(`ingest: email, ${files.length} file(s), ${(bytes / 1048576).toFixed(1)} MB from ${target} into ${run.store.location}, ${run.workers} analysis worker(s)${defer ? ', vector index deferred' : ''}`);
  const bar = progressFor(run, bytes);
  const { report, state } = await importEmail(
    run.db,
    { kind: 'path', path: target },
    {
      embedder: run.embedder, now: run.now, scope: run.scope, actor: run.actor, log: run.log, createLeads: run.createLeads, createTasks: run.createTasks, itemsPerCommit: batch,
      workers: run.workers, keepItems: 0, signal: run.signal, ...(bar ? { onProgress: (p) => bar.update(p) } : {}),
    },
  );
  bar?.stop();
  const c = state.correlation;
  return {
    lines: [
      doneLine(run, report, 'messages'),
      `  created      ${report.created}`,
      `  unchanged    ${report.unchanged}`,
      `  rejected     ${report.rejected.length}`,
      `  interactions ${report.counts.interactions ?? 0} (automated mail kept without one: ${report.counts.automated ?? 0})`,
      `  threads      ${state.threads.size}`,
      `  leads        ${state.leadsMatched.size} matched, ${state.leadsCreated.size} created`,
      dealsLine(c),
      `  chunks       ${report.chunks}`,
      ...report.rejected.slice(0, 20).map((r) => `  rejected #${r.position} ${r.origin ?? ''}: ${r.reason}`),
      ...(report.rejected.length > 20 ? [`  ... and ${report.rejected.length - 20} more rejections`] : []),
    ],
    audit: {
      action: 'email.imported',
      input: { path: target, createLeads: run.createLeads, batch, workers: run.workers },
      changes: {
        created: report.created, unchanged: report.unchanged, rejected: report.rejected.length, interactions: report.counts.interactions ?? 0, leadsCreated: state.leadsCreated.size,
        deals: { merged: c.merged, created: c.created, ambiguous: c.ambiguous, conflicts: c.conflicts },
      },
    },
  };
}
