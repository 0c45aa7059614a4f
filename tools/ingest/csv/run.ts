import { serverPathFor } from '../core/server-path.ts';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ToolContext } from '../../core/context.ts';
import { invalidInput } from '../../core/errors.ts';
import { ingestItems, type RawItem } from '../core/index.ts';
import { csvBulkHandler } from './bulk.ts';
import type { CsvRowPayload, RowOutcome } from './handler.ts';
import { chooseCsvMapping, CsvDetectionError, type CsvChoice } from './dialect.ts';
import { csvItems, type CsvSource, type FileReport, type RowLocation } from './read.ts';
import { csvReport } from './report.ts';
import type { IngestCrmCsvInput, IngestCrmCsvOutput } from './schema.ts';
import { CsvRunState } from './state.ts';

// ingest_crm_csv: the files, the mapping, then every row through the ingestion core (planned, then
// written set-based per batch: bulk.ts), and the report.

/** rows per commit for the tool and the CLI (measured: see README, bench:ingest) */
export const CSV_ROWS_PER_COMMIT = 500;

/** a batch holds one file's rows: a reference file's rows (written row by row) then never hold up the deals after them */
export const csvBatchKey = (item: RawItem<unknown>): string => (item.payload as CsvRowPayload).fileName;

async function sourcesOf(input: IngestCrmCsvInput, ctx: ToolContext): Promise<CsvSource[]> {
  if ((input.path === undefined) === (input.content === undefined)) throw invalidInput([{ field: 'path', message: 'give either path or content (exactly one)' }]);
  if (input.content !== undefined) return [{ name: input.fileName ?? 'upload.csv', content: input.content }];
  const target = serverPathFor(ctx, input.path as string, 'CSV files');
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    throw invalidInput([{ field: 'path', message: `cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
  if (!info.isDirectory()) return [{ name: path.basename(target), path: target }];
  const names = (await readdir(target)).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
  if (names.length === 0) throw invalidInput([{ field: 'path', message: `no .csv files in ${target}` }]);
  return names.map((name) => ({ name, path: path.join(target, name) }));
}

export async function ingestCrmCsv(input: IngestCrmCsvInput, ctx: ToolContext): Promise<IngestCrmCsvOutput> {
  const sources = await sourcesOf(input, ctx);
  let choice: CsvChoice;
  try {
    choice = await chooseCsvMapping(sources, { preset: input.preset, mapping: input.mapping, delimiter: input.delimiter, dateOrder: input.dateOrder });
  } catch (error) {
    if (error instanceof CsvDetectionError) throw invalidInput([{ field: error.field, message: error.message }]);
    throw error;
  }
  const { mapping } = choice;
  const state = await CsvRunState.load(ctx.db, ctx.scope, mapping.options.system);
  const files: FileReport[] = [];
  const locations = new Map<number, RowLocation>();
  const samples = new Map<number, RowOutcome>();
  const report = await ingestItems(ctx.db, csvItems(sources, mapping, files, locations, choice.delimiter), csvBulkHandler(state, mapping.options, samples), {
    embedder: ctx.embedder,
    now: ctx.now,
    scope: ctx.scope,
    actor: ctx.actor,
    log: ctx.log,
    itemsPerCommit: CSV_ROWS_PER_COMMIT,
    batchKey: csvBatchKey,
    keepItems: 20,
  });
  return { ...csvReport(mapping, report, files, locations, samples, ctx.now), detected: choice.detected };
}
