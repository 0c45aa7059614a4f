// Finding expected numbers in an answer text written the usual ways ("$1,234,567", "$1.23M", "42%"): a
// rounded figure matches what it is a rounding of.

export type Unit = 'count' | 'money_minor' | 'percent';
export interface ExpectedNumber {
  label: string;
  value: number;
  unit: Unit;
}

export interface Tolerance {
  /** relative slack on money (0.005 = 0.5 %); default 0 */
  money?: number;
  /** absolute slack on counts; default 0 */
  count?: number;
  /** absolute slack in percentage points; default 0.05 (answers round to one decimal) */
  percent?: number;
}

interface Mention {
  value: number;
  /** half a unit of the last digit written: "$1.2M" stands for anything that rounds to it */
  slack: number;
  isPercent: boolean;
  isMoney: boolean;
  hasSuffix: boolean;
}

const SUFFIX: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mm: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };
const NUMBER = /(\$|usd\s?|€|eur\s?)?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?(%|percent\b|k\b|thousand\b|mm\b|mn\b|m\b|million\b|bn\b|b\b|billion\b)?/gi;

function mentions(text: string): Mention[] {
  const found: Mention[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const [, currency, whole, decimals = '', unit = ''] = m;
    const u = unit.toLowerCase();
    const isPercent = u === '%' || u === 'percent';
    const multiplier = isPercent ? 1 : (SUFFIX[u] ?? 1);
    const base = Number(`${whole!.replace(/,/g, '')}${decimals ? `.${decimals}` : ''}`);
    found.push({
      value: base * multiplier,
      slack: 0.5 * 10 ** -decimals.length * multiplier,
      isPercent,
      isMoney: currency !== undefined || (multiplier > 1 && !isPercent),
      hasSuffix: multiplier > 1,
    });
  }
  return found;
}

export interface NumberMatch {
  label: string;
  expected: ExpectedNumber;
  found: number | null;
  matched: boolean;
}

/**
 * Finds each expected number in an answer written the usual ways ("$1,234,567", "$1.23M", "1.2m", "42%",
 * "42.0 %", "1,234"). Money is expected in minor units and read in major units; a rounded mention
 * ("$1.2M") matches anything it is a rounding of, plus the tolerance.
 */
export function numbersMatch(answerText: string, expected: ExpectedNumber[], tolerance: Tolerance = {}): { ok: boolean; results: NumberMatch[] } {
  const all = mentions(answerText);
  const results = expected.map((e): NumberMatch => {
    const target = e.unit === 'money_minor' ? e.value / 100 : e.value;
    const slack = e.unit === 'money_minor' ? Math.abs(target) * (tolerance.money ?? 0) : e.unit === 'percent' ? (tolerance.percent ?? 0.05) : (tolerance.count ?? 0);
    const candidates = all.filter((m) => (e.unit === 'percent' ? m.isPercent : !m.isPercent && (e.unit === 'money_minor' || !m.isMoney)));
    const hit = candidates.find((m) => Math.abs(m.value - target) <= Math.max(slack, m.slack) + 1e-9);
    const nearest = candidates.sort((a, b) => Math.abs(a.value - target) - Math.abs(b.value - target))[0];
    return { label: e.label, expected: e, found: hit?.value ?? nearest?.value ?? null, matched: hit !== undefined };
  });
  return { ok: results.every((r) => r.matched), results };
}
