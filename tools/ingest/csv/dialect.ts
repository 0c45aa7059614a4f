import { open } from 'node:fs/promises';
import { detectPreset } from './detect.ts';
import { resolveMapping } from './mapping.ts';
import { PRESETS, type PresetName } from './presets.ts';
import type { CsvSource } from './read.ts';
import type { IngestCrmCsvInput } from './schema.ts';
import { SNIFF_BYTES, sniffCsv, type DateOrder, type DecimalMark, type Delimiter } from './sniff.ts';
import type { CsvMapping } from './types.ts';

// Before a CSV import: how its first file is written (delimiter, decimal mark, date order: sniff.ts, or
// the caller's flags) and which preset reads it (the caller's, or the one its header fits: detect.ts).
// The answer is reported, so a user sees what was assumed.

export interface CsvChoice {
  mapping: CsvMapping;
  delimiter: Delimiter;
  detected: {
    preset: string;
    /** how the preset was chosen */
    presetBy: 'given' | 'header' | 'file names';
    presetWhy: string;
    delimiter: Delimiter;
    delimiterBy: 'given' | 'detected';
    decimal: DecimalMark | null;
    dateOrder: DateOrder;
    dateOrderBy: 'given' | 'detected' | 'preset';
  };
}

export class CsvDetectionError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

async function head(source: CsvSource): Promise<string> {
  if (source.content !== undefined) return source.content.slice(0, SNIFF_BYTES);
  const handle = await open(source.path as string, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

export interface CsvChoiceInput {
  preset: PresetName | 'auto';
  mapping: IngestCrmCsvInput['mapping'];
  delimiter?: Delimiter | undefined;
  dateOrder?: DateOrder | undefined;
}

export async function chooseCsvMapping(sources: CsvSource[], input: CsvChoiceInput): Promise<CsvChoice> {
  const first = sources.find((s) => /\.csv$/i.test(s.name) || s.content !== undefined) ?? sources[0];
  const dialect = first ? sniffCsv(await head(first)) : { delimiter: ',' as Delimiter, header: [], decimal: null, dateOrder: null };
  const delimiter = input.delimiter ?? dialect.delimiter;
  const header = input.delimiter && input.delimiter !== dialect.delimiter && first ? sniffWith(await head(first), input.delimiter) : dialect.header;

  let preset: PresetName;
  let presetBy: CsvChoice['detected']['presetBy'] = 'given';
  let presetWhy = 'named by the caller';
  const mavenFiles = new Set(PRESETS.maven.files.map((f) => f.file.toLowerCase()));
  if (input.preset !== 'auto') preset = input.preset;
  else if (input.mapping?.files) [preset, presetWhy] = ['generic', 'the caller\'s mapping names its files'];
  else if (input.mapping?.columns) [preset, presetWhy] = ['generic', 'the caller\'s columns over the generic preset'];
  else if (sources.length > 1 && sources.some((s) => mavenFiles.has(s.name.toLowerCase()))) [preset, presetBy, presetWhy] = ['maven', 'file names', 'the folder holds the Maven CRM files'];
  else {
    const found = detectPreset(header);
    if (!found.ok) throw new CsvDetectionError(found.message, 'preset');
    [preset, presetBy, presetWhy] = [found.preset, 'header', found.why];
  }

  const base = resolveMapping(preset, input.mapping);
  const givenOrder = input.dateOrder ?? input.mapping?.options?.dateOrder;
  const dateOrder = givenOrder ?? dialect.dateOrder ?? base.options.dateOrder;
  const mapping = dateOrder === base.options.dateOrder ? base : { ...base, options: { ...base.options, dateOrder } };
  return {
    mapping,
    delimiter,
    detected: {
      preset: mapping.preset, presetBy, presetWhy, delimiter, delimiterBy: input.delimiter ? 'given' : 'detected', decimal: dialect.decimal, dateOrder,
      dateOrderBy: givenOrder ? 'given' : dialect.dateOrder ? 'detected' : 'preset',
    },
  };
}

function sniffWith(sample: string, delimiter: Delimiter): string[] {
  const line = sample.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return line.split(delimiter).map((h) => h.replace(/^"|"$/g, '').trim());
}

/** "semicolon", "comma"... for messages */
export const delimiterName = (d: Delimiter) => ({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' })[d];
