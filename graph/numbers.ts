// The answer check for LLM answers: every figure an answer states must come from this turn's tool outputs
// (or the user's own words), allowing only formatting: rounding, k/M/B, percentages of ratios, money in
// minor units shown in major units. Dates, years and quarter names are not figures.

export interface NumberCheck {
  ok: boolean;
  /** the figures as written in the answer that no tool output supports */
  unsupported: string[];
}

interface Figure {
  text: string;
  value: number;
  /** half a unit of the last digit shown, in the figure's own scale */
  tolerance: number;
}

const SCALE: Record<string, number> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, mm: 1e6, b: 1e9, B: 1e9, bn: 1e9 };
const FIGURE = /(?<![\w.])(-?\$?-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?(k|K|mm|m|M|bn|b|B)?(%)?(?![\w])/g;
const DATE_LIKE = /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b|\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b|\b\d{1,2}:\d{2}\b/g;
const QUARTER = /\b(?:Q|H|FY)\d{1,4}\b/gi;

export function figuresIn(text: string): Figure[] {
  const cleaned = text.replace(DATE_LIKE, ' ').replace(QUARTER, ' ');
  const figures: Figure[] = [];
  for (const match of cleaned.matchAll(FIGURE)) {
    const [whole, sign, integer, decimals, suffix, percent] = match;
    const hasCurrency = sign?.includes('$') ?? false;
    const base = Number(`${integer!.replace(/,/g, '')}${decimals ? `.${decimals}` : ''}`);
    // a bare year is a date, not a figure
    if (!hasCurrency && !suffix && !percent && !decimals && base >= 1900 && base <= 2100) continue;
    const scale = suffix ? SCALE[suffix]! : 1;
    const negative = sign?.includes('-') ?? false;
    const step = decimals ? 10 ** -decimals.length : 1;
    figures.push({ text: whole.trim(), value: (negative ? -1 : 1) * base * scale, tolerance: (step / 2) * scale });
  }
  return figures;
}

/** Every number in a JSON value, plus list lengths and the forms formatting may turn them into. */
export function supportedValues(values: readonly unknown[], texts: readonly string[] = []): number[] {
  const out: number[] = [];
  const visit = (value: unknown, key: string, depth: number): void => {
    if (depth > 12) return;
    if (typeof value === 'number' && Number.isFinite(value)) {
      out.push(value, Math.abs(value));
      if (Math.abs(value) <= 1) out.push(value * 100, Math.abs(value) * 100);
      if (/minor$/i.test(key)) out.push(value / 100, Math.abs(value) / 100);
    } else if (typeof value === 'string') {
      for (const figure of figuresIn(value)) out.push(figure.value, Math.abs(figure.value));
    } else if (Array.isArray(value)) {
      out.push(value.length);
      for (const item of value) visit(item, key, depth + 1);
    } else if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey, depth + 1);
    }
  };
  for (const value of values) visit(value, '', 0);
  for (const text of texts) for (const figure of figuresIn(text)) out.push(figure.value);
  return out;
}

/** Checks an answer against the turn's tool outputs (and the user's message, whose numbers may be repeated). */
export function checkNumbers(answer: string, toolOutputs: readonly unknown[], userText = ''): NumberCheck {
  const supported = supportedValues(toolOutputs, [userText]);
  const unsupported = figuresIn(answer)
    .filter((figure) => !supported.some((value) => Math.abs(value - figure.value) <= figure.tolerance + 1e-9 || Math.abs(value + figure.value) <= figure.tolerance + 1e-9))
    .map((figure) => figure.text);
  return { ok: unsupported.length === 0, unsupported: [...new Set(unsupported)] };
}

/** The note appended to an answer whose figures could not be repaired. */
export function flagUnsupported(answer: string, unsupported: readonly string[]): string {
  return `${answer}\n\n(Check: ${unsupported.join(', ')} ${unsupported.length === 1 ? 'does' : 'do'} not match any figure the tools returned this turn; treat ${unsupported.length === 1 ? 'it' : 'them'} as unverified.)`;
}
