import type { IngestReport } from '../core/index.ts';
import type { RowOutcome } from './handler.ts';
import type { FileReport, RowLocation } from './read.ts';
import type { IngestCrmCsvOutput } from './schema.ts';
import type { CsvMapping } from './types.ts';

// The core's report (created / unchanged / rejected items and the handlers' tallies) as rows, files,
// entities and normalisations. A row the core found already stored counts as skipped, like a row the
// handler found identical to the record.

function tallies(counts: Record<string, number>) {
  const rows = new Map<string, { created: number; updated: number; unchanged: number }>();
  const entities: Record<string, { created: number; updated: number }> = {};
  const normalisations: IngestCrmCsvOutput['normalisations'] = [];
  for (const [key, n] of Object.entries(counts)) {
    const [kind, a = '', b = '', c = ''] = key.split('|');
    if (kind === 'row') {
      const file = rows.get(a) ?? { created: 0, updated: 0, unchanged: 0 };
      file[b as 'created' | 'updated' | 'unchanged'] += n;
      rows.set(a, file);
    } else if (kind === 'entity' && (b === 'created' || b === 'updated')) {
      entities[a] ??= { created: 0, updated: 0 };
      entities[a][b] += n;
    } else if (kind === 'norm') normalisations.push({ column: a, from: b, to: c, rows: n });
  }
  return { rows, entities, normalisations: normalisations.sort((x, y) => y.rows - x.rows || x.column.localeCompare(y.column)).slice(0, 50) };
}

export function csvReport(
  mapping: CsvMapping,
  report: IngestReport,
  files: FileReport[],
  locations: Map<number, RowLocation>,
  samples: Map<number, RowOutcome>,
  at: Date,
): IngestCrmCsvOutput {
  const t = tallies(report.counts);
  const rejectedRows = [...report.rejected]
    .sort((a, b) => a.position - b.position)
    .map((r) => {
      const where = locations.get(r.position);
      return { file: where?.file ?? '', row: where?.row ?? r.position, line: where?.line ?? 0, reason: r.reason };
    });
  const perFile = files.map((f) => {
    const done = t.rows.get(f.file) ?? { created: 0, updated: 0, unchanged: 0 };
    const rejected = rejectedRows.filter((r) => r.file === f.file).length;
    // rows the core skipped as already stored never reached the handler
    const skipped = f.rows - done.created - done.updated - rejected;
    return { ...f, created: done.created, updated: done.updated, skipped, rejected };
  });
  const sum = (k: 'created' | 'updated' | 'skipped' | 'rejected') => perFile.reduce((n, f) => n + f[k], 0);
  const rows = files.reduce((n, f) => n + f.rows, 0);
  const sourceOf = new Map(report.items.map((i) => [i.position, i.sourceItemId]));
  const sampleList = [...samples.entries()].sort(([a], [b]) => a - b);
  return {
    preset: mapping.preset,
    system: mapping.options.system,
    rows,
    created: sum('created'),
    updated: sum('updated'),
    skipped: sum('skipped'),
    rejected: sum('rejected'),
    files: perFile,
    entities: t.entities,
    rejectedRows: rejectedRows.slice(0, 100),
    normalisations: t.normalisations,
    samples: sampleList.map(([, s]) => s),
    ms: report.ms,
    rowsPerSecond: report.ms > 0 ? Math.round((rows / report.ms) * 1000 * 10) / 10 : 0,
    evidence: [
      ...sampleList.slice(0, 10).map(([position, s]) => ({
        sourceId: sourceOf.get(position) ?? s.recordId,
        kind: 'crm_csv_row',
        date: at.toISOString(),
        quote: `${s.file} row ${s.row}: ${s.status} ${s.entity}${s.externalId ? ` ${s.externalId}` : ''}${s.changed.length > 0 ? ` (${s.changed.join(', ')})` : ''}`,
      })),
      ...rejectedRows.slice(0, 10).map((r) => ({ sourceId: `${r.file}#row-${r.row}`, kind: 'crm_csv_row', date: null, quote: `${r.file} row ${r.row} (line ${r.line}) rejected: ${r.reason}` })),
    ],
  };
}
