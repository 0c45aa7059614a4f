import { parse } from 'csv-parse/sync';

// How a CSV file is written, read off its first lines: the delimiter (',' ';' tab '|': the one splitting the
// header and the first rows into the same, largest number of fields, quotes respected), the decimal mark
// of its amounts ("10.500,00" / "10,500.00") and the order of its dates ("15.02.2027" is day first,
// "2/15/2027" month first). European Excel writes ';', decimal commas and day-first dates.

export type Delimiter = ',' | ';' | '\t' | '|';
export type DecimalMark = ',' | '.';
export type DateOrder = 'mdy' | 'dmy';

export interface CsvDialect {
  delimiter: Delimiter;
  header: string[];
  /** null: no amount in the sample says */
  decimal: DecimalMark | null;
  /** null: no date in the sample says (every day and month <= 12, no dots) */
  dateOrder: DateOrder | null;
}

const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];
/** enough of a file to see its header and some rows */
export const SNIFF_BYTES = 64 * 1024;
const SAMPLE_ROWS = 50;

function tryParse(text: string, delimiter: Delimiter): string[][] | null {
  try {
    return parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: SAMPLE_ROWS + 1 }) as string[][];
  } catch {
    return null;
  }
}

/** the sample cut at its last full line (a 64 KB cut may end mid-row) */
const wholeLines = (text: string) => (text.length < SNIFF_BYTES ? text : text.slice(0, Math.max(text.lastIndexOf('\n'), 0)));

export function sniffCsv(sample: string): CsvDialect {
  const text = wholeLines(sample.replace(/^\uFEFF/, ''));
  let best: { delimiter: Delimiter; rows: string[][]; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const rows = tryParse(text, delimiter);
    if (!rows || rows.length === 0) continue;
    const width = rows[0]!.length;
    if (width < 2) continue;
    // a delimiter that splits every row like the header, into many fields
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    const score = width * consistent;
    if (!best || score > best.score) best = { delimiter, rows, score };
  }
  const rows = best?.rows ?? tryParse(text, ',') ?? [[]];
  const cells = rows.slice(1).flat();
  return { delimiter: best?.delimiter ?? ',', header: (rows[0] ?? []).map((h) => h.trim()), decimal: decimalMark(cells), dateOrder: dateOrder(cells) };
}

/** "10.500,00", "1.250,5", "42,00" -> ','; "10,500.00", "42.50" -> '.'; the majority of the amounts that say */
function decimalMark(cells: string[]): DecimalMark | null {
  let comma = 0;
  let dot = 0;
  for (const raw of cells) {
    const v = raw.trim().replace(/^[^\d-]+|[^\d]+$/g, '');
    if (!/^-?[\d.,\s']+$/.test(v) || !/\d/.test(v)) continue;
    if (/^-?\d{1,3}(\.\d{3})*,\d{1,2}$/.test(v) || /^-?\d+,\d{1,2}$/.test(v)) comma++;
    else if (/^-?\d{1,3}(,\d{3})*\.\d{1,2}$/.test(v) || /^-?\d+\.\d{1,2}$/.test(v)) dot++;
  }
  if (comma === 0 && dot === 0) return null;
  return comma > dot ? ',' : '.';
}

/** day first when a first part exceeds 12 or dates are written with dots (15.02.2027); month first when a second part exceeds 12 */
function dateOrder(cells: string[]): DateOrder | null {
  let dmy = 0;
  let mdy = 0;
  for (const raw of cells) {
    const m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})(?:[T ,].*)?$/.exec(raw.trim());
    if (!m) continue;
    const [a, b] = [Number(m[1]), Number(m[3])];
    if (a > 12 && b <= 12) dmy++;
    else if (b > 12 && a <= 12) mdy++;
    else if (m[2] === '.') dmy++;
  }
  if (dmy === 0 && mdy === 0) return null;
  return dmy >= mdy ? 'dmy' : 'mdy';
}
