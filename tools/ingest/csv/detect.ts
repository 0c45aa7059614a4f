import { bindHeader } from './map.ts';
import { PRESETS, PRESET_NAMES, type PresetName } from './presets.ts';
import { keyOf } from './normalise.ts';

// Which preset reads a header best: every one-file preset is bound to the header, and the one that
// identifies the deal and reads the most columns wins (ties: the order of PRESET_NAMES, generic first).
// When none identifies the deal the answer lists the columns no preset reads and a mapping to start
// from: the generic one-file mapping with each unread column placed where its name suggests, or left
// for the user under "unmapped".

export type Detection =
  | { ok: true; preset: PresetName; read: number; of: number; why: string }
  | { ok: false; unmapped: string[]; starter: Record<string, unknown>; message: string };

const ONE_FILE = PRESET_NAMES.filter((p) => PRESETS[p].files.length === 1 && PRESETS[p].files[0]!.file === '*');

// what a column name suggests, for the starter mapping (checked in order)
const HINTS: [RegExp, string, string][] = [
  [/e-?mail/, 'contact', 'email'],
  [/(deal|opportunity|opp).*(id|number|nr)$|^id$/, 'opportunity', 'externalId'],
  [/(deal|opportunity|opp).*(name|title)|^name$|^title$|^topic$/, 'opportunity', 'name'],
  [/account|company|customer|organi[sz]ation|firma|kunde/, 'account', 'name'],
  [/stage|phase|status/, 'opportunity', 'stage'],
  [/amount|value|revenue|betrag|wert/, 'opportunity', 'amount'],
  [/close|closing|abschluss/, 'opportunity', 'closeDate'],
  [/owner|rep|verantwortlich/, 'owner', 'fullName'],
  [/currency|wahrung/, 'opportunity', 'currency'],
  [/probability|wahrscheinlichkeit/, 'opportunity', 'probability'],
  [/contact|person|ansprechpartner/, 'contact', 'fullName'],
];

function starterMapping(header: string[]): { starter: Record<string, unknown>; unmapped: string[] } {
  const columns: Record<string, Record<string, string>> = {};
  const unmapped: string[] = [];
  for (const column of header) {
    const k = keyOf(column);
    const hint = HINTS.find(([re, section, field]) => re.test(k) && !columns[section]?.[field]);
    if (hint) (columns[hint[1]] ??= {})[hint[2]] = column;
    else if (column) unmapped.push(column);
  }
  return { starter: { primary: 'opportunity', columns, options: {} }, unmapped };
}

export function detectPreset(header: string[]): Detection {
  const cells = header.filter((h) => h.trim() !== '');
  let best: { preset: PresetName; read: number } | undefined;
  for (const preset of ONE_FILE) {
    const bound = bindHeader(PRESETS[preset].files[0]!, header);
    if ('error' in bound) continue;
    const read = cells.length - bound.ignored.length;
    if (!best || read > best.read) best = { preset, read };
  }
  if (best) return { ok: true, ...best, of: cells.length, why: `${best.preset} reads ${best.read} of the ${cells.length} columns` };
  const { starter, unmapped } = starterMapping(cells);
  const read = new Set<string>();
  for (const preset of ONE_FILE) for (const section of Object.values(PRESETS[preset].files[0]!.columns)) for (const c of Object.values(section ?? {})) if (c) read.add(keyOf(c));
  const unread = cells.filter((c) => !read.has(keyOf(c)));
  return {
    ok: false,
    unmapped: unread,
    starter,
    message: `no preset (${ONE_FILE.join(', ')}) identifies the deal in this header. Columns no preset reads: ${unread.join(', ') || '(none)'}. ` +
      `Start from this mapping (pass it as mapping, or --mapping FILE), check its guesses and place ${unmapped.length > 0 ? unmapped.join(', ') : 'the rest'}: ${JSON.stringify(starter)}`,
  };
}
