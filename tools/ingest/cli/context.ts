import type { Embedder } from '../../../core/embeddings/index.ts';
import type { Logger } from '../../../core/logger.ts';
import type { Db } from '../../../db/client.ts';
import type { Actor, Scope } from '../../../db/repos/scope.ts';
import { createProgressBar, type ProgressBar } from '../core/progress.ts';
import type { IngestProgress, IngestReport } from '../core/types.ts';

// What each importer of `npm run ingest` gets from the command line, and what it hands back: lines for
// the operator and the audit row.

export interface CliRun {
  db: Db;
  embedder: Embedder;
  log: Logger;
  now: Date;
  scope: Scope;
  actor: Actor | undefined;
  /** items per commit, when given */
  batch: number | undefined;
  workers: number;
  createLeads: boolean;
  /** action items become tasks of the colleagues who took them */
  createTasks: boolean;
  preset: string | undefined;
  /** a custom CSV mapping file */
  mapping: string | undefined;
  deferIndex: boolean;
  keepIndex: boolean;
  store: { kind: 'pglite' | 'postgres'; location: string };
  progress: 'bar' | 'plain' | 'quiet';
  signal: AbortSignal;
  /** set by an importer that dropped the vector index; the command rebuilds it whatever happens */
  index: { dropped: boolean };
}

export interface CliResult {
  lines: string[];
  audit: { action: string; input: Record<string, unknown>; changes: Record<string, unknown> };
}

const rateOf = (p: IngestProgress) => (p.ms > 0 ? Math.round((p.processed / p.ms) * 1000) : 0);

/** The progress display over `totalBytes` of input: the bar, one plain line per committed batch, or nothing. */
export function progressFor(run: CliRun, totalBytes: number): ProgressBar | undefined {
  if (run.progress === 'quiet') return undefined;
  if (run.progress === 'plain') {
    return {
      update: (p) => console.error(`progress processed=${p.processed} created=${p.created} unchanged=${p.unchanged} rejected=${p.rejected} rate=${rateOf(p)}/s`),
      stop: () => undefined,
    };
  }
  return createProgressBar(totalBytes);
}

/** The first line of every report: how long, how fast. */
export const doneLine = (run: CliRun, report: IngestReport, unit: string) =>
  `${run.signal.aborted ? 'stopped early' : 'done'} in ${(report.ms / 1000).toFixed(1)} s (${report.itemsPerSecond} ${unit}/s)`;

/** Correlation tallies (merged, created, ambiguous, unmatched, hidden, conflicts) as one line. */
export function dealsLine(t: Readonly<Record<string, number>>): string {
  const n = (k: string) => t[k] ?? 0;
  return `  deals        ${n('merged')} merged into a deal, ${n('created')} opened one, ${n('ambiguous')} tied (nothing merged), ${n('unmatched')} about no known deal, ${n('hidden')} outside your scope; ${n('conflicts')} value conflicts recorded`;
}
