import { PRESETS, type PresetName } from './presets.ts';
import type { IngestCrmCsvInput } from './schema.ts';
import type { CsvMapping, FileMapping, SectionColumns } from './types.ts';

// The mapping a call uses: a preset, with the caller's custom columns, files and options laid over it.

type Columns = FileMapping['columns'];

function mergeColumns(base: Columns, over: Columns | undefined): Columns {
  if (!over) return base;
  const out: Record<string, Record<string, string | undefined>> = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(over)])) {
    const section = key as keyof SectionColumns;
    out[key] = { ...(base[section] as Record<string, string> | undefined), ...(over[section] as Record<string, string> | undefined) };
  }
  return out as Columns;
}

export function resolveMapping(preset: PresetName, custom: IngestCrmCsvInput['mapping']): CsvMapping {
  const base = PRESETS[preset];
  if (!custom) return base;
  let files: FileMapping[] = base.files;
  if (custom.files) files = custom.files.map((f) => ({ file: f.file, primary: f.primary, order: f.order, columns: f.columns as Columns }));
  else if (custom.columns || custom.primary) {
    const any = base.files.find((f) => f.file === '*');
    files = [{ file: '*', primary: custom.primary ?? any?.primary ?? 'opportunity', order: 1, columns: mergeColumns(any?.columns ?? {}, custom.columns as Columns | undefined) }];
  }
  const o = custom.options ?? {};
  return {
    preset: `${base.preset}+custom`,
    files,
    options: {
      ...base.options,
      ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
      stageMap: { ...base.options.stageMap, ...o.stageMap },
      productAliases: { ...base.options.productAliases, ...o.productAliases },
      industryAliases: { ...base.options.industryAliases, ...o.industryAliases },
    },
  };
}
