import { magnitudeAt, type NumberToken } from './numbers.ts';
import type { Price, PriceUnit } from './types.ts';

// Money with an explicit currency: a symbol or code before ("$42,000", "USD 18", "€1.2M") or after
// ("400$", "100 EUR"), or a currency word after ("18 dollars", "twenty five Euros", "10 to 15 cents").
// A bare number is never a price: "would you take 300?" has no currency. Amounts become minor units
// (cents); ranges become bands ("$15-20k", "$4.70-$4.80", "between $500 and $10000").

const PREFIX: [RegExp, string][] = [
  [/(?:US\$|U\.S\.\s?\$|USD)\s?$/, 'USD'], [/(?:C\$|CA\$|CAD)\s?$/, 'CAD'], [/(?:A\$|AU\$|AUD)\s?$/, 'AUD'],
  [/(?:€|EUR)\s?$/, 'EUR'], [/(?:£|GBP)\s?$/, 'GBP'], [/(?:¥|JPY)\s?$/, 'JPY'], [/(?:₹|INR)\s?$/, 'INR'], [/CHF\s?$/, 'CHF'],
  [/\$\s?$/, 'USD'],
];
const SUFFIX = /^\s?(?:(\$|€|£)|(USD|EUR|GBP|CAD|AUD|CHF|JPY|INR)\b|(dollars?|bucks?|euros?|pounds?|quid|yen|cents?|pence)\b)/i;
const WORD_CURRENCY: Record<string, string> = { dollar: 'USD', buck: 'USD', euro: 'EUR', pound: 'GBP', quid: 'GBP', yen: 'JPY' };
const SYMBOL_CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
const ZERO_DECIMALS = new Set(['JPY']);
// "twelve Euro forty cents", "twelve Euros fifty"
const SUBUNIT_AFTER = /^\s+(?:and\s+)?(\S+(?:[\s-]\S+)?)(\s+(?:cents?|pence))?/i;
const PER = /^\s*(?:\/\s?|per\s+|an?\s+|each\s+)(users?|seats?|licen[cs]es?|units?|pop|months?|mo|years?|yr|annum|weeks?|days?|d|hours?|hr|square\s+f(?:oo|ee)t|sq\.?\s?ft|sf|lots?|kwh|mmbtu)\b|^\s*(psf|annually|monthly|yearly|each)\b/i;
const PER_UNIT: [RegExp, PriceUnit][] = [
  [/^users?$/i, 'user'], [/^seats?$/i, 'seat'], [/^licen/i, 'license'], [/^(units?|pop|each)$/i, 'unit'],
  [/^(months?|mo|monthly)$/i, 'month'], [/^(years?|yr|annum|annually|yearly)$/i, 'year'], [/^weeks?$/i, 'week'],
  [/^(days?|d)$/i, 'day'], [/^(hours?|hr)$/i, 'hour'], [/^(square|sq|sf|psf)/i, 'sqft'], [/^lots?$/i, 'lot'],
  [/^kwh$/i, 'kwh'], [/^mmbtu$/i, 'mmbtu'],
];

const minor = (value: number, currency: string): number => {
  const scaled = ZERO_DECIMALS.has(currency) ? value : value * 100;
  return Math.round(scaled * 100) / 100;
};

function perAt(text: string, index: number): { per?: PriceUnit; length: number } {
  const m = PER.exec(text.slice(index, index + 30));
  if (!m) return { length: 0 };
  const word = (m[1] ?? m[2] ?? '').toLowerCase();
  const hit = PER_UNIT.find(([rx]) => rx.test(word));
  return hit ? { per: hit[1], length: m[0].length } : { length: 0 };
}

interface Amount {
  value: number;
  start: number;
  end: number;
  hadMagnitude: boolean;
}

// number + magnitude + the tokenised cents of "$ 2753 . 00"
function amountAt(text: string, token: NumberToken): Amount {
  let end = token.end;
  let value = token.value;
  const cents = !token.words && !token.text.includes('.') ? /^\s\.\s(\d{2})(?!\d)/.exec(text.slice(end, end + 6)) : null;
  if (cents) {
    value += Number(cents[1]) / 100;
    end += cents[0].length;
  }
  const mag = magnitudeAt(text, end, true);
  return { value: value * mag.factor, start: token.start, end: end + mag.length, hadMagnitude: mag.factor !== 1 };
}

function prefixCurrency(text: string, token: NumberToken): { currency: string; start: number } | null {
  if (token.words) return null;
  const before = text.slice(Math.max(0, token.start - 6), token.start);
  for (const [rx, currency] of PREFIX) {
    const m = rx.exec(before);
    if (m) return { currency, start: token.start - m[0].length };
  }
  return null;
}

function suffixCurrency(text: string, at: number): { currency: string; minorUnit: boolean; length: number } | null {
  const m = SUFFIX.exec(text.slice(at, at + 12));
  if (!m) return null;
  if (m[1]) return { currency: SYMBOL_CURRENCY[m[1]] as string, minorUnit: false, length: m[0].length };
  if (m[2]) return { currency: m[2].toUpperCase(), minorUnit: false, length: m[0].length };
  const word = (m[3] as string).toLowerCase().replace(/s$/, '');
  if (word === 'cent') return { currency: 'USD', minorUnit: true, length: m[0].length };
  if (word === 'pence') return { currency: 'GBP', minorUnit: true, length: m[0].length };
  return { currency: WORD_CURRENCY[word] as string, minorUnit: false, length: m[0].length };
}

function isBand(glue: string, lo: number, hi: number, before: string): boolean {
  if (!(hi >= lo)) return false;
  if (/^\s*[-–—]\s*$/.test(glue)) return true;
  if (/^\s+and\s+$/i.test(glue)) return /\bbetween\s+\S*\s*$/i.test(before);
  // "$4.44 to $72.13" after "closed down" is two prices, "$1.30 to $1.40" is a band
  return /^\s+to\s+$/i.test(glue) && (/\b(?:from|between)\s+\S*\s*$/i.test(before) || lo === 0 || hi <= lo * 5);
}

export function extractPrices(text: string, numbers: NumberToken[]): Price[] {
  const out: Price[] = [];
  const consumed = new Set<number>();
  for (let i = 0; i < numbers.length; i++) {
    if (consumed.has(i)) continue;
    const token = numbers[i] as NumberToken;
    const pre = prefixCurrency(text, token);
    let amount = amountAt(text, token);
    const suf = pre ? null : suffixCurrency(text, amount.end);
    if (!pre && !suf) continue;
    let currency = (pre?.currency ?? suf?.currency) as string;
    let start = pre?.start ?? amount.start;
    let end = amount.end + (suf?.length ?? 0);
    let lo = amount.value;
    let hi: number | undefined;
    if (suf?.minorUnit) lo /= 100;
    // a band whose low end has no currency of its own: "10 to 15 cents", "$15-20k"
    const prev = numbers[i - 1];
    if (suf && prev && !consumed.has(i - 1) && out.every((p) => p.end <= prev.start)) {
      const glue = text.slice(prev.end, token.start);
      const lowValue = suf.minorUnit ? prev.value / 100 : prev.value;
      if (isBand(glue, lowValue, lo, text.slice(Math.max(0, prev.start - 12), prev.start))) {
        hi = lo;
        lo = lowValue;
        start = prev.start;
      }
    }
    const next = numbers[i + 1];
    if (pre && next && hi === undefined) {
      const glue = text.slice(amount.end, next.start).replace(/(?:US\$|\$|€|£|USD|EUR|GBP)\s?$/, '');
      const nextAmount = amountAt(text, next);
      const loValue = nextAmount.hadMagnitude && !amount.hadMagnitude ? lo * (nextAmount.value / next.value) : lo;
      if (isBand(glue, loValue, nextAmount.value, text.slice(Math.max(0, start - 12), start))) {
        lo = loValue;
        hi = nextAmount.value;
        amount = nextAmount;
        end = nextAmount.end;
        const trailing = suffixCurrency(text, end);
        if (trailing && trailing.currency === currency && !trailing.minorUnit) end += trailing.length;
        consumed.add(i + 1);
      }
    }
    if (suf && !suf.minorUnit && token.words) {
      const sub = subunit(text, end, numbers);
      if (sub) {
        lo += sub.value / 100;
        end = sub.end;
        consumed.add(sub.index);
      }
    }
    const per = perAt(text, end);
    const price: Price = { amountMinor: minor(lo, currency), currency, text: text.slice(start, end + per.length), start, end: end + per.length };
    if (hi !== undefined) price.amountMaxMinor = minor(hi, currency);
    if (per.per) price.per = per.per;
    out.push(price);
    consumed.add(i);
  }
  return out.concat(articlePrices(text, out));
}

function subunit(text: string, at: number, numbers: NumberToken[]): { value: number; end: number; index: number } | null {
  const m = SUBUNIT_AFTER.exec(text.slice(at, at + 30));
  if (!m) return null;
  const tokenStart = at + m[0].indexOf(m[1] as string);
  const index = numbers.findIndex((n) => n.start === tokenStart && n.words && n.value < 100 && Number.isInteger(n.value));
  const token = numbers[index];
  if (!token) return null;
  const centsWord = /^\s+(?:cents?|pence)\b/i.exec(text.slice(token.end, token.end + 8));
  return { value: token.value, end: token.end + (centsWord ? centsWord[0].length : 0), index };
}

// "a Pound", "one dollar": the article is the amount
function articlePrices(text: string, found: Price[]): Price[] {
  const out: Price[] = [];
  const rx = /\b(a|one)\s+(dollar|euro|pound|buck)\b/gi;
  for (let m = rx.exec(text); m !== null; m = rx.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((p) => start < p.end && end > p.start)) continue;
    const currency = WORD_CURRENCY[(m[2] as string).toLowerCase()] as string;
    const per = perAt(text, end);
    const price: Price = { amountMinor: minor(1, currency), currency, text: text.slice(start, end + per.length), start, end: end + per.length };
    if (per.per) price.per = per.per;
    out.push(price);
  }
  return out;
}
