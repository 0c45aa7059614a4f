import type { NumberToken } from './numbers.ts';
import type { PercentMention, Span } from './types.ts';

// Percentages that mean something commercially: a discount ("15% off", "a discount of 10%",
// "save up to 50%", "18% discount") or a margin ("30% margin", "gross margin of 30%", "fifty percent
// profit"). Every other percentage ("75% of appraised value", "10% annual interest", "68 % of the
// gross production") is only recorded as taken, so its number is not read as a quantity.

const PERCENT_SIGN = /^\s?(?:%|percent\b|per\s?cent\b|pct\b)/i;
const DISCOUNT_AFTER = /^\s*\*?\s*(?:[a-z-]+\s+)?(?:off\b|discount|reduction|savings?\b|markdown)/i;
const DISCOUNT_BEFORE = /\b(?:discount|save|saving|savings|reduction|markdown|take|knock|extra)\s+(?:of\s+)?(?:up\s+to\s+|an\s+extra\s+|extra\s+|another\s+|nearly\s+|about\s+|over\s+)?$/i;
const MARGIN_AFTER = /^\s*(?:gross\s+|net\s+|profit\s+|operating\s+|contribution\s+)?(?:margins?|mark-?ups?|profit)\b/i;
const MARGIN_BEFORE = /\b(?:margins?|mark-?ups?)\s+(?:of|is|are|at|was|were|around|about|=|:)?\s*(?:of\s+)?(?:about|around|roughly|approximately|only|just|~)?\s*$/i;

export interface PercentResult {
  margins: PercentMention[];
  discounts: PercentMention[];
  /** every percentage span, margin or not */
  spans: Span[];
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

export function extractPercents(text: string, numbers: NumberToken[]): PercentResult {
  const result: PercentResult = { margins: [], discounts: [], spans: [] };
  for (const n of numbers) {
    const sign = PERCENT_SIGN.exec(text.slice(n.end, n.end + 10));
    if (!sign) continue;
    const end = n.end + sign[0].length;
    const span = { text: text.slice(n.start, end), start: n.start, end };
    result.spans.push(span);
    if (n.value < 0 || n.value > 100) continue;
    const after = text.slice(end, end + 40);
    const before = text.slice(Math.max(0, n.start - 40), n.start);
    const percent = round1(n.value);
    if (DISCOUNT_AFTER.test(after) || DISCOUNT_BEFORE.test(before)) {
      const tail = DISCOUNT_AFTER.exec(after);
      const spanEnd = tail ? end + tail[0].length : end;
      result.discounts.push({ percent, text: text.slice(n.start, spanEnd), start: n.start, end: spanEnd });
    } else if (MARGIN_AFTER.test(after) || MARGIN_BEFORE.test(before)) {
      const tail = MARGIN_AFTER.exec(after);
      const spanEnd = tail ? end + tail[0].length : end;
      result.margins.push({ percent, text: text.slice(n.start, spanEnd), start: n.start, end: spanEnd });
    }
  }
  return result;
}
