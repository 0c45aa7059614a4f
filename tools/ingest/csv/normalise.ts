import { OPPORTUNITY_STAGES, type OpportunityStage } from '../../../core/domain.ts';

// Value normalisers for CSV cells: stage names, product and industry spellings, money, dates, numbers.
// Each returns null for a blank cell and throws CellError for a value it cannot read.

export class CellError extends Error {}

// Salesforce's default stage picklist, HubSpot's deal stages, Maven's, and our own names.
const STAGE_ALIASES: Record<string, OpportunityStage> = {
  prospecting: 'prospecting', prospect: 'prospecting', new: 'prospecting', lead: 'prospecting', appointmentscheduled: 'prospecting',
  qualification: 'qualification', qualify: 'qualification', qualified: 'qualification', qualifiedtobuy: 'qualification', needsanalysis: 'qualification',
  discovery: 'discovery', engaging: 'discovery', engaged: 'discovery', valueproposition: 'discovery', iddecisionmakers: 'discovery',
  perceptionanalysis: 'discovery', demo: 'discovery', presentationscheduled: 'discovery', decisionmakerboughtin: 'discovery',
  proposal: 'proposal', proposalpricequote: 'proposal', quote: 'proposal', quoted: 'proposal',
  negotiation: 'negotiation', negotiationreview: 'negotiation', contractsent: 'negotiation', contracting: 'negotiation', commit: 'negotiation',
  won: 'closed_won', closedwon: 'closed_won', win: 'closed_won',
  lost: 'closed_lost', closedlost: 'closed_lost', loss: 'closed_lost',
};

/** lower case, letters and digits only: "GTXPro" and "GTX Pro" share the key "gtxpro" */
export const keyOf = (value: string): string => value.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '');

/**
 * Per-mapping memo of a normaliser's answers: a CRM export repeats a few dozen stage and industry
 * spellings over thousands of rows, and the industry typo check (an edit distance to every name) is the
 * dearest step of reading a row. Bounded: a column of unique values stops being remembered.
 */
function memoOf<T>(cache: WeakMap<object, Map<string, T | CellError>>, key: object, value: string, compute: () => T): T {
  let memo = cache.get(key);
  if (!memo) cache.set(key, (memo = new Map()));
  let answer = memo.get(value);
  if (answer === undefined) {
    try {
      answer = compute();
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      answer = error;
    }
    if (memo.size < 10_000) memo.set(value, answer);
  }
  if (answer instanceof CellError) throw new CellError(answer.message);
  return answer;
}

const stageMemo = new WeakMap<object, Map<string, OpportunityStage | null | CellError>>();
const industryMemo = new WeakMap<object, Map<string, string | null | CellError>>();

export function normaliseStage(value: string, custom: Record<string, OpportunityStage>): OpportunityStage | null {
  return memoOf(stageMemo, custom, value, () => stageOf(value, custom));
}

function stageOf(value: string, custom: Record<string, OpportunityStage>): OpportunityStage | null {
  if (value.trim() === '') return null;
  for (const [name, stage] of Object.entries(custom)) if (keyOf(name) === keyOf(value)) return stage;
  const stage = STAGE_ALIASES[keyOf(value)] ?? (OPPORTUNITY_STAGES as readonly string[]).find((s) => keyOf(s) === keyOf(value));
  if (!stage) throw new CellError(`unknown stage "${value}" (add it to stageMap)`);
  return stage as OpportunityStage;
}

// Spelled as the rest of the store spells them (the demo org's and most CRMs' picklists: Title Case).
const INDUSTRIES = [
  'Technology', 'Software', 'Retail', 'Medical', 'Healthcare', 'Finance', 'Financial Services', 'Banking', 'Insurance', 'Marketing',
  'Entertainment', 'Telecommunications', 'Services', 'Employment', 'Manufacturing', 'Education', 'Energy', 'Utilities', 'Logistics',
  'Transportation', 'Government', 'Non-Profit', 'Media', 'Hospitality', 'Real Estate', 'Construction', 'Agriculture', 'Automotive',
  'Pharmaceuticals', 'Biotechnology', 'Consulting', 'Legal', 'Aerospace', 'Chemicals', 'Mining', 'Food and Beverage',
];

/** Damerau-Levenshtein distance (optimal string alignment), enough to catch one typo. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      row[j] = Math.min((d[i - 1] as number[])[j]! + 1, row[j - 1]! + 1, (d[i - 1] as number[])[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, (d[i - 2] as number[])[j - 2]! + 1);
    }
  }
  return (d[a.length] as number[])[b.length]!;
}

/** An industry as the vocabulary spells it, a typo ("technolgy") or one-letter slip corrected; else as written. */
export function normaliseIndustry(value: string, aliases: Record<string, string>): string | null {
  return memoOf(industryMemo, aliases, value, () => industryOf(value, aliases));
}

function industryOf(value: string, aliases: Record<string, string>): string | null {
  const v = value.trim().replace(/\s+/g, ' ');
  if (!v) return null;
  const lower = v.toLowerCase();
  const alias = Object.entries(aliases).find(([from]) => from.toLowerCase() === lower)?.[1];
  const target = (alias ?? v).toLowerCase();
  const known = INDUSTRIES.find((i) => i.toLowerCase() === target);
  if (known) return known;
  if (alias) return alias;
  const near = lower.length >= 6 ? INDUSTRIES.filter((i) => distance(i.toLowerCase(), lower) === 1) : [];
  return near.length === 1 ? (near[0] as string) : v;
}

/** A product name as the catalog spells it: alias, else the catalog entry with the same key, else as written. */
export function canonicalProduct(value: string, aliases: Record<string, string>, catalog: ReadonlyMap<string, string>): string | null {
  const v = value.trim().replace(/\s+/g, ' ');
  if (!v) return null;
  for (const [from, to] of Object.entries(aliases)) if (keyOf(from) === keyOf(v)) return to;
  return catalog.get(keyOf(v)) ?? v;
}

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', 'A$': 'AUD', 'C$': 'CAD', 'US$': 'USD' };

/** "$1,234.50", "1.234,50 €", "EUR 1,234", "(1,200)", "1054" -> minor units and the currency written, if any. */
export function parseMoney(value: string, scale = 1): { minor: number; currency: string | null } | null {
  let v = value.trim();
  if (!v) return null;
  let currency: string | null = null;
  const code = /\b([A-Z]{3})\b/.exec(v);
  if (code) {
    currency = code[1] as string;
    v = v.replace(code[0], '');
  }
  const symbol = /(US\$|A\$|C\$|[$€£¥₹])/.exec(v);
  if (symbol) {
    currency ??= SYMBOLS[symbol[1] as string] ?? null;
    v = v.replace(symbol[0], '');
  }
  v = v.replace(/\s/g, '');
  const negative = /^\(.*\)$/.test(v) || v.startsWith('-');
  v = v.replace(/[()\-+]/g, '');
  if (!/^\d[\d.,]*$/.test(v)) throw new CellError(`not an amount: "${value}"`);
  const lastDot = v.lastIndexOf('.');
  const lastComma = v.lastIndexOf(',');
  const decimalAt = lastDot >= 0 && lastComma >= 0 ? Math.max(lastDot, lastComma) : lastComma >= 0 && /,\d{1,2}$/.test(v) ? lastComma : lastDot >= 0 && !/^\d{1,3}(\.\d{3})+$/.test(v) ? lastDot : -1;
  const whole = (decimalAt >= 0 ? v.slice(0, decimalAt) : v).replace(/[.,]/g, '');
  const fraction = decimalAt >= 0 ? v.slice(decimalAt + 1) : '';
  if (/[.,]/.test(fraction)) throw new CellError(`not an amount: "${value}"`);
  const amount = Number(`${whole || '0'}.${fraction || '0'}`) * scale;
  if (!Number.isFinite(amount) || amount > 9e13) throw new CellError(`amount out of range: "${value}"`);
  return { minor: (negative ? -1 : 1) * Math.round(amount * 100), currency };
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** ISO dates (with or without a time), else day/month order per the mapping; two-digit years are 20xx. */
export function parseDate(value: string, order: 'mdy' | 'dmy'): string | null {
  const v = value.trim();
  if (!v) return null;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(v);
  const other = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[T ,].*)?$/.exec(v);
  let date: string | null = null;
  if (iso) date = validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  else if (other) {
    const [a, b, y] = [Number(other[1]), Number(other[2]), Number(other[3]) + ((other[3] as string).length === 2 ? 2000 : 0)];
    date = order === 'mdy' ? validDate(y, a, b) : validDate(y, b, a);
  }
  if (!date) throw new CellError(`not a date: "${value}" (expected YYYY-MM-DD or ${order === 'mdy' ? 'M/D/YYYY' : 'D/M/YYYY'})`);
  return date;
}

export function parseInteger(value: string): number | null {
  const v = value.trim().replace(/[,\s]/g, '');
  if (!v) return null;
  if (!/^-?\d+(\.0+)?$/.test(v)) throw new CellError(`not a whole number: "${value}"`);
  return Number.parseInt(v, 10);
}

export function parsePercent(value: string): number | null {
  const v = value.trim().replace(/%$/, '').trim();
  if (!v) return null;
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new CellError(`not a percentage 0-100: "${value}"`);
  return Math.round(n * 10) / 10;
}
