import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { IngestInput } from '../core/index.ts';
import type { CsvRowPayload } from './handler.ts';
import { bindHeader, type BoundFile } from './map.ts';
import { fileMappingFor } from './presets.ts';
import type { CsvMapping } from './types.ts';

// CSV files -> ingestion items, streamed (csv-parse; BOM, CRLF and quoted newlines handled), one item per
// data row. Files are read in the mapping's order (owners, products, accounts, then deals). The item's
// content (what the core hashes) is the file name, the mapping's fingerprint and the row's cells: the same
// row from the same file under the same mapping is `unchanged`, whatever its line endings.

export interface CsvSource {
  name: string;
  /** a path to stream from, or the text itself */
  path?: string;
  content?: string;
}

export interface FileReport {
  file: string;
  status: 'imported' | 'skipped' | 'rejected';
  reason: string | null;
  rows: number;
  ignoredColumns: string[];
}

export interface RowLocation {
  file: string;
  row: number;
  line: number;
}

export const mappingFingerprint = (mapping: CsvMapping): string => createHash('sha256').update(JSON.stringify(mapping)).digest('hex').slice(0, 16);

interface Parsed {
  record: string[];
  raw: string;
  info: { lines: number; bytes: number };
}

export async function* csvItems(
  sources: CsvSource[],
  mapping: CsvMapping,
  files: FileReport[],
  locations: Map<number, RowLocation>,
  /** the files' field separator (dialect.ts finds it) */
  delimiter = ',',
): AsyncGenerator<IngestInput<CsvRowPayload>> {
  const fingerprint = mappingFingerprint(mapping);
  const ordered = sources
    .map((source) => ({ source, fileMapping: fileMappingFor(mapping, source.name) }))
    .sort((a, b) => (a.fileMapping?.order ?? 99) - (b.fileMapping?.order ?? 99) || a.source.name.localeCompare(b.source.name));
  let position = 0;
  for (const { source, fileMapping } of ordered) {
    const report: FileReport = { file: source.name, status: 'imported', reason: null, rows: 0, ignoredColumns: [] };
    files.push(report);
    if (!fileMapping) {
      report.status = 'skipped';
      report.reason = `the ${mapping.preset} mapping reads no file named ${source.name}`;
      continue;
    }
    const input = source.path ? createReadStream(source.path) : Readable.from([source.content ?? '']);
    const parser = input.pipe(parse({ bom: true, delimiter, info: true, raw: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true }));
    let bound: BoundFile | undefined;
    try {
      for await (const parsed of parser as AsyncIterable<Parsed>) {
        if (!bound) {
          const header = bindHeader(fileMapping, parsed.record.map((h) => h.trim()));
          if ('error' in header) {
            report.status = 'rejected';
            report.reason = header.error;
            break;
          }
          bound = header;
          report.ignoredColumns = header.ignored;
          continue;
        }
        const header = bound.header;
        position += 1;
        report.rows += 1;
        const row = report.rows;
        locations.set(position, { file: source.name, row, line: parsed.info.lines });
        if (parsed.record.length !== header.length) {
          yield { rejected: `has ${parsed.record.length} fields where the header has ${header.length}`, position, sourceOffset: parsed.info.bytes };
          continue;
        }
        const externalId = bound.bound[fileMapping.primary]?.externalId;
        yield {
          kind: 'crm_csv_row',
          position,
          rawText: parsed.raw.replace(/\r?\n?$/, '').replace(/\r$/, ''),
          content: `${source.name}\n${fingerprint}\n${JSON.stringify(header)}\n${JSON.stringify(parsed.record)}`,
          externalIds: { file: source.name, row: String(row), ...(externalId !== undefined && parsed.record[externalId] ? { [mapping.options.system]: parsed.record[externalId] as string } : {}) },
          title: `${source.name} row ${row}`,
          origin: source.path ?? source.name,
          metadata: { preset: mapping.preset, file: source.name, row, line: parsed.info.lines, header },
          sourceOffset: parsed.info.bytes,
          payload: { file: bound, fileName: source.name, record: parsed.record, row },
        };
      }
    } catch (error) {
      // a file csv-parse cannot read past (an unclosed quote...) stops there; its rows so far stand
      report.status = report.rows > 0 ? 'imported' : 'rejected';
      report.reason = `stopped at row ${report.rows + 1}: ${(error as Error).message}`;
    } finally {
      input.destroy();
    }
    if (!bound && report.status === 'imported' && report.reason === null) {
      report.status = 'rejected';
      report.reason = 'the file is empty';
    }
  }
}
