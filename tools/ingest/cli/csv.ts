import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ingestItems, type IngestInput } from '../core/index.ts';
import { csvBulkHandler } from '../csv/bulk.ts';
import type { CsvRowPayload, RowOutcome } from '../csv/handler.ts';
import { chooseCsvMapping, CsvDetectionError, delimiterName } from '../csv/dialect.ts';
import { fileMappingFor, type PresetName } from '../csv/presets.ts';
import type { DateOrder, Delimiter } from '../csv/sniff.ts';
import { csvItems, type CsvSource, type FileReport, type RowLocation } from '../csv/read.ts';
import { csvReport } from '../csv/report.ts';
import { CSV_ROWS_PER_COMMIT, csvBatchKey } from '../csv/run.ts';
import { mappingInput } from '../csv/schema.ts';
import { CsvRunState } from '../csv/state.ts';
import { doneLine, progressFor, type CliRun, type CliResult } from './context.ts';
import { folderFiles } from './kind.ts';

// A CRM export (one .csv, or a folder of them such as the Maven set) through the ingest_crm_csv importer:
// a preset mapping, optionally a custom mapping file laid over it, then the report of created, updated,
// skipped and rejected rows, each rejection with file, row, line and reason. Rows are planned and written
// set-based per batch (csv/bulk.ts), as the tool does.

/** Thrown for a mapping file that cannot be used; the command prints it with the usage. */
export class MappingFileError extends Error {}

async function customMapping(file: string | undefined) {
  if (!file) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new MappingFileError(`--mapping ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = mappingInput.safeParse(json);
  if (!parsed.success) throw new MappingFileError(`--mapping ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Rows report bytes into their own file; the bar counts the files before it too. */
async function* withOffsets(items: AsyncIterable<IngestInput<CsvRowPayload>>, locations: Map<number, RowLocation>, sizes: Map<string, number>): AsyncIterable<IngestInput<CsvRowPayload>> {
  let current: string | undefined;
  let before = 0;
  for await (const input of items) {
    const file = locations.get(input.position)?.file;
    if (file !== current) {
      if (current !== undefined) before += sizes.get(current) ?? 0;
      current = file;
    }
    yield input.sourceOffset === undefined ? input : { ...input, sourceOffset: before + input.sourceOffset };
  }
}

export async function runCsv(target: string, run: CliRun, preset: PresetName | 'auto', dialect: { delimiter?: Delimiter | undefined; dateOrder?: DateOrder | undefined } = {}): Promise<CliResult> {
  const paths = (await stat(target)).isDirectory() ? (await folderFiles(target)).filter((f) => f.toLowerCase().endsWith('.csv')) : [target];
  const sources: CsvSource[] = paths.map((p) => ({ name: path.basename(p), path: p }));
  let choice;
  try {
    choice = await chooseCsvMapping(sources, { preset, mapping: await customMapping(run.mapping), ...dialect });
  } catch (error) {
    if (error instanceof CsvDetectionError) throw new MappingFileError(error.message);
    throw error;
  }
  const { mapping, detected } = choice;
  console.error(
    `ingest: ${detected.presetBy === 'given' ? 'preset' : 'recognised'} ${detected.preset} (${detected.presetWhy}); ${delimiterName(detected.delimiter)}-separated (${detected.delimiterBy}), ` +
      `decimal mark ${detected.decimal ?? 'not seen'}, dates ${detected.dateOrder === 'dmy' ? 'day first' : 'month first'} (${detected.dateOrderBy})`,
  );
  const sizes = new Map<string, number>();
  for (const p of paths) sizes.set(path.basename(p), (await stat(p)).size);
  const total = sources.filter((s) => fileMappingFor(mapping, s.name)).reduce((n, s) => n + (sizes.get(s.name) ?? 0), 0);
  console.error(`ingest: CRM CSV (${mapping.preset} mapping), ${sources.length} file(s), ${(total / 1048576).toFixed(1)} MB from ${target} into ${run.store.location}`);

  const state = await CsvRunState.load(run.db, run.scope, mapping.options.system);
  const files: FileReport[] = [];
  const locations = new Map<number, RowLocation>();
  const samples = new Map<number, RowOutcome>();
  const bar = progressFor(run, total);
  const report = await ingestItems(run.db, withOffsets(csvItems(sources, mapping, files, locations, choice.delimiter), locations, sizes), csvBulkHandler(state, mapping.options, samples), {
    embedder: run.embedder, now: run.now, scope: run.scope, actor: run.actor, log: run.log, itemsPerCommit: run.batch ?? CSV_ROWS_PER_COMMIT, batchKey: csvBatchKey, keepItems: 20, signal: run.signal,
    ...(bar ? { onProgress: (p) => bar.update(p) } : {}),
  });
  bar?.stop();
  const out = csvReport(mapping, report, files, locations, samples, run.now);
  return {
    lines: [
      doneLine(run, report, 'rows'),
      `  read as      ${detected.preset} preset (${detected.presetWhy}), ${delimiterName(detected.delimiter)}-separated, decimal mark ${detected.decimal ?? 'not seen'}, dates ${detected.dateOrder}`,
      `  rows         ${out.rows}: ${out.created} created, ${out.updated} updated, ${out.skipped} skipped, ${out.rejected} rejected`,
      ...out.files.map((f) => `  ${f.file}: ${f.status}${f.reason ? ` (${f.reason})` : ''}, ${f.rows} rows: ${f.created} created, ${f.updated} updated, ${f.skipped} skipped, ${f.rejected} rejected`),
      ...Object.entries(out.entities).map(([entity, n]) => `  ${entity.padEnd(13)} ${n.created} created, ${n.updated} updated`),
      ...out.rejectedRows.slice(0, 50).map((r) => `  rejected ${r.file} row ${r.row} (line ${r.line}): ${r.reason}`),
      ...(out.rejected > 50 ? [`  ... and ${out.rejected - 50} more rejected rows`] : []),
    ],
    audit: {
      action: 'crm_csv.imported',
      input: { path: target, preset: mapping.preset, mapping: run.mapping ?? null, batch: run.batch ?? CSV_ROWS_PER_COMMIT },
      changes: { rows: out.rows, created: out.created, updated: out.updated, skipped: out.skipped, rejected: out.rejected, entities: out.entities },
    },
  };
}
