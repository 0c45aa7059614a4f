import { magnitudeAt, type NumberToken } from './numbers.ts';
import type { Quantity, QuantityUnit, Span } from './types.ts';

// "250 seats", "between 200 and 300 users", "200-300 licenses", "1,200 units", "2k seats",
// "a 30-minute call", "8 pilot users", "ten million units", "stores (60-100)". A quantity needs a
// unit from the list below right after the number (one modifier word allowed), so years, phone
// numbers, versions, prices and bare counts ("3 bids") are not quantities.

const UNIT_PATTERNS: [QuantityUnit, string][] = [
  ['seats', 'seats?'], ['users', 'users?'], ['licenses', 'licen[cs]es?'], ['units', 'units?'],
  ['reps', 'reps?|salespeople|sales reps?'], ['employees', 'employees?|staff|FTEs?|headcount'], ['people', 'people|persons'],
  ['customers', 'customers?|clients?'], ['accounts', 'accounts?'], ['attendees', 'attendees?|participants?|delegates?'],
  ['members', 'members?'], ['stores', 'stores?'], ['locations', 'locations?|offices?|branches?'], ['sites', 'sites?'],
  ['shares', 'shares?'], ['devices', 'devices?|machines?|servers?|endpoints?'],
  ['minutes', 'minutes?|mins?'], ['hours', 'hours?|hrs?'], ['days', 'days?'], ['weeks', 'weeks?|wks?'],
  ['months', 'months?|mos?'], ['years', 'years?|yrs?'],
  ['kwh', 'kWh'], ['mw', "MW'?s?|megawatts?"], ['kw', 'kW|kilowatts?'], ['mmcf', 'MMcf'], ['bcf', 'Bcf'], ['mmbtu', 'MMBtu'],
];
const MODIFIERS = 'pilot|active|new|additional|extra|more|named|concurrent|paid|total|full-time|part-time|business|working|calendar|sales|field|licensed|free|trial|billable|monthly|daily|seat|user';
const UNIT_AT = new RegExp(`^(?:\\s?-\\s?|\\s*)(?:(?:${MODIFIERS})\\s+)?(${UNIT_PATTERNS.map(([, p]) => `(?:${p})`).join('|')})(?![\\w])`, 'i');
const UNIT_LOOKUP = UNIT_PATTERNS.map(([unit, p]) => [unit, new RegExp(`^(?:${p})$`, 'i')] as const);
const RANGE_GLUE = /^\s*(?:-|–|—|to|through|and)\s*$/i;
// "stores (60-100)": the unit written before a bracketed range
const UNIT_THEN_RANGE = new RegExp(`\\b(${UNIT_PATTERNS.map(([, p]) => `(?:${p})`).join('|')})\\s*\\(\\s*(\\d[\\d,]*)\\s*[-–]\\s*(\\d[\\d,]*)\\s*\\)`, 'gi');

function unitOf(word: string): QuantityUnit | null {
  for (const [unit, rx] of UNIT_LOOKUP) if (rx.test(word)) return unit;
  return null;
}

// energy units are written in capitals ("MW", "MMcf"); lower-case "mw" also occurs in Enron mail
function caseOk(word: string, unit: QuantityUnit): boolean {
  if (unit === 'kw' || unit === 'kwh') return /^k/i.test(word) && word !== 'KW';
  return true;
}

const overlaps = (s: number, e: number, spans: Span[]): boolean => spans.some((x) => s < x.end && e > x.start);

export function extractQuantities(text: string, numbers: NumberToken[], taken: Span[]): Quantity[] {
  const out: Quantity[] = [];
  const used = new Set<number>();
  for (let i = 0; i < numbers.length; i++) {
    const a = numbers[i] as NumberToken;
    if (used.has(i) || overlaps(a.start, a.end, taken)) continue;
    let last = a;
    let lastIndex = i;
    const b = numbers[i + 1];
    if (b && RANGE_GLUE.test(text.slice(a.end, b.start))) {
      const glue = text.slice(a.end, b.start).trim().toLowerCase();
      if (glue !== 'and' || /\bbetween\s+$/i.test(text.slice(Math.max(0, a.start - 9), a.start))) {
        last = b;
        lastIndex = i + 1;
      }
    }
    const mag = magnitudeAt(text, last.end, false);
    const m = UNIT_AT.exec(text.slice(last.end + mag.length, last.end + mag.length + 40));
    if (!m) continue;
    const word = m[1] as string;
    const unit = unitOf(word);
    if (!unit || !caseOk(word, unit)) continue;
    const aMag = last === a ? mag.factor : magnitudeAt(text, a.end, false).factor;
    const start = last !== a && /between\s+$/i.test(text.slice(Math.max(0, a.start - 9), a.start)) ? text.lastIndexOf('between', a.start) : a.start;
    const end = last.end + mag.length + m[0].length;
    const q: Quantity = { value: a.value * (aMag === 1 ? mag.factor : aMag), unit, text: text.slice(start, end), start, end };
    if (last !== a) q.valueMax = last.value * mag.factor;
    out.push(q);
    used.add(i).add(lastIndex);
  }
  UNIT_THEN_RANGE.lastIndex = 0;
  for (let m = UNIT_THEN_RANGE.exec(text); m !== null; m = UNIT_THEN_RANGE.exec(text)) {
    const unit = unitOf(m[1] as string);
    if (!unit || overlaps(m.index, m.index + m[0].length, [...taken, ...out])) continue;
    const lo = Number((m[2] as string).replace(/,/g, ''));
    const hi = Number((m[3] as string).replace(/,/g, ''));
    out.push({ value: lo, valueMax: hi, unit, text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out.sort((x, y) => x.start - y.start);
}
