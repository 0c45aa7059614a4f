import * as chrono from 'chrono-node';
import type { ParsedComponents, ParsedResult } from 'chrono-node';
import { addDays, compare, isValid, iso, mondayOf, weekday, type YMD } from './calendar.ts';
import { dateKind } from './date-kind.ts';
import { extractPeriods, isPeriodText } from './periods.ts';
import type { DateMention } from './types.ts';

// Dates through chrono-node, with the conventions chrono leaves open made explicit:
// - a calendar day is emitted as YYYY-MM-DD in the writer's zone; times alone ("at 10am") are not dates,
//   nor are bare years, year-level relatives ("next year") or durations ("for 24 months").
// - a month alone is its 1st; "next/last month" the 1st of that month; weeks and quarters come from
//   periods.ts ("next week" -> its Monday, "next quarter" -> its first day).
// - chrono picks the closest candidate; a bare weekday then moves to the next occurrence unless the
//   nearest tense cue is past ("talked to him on Friday"), and an implied-year date in the past moves a
//   year on when the nearest cue is future ("locked in until March 31"). A weekday written with a date
//   picks the year where they agree ("Monday, December 11" -> 2000).
// - ranges yield both ends ("September 25 to September 27", "September 26 and 27").

export interface DateReference {
  now: Date;
  today: YMD;
  offsetMinutes: number;
}

const GATE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:today|tonight|tomorrow|yesterday|noon|days?|weeks?|months?|weekend|morning|afternoon|evening|night|ago)\b|\d{1,2}\/\d{1,2}|\d{4}-\d{2}-\d{2}/i;
const PAST = /\b(?:thanks for|thank you for|was|were|had|did|didn'?t|ago|yesterday|last|earlier|previously|accepted|talked|spoke|met|mailed|sent|received|paid|entered|executed|bought|sold|closed|noted|advised|attended|announced|signed|purchased|called|left|happened|went|came|asked|told|said|reported|rejected|approved|traded|finished|delivered|got)\b/gi;
const FUTURE = /\b(?:will|shall|going to|gonna|let'?s|can we|could we|would|please|need to|needs to|plans?|planning|scheduled?|expects?|hope|hoping|upcoming|coming|available|works? for|by|before|until|till|due|next|tomorrow|can you|could you|how about|revisit|starting|start)\b|'ll\b/gi;
const EXPLICIT = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])|\d{1,2}\/\d{1,2}|\d{4}-\d{2}-\d{2}/i;
const CASUAL_DAY = /\b(?:today|tonight|tomorrow|yesterday|last night|this (?:morning|afternoon|evening)|noon|end of (?:the |this |next )?month)\b/i;
const DURATION_ONLY = /^(?:for\s+)?(?:about\s+|around\s+|approximately\s+)?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|a couple of)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)$/i;
const SUB_DAY = /\b(?:minutes?|mins?|hours?|hrs?|seconds?)\b/i;
const MONTH_WORD = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?/i;

type Tense = 'past' | 'future' | 'neutral';

function nearestTense(sentence: string, start: number, end: number): Tense {
  const distance = (rx: RegExp): number => {
    let best = Infinity;
    rx.lastIndex = 0;
    for (let m = rx.exec(sentence); m !== null; m = rx.exec(sentence)) {
      const d = m.index >= end ? m.index - end : m.index + m[0].length <= start ? start - (m.index + m[0].length) : 0;
      if (d < best) best = d;
    }
    return best;
  };
  const past = distance(PAST);
  const future = distance(FUTURE);
  if (past === Infinity && future === Infinity) return 'neutral';
  return past < future ? 'past' : 'future';
}

const ymdOf = (c: ParsedComponents): YMD => ({ y: c.get('year') as number, m: c.get('month') as number, d: c.get('day') as number });
const plausibleYear = (c: ParsedComponents): boolean => c.isCertain('year') && (c.get('year') as number) >= 1950 && (c.get('year') as number) <= 2100;

function closestYearForMonth(month: number, today: YMD): number {
  const diff = (y: number): number => Math.abs(y * 12 + month - (today.y * 12 + today.m));
  return [today.y - 1, today.y, today.y + 1].reduce((best, y) => (diff(y) < diff(best) ? y : best));
}

interface Resolved {
  dates: YMD[];
  text: string;
}

// "Monday, December 11": among the neighbouring years, the one where the weekday agrees
function yearByWeekday(p: YMD, wd: number, today: YMD): YMD {
  const options = [today.y - 1, today.y, today.y + 1].map((y) => ({ ...p, y })).filter((o) => isValid(o) && weekday(o) === wd);
  options.sort((a, b) => Math.abs(compare(a, today)) - Math.abs(compare(b, today)));
  return options[0] ?? p;
}

function resolveExplicit(r: ParsedResult, tense: Tense, ref: DateReference, sentence: string): Resolved | null {
  const c = r.start;
  let text = r.text;
  if (!c.isCertain('day')) {
    const word = MONTH_WORD.exec(text);
    if (!word) return null;
    // "May I have..." is a verb; a month on its own follows a preposition or carries a year
    const before = sentence.slice(Math.max(0, r.index - 16), r.index);
    if (/^may$/i.test(word[0]) && (word[0] !== 'May' || !/\b(?:in|for|of|by|from|through|until|till|since|early|mid|late|during|before|after|end|and|or)\s*$|,\s*$/i.test(before))) return null;
    const y = plausibleYear(c) ? (c.get('year') as number) : closestYearForMonth(c.get('month') as number, ref.today);
    if (!plausibleYear(c)) text = text.slice(0, word.index + word[0].length);
    let p = { y, m: c.get('month') as number, d: 1 };
    if (!plausibleYear(c) && tense === 'future' && (p.y < ref.today.y || (p.y === ref.today.y && p.m < ref.today.m))) p = { ...p, y: p.y + 1 };
    const end = r.end?.isCertain('month') ? { y: p.y + ((r.end.get('month') as number) < p.m ? 1 : 0), m: r.end.get('month') as number, d: 1 } : null;
    return { dates: end ? [p, end] : [p], text };
  }
  let p = ymdOf(c);
  let shift = 0;
  if (!plausibleYear(c)) {
    if (c.isCertain('weekday')) p = yearByWeekday(p, c.get('weekday') as number, ref.today);
    else if (tense === 'future' && compare(p, ref.today) < 0) shift = 1;
  }
  p = { ...p, y: p.y + shift };
  const dates = [p];
  if (r.end?.isCertain('day')) {
    const e = ymdOf(r.end);
    const end = plausibleYear(r.end) ? e : { ...e, y: p.y + (e.m < p.m ? 1 : 0) };
    if (compare(end, p) > 0) dates.push(end);
  }
  return { dates, text };
}

function resolveRelative(r: ParsedResult, ref: DateReference): YMD | null {
  const lower = r.text.toLowerCase();
  if (DURATION_ONLY.test(lower.trim())) return null;
  if (SUB_DAY.test(lower) && !CASUAL_DAY.test(lower)) return null;
  if (/\b(?:later|earlier|after|before)$/.test(lower.trim())) return null; // "a day later", "6 months after": relative to another event
  if (/\b(?:few|several|some|many)\b/.test(lower)) return null; // "within a few days" names no day
  if (CASUAL_DAY.test(lower)) return ymdOf(r.start);
  if (!r.start.isCertain('month') && !r.start.isCertain('day')) return null; // "next year"
  const p = ymdOf(r.start);
  if (/\b(?:next|last|this)\s+month\b/.test(lower) && !/\bend of\b/.test(lower)) return { ...p, d: 1 };
  return p;
}

function resolveWeekday(r: ParsedResult, tense: Tense, ref: DateReference, sentence: string): YMD {
  const p = ymdOf(r.start);
  if (/\b(?:next|last|this|coming)\b/i.test(r.text)) return p;
  // "next Tuesday or Thursday": the second weekday is next week's too
  if (/\bnext\s+[a-z]+day\s*(?:,|or|and|\/)\s*(?:on\s+)?$/i.test(sentence.slice(Math.max(0, r.index - 24), r.index))) {
    return addDays(mondayOf(ref.today), 7 + ((r.start.get('weekday') as number) + 6) % 7);
  }
  if (tense === 'past' && compare(p, ref.today) > 0) return addDays(p, -7);
  if (tense !== 'past' && compare(p, ref.today) < 0) return addDays(p, 7);
  return p;
}

function resolve(r: ParsedResult, ref: DateReference, sentence: string): Resolved | null {
  const tense = nearestTense(sentence, r.index, r.index + r.text.length);
  if (EXPLICIT.test(r.text) && (r.start.isCertain('month') || r.start.isCertain('day'))) return resolveExplicit(r, tense, ref, sentence);
  if (r.tags().has('result/relativeDate') || CASUAL_DAY.test(r.text)) {
    const p = resolveRelative(r, ref);
    return p ? { dates: [p], text: r.text } : null;
  }
  if (r.start.isCertain('weekday')) return { dates: [resolveWeekday(r, tense, ref, sentence)], text: r.text };
  return null; // a time of day alone
}

/** dates in one sentence; offsets are into the sentence */
export function extractDates(sentence: string, ref: DateReference): DateMention[] {
  const out: DateMention[] = [];
  for (const q of extractPeriods(sentence, ref.today)) out.push({ date: q.date, text: q.text, start: q.start, end: q.end, kind: q.deadline ? 'deadline' : dateKind(sentence, q.start, q.end, false) });
  if (!GATE.test(sentence)) return out;
  const results = chrono.casual.parse(sentence, { instant: ref.now, timezone: ref.offsetMinutes });
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as ParsedResult;
    if (isPeriodText(r.text)) continue;
    const next = results[i + 1];
    // "Friday =01) August 4, 2000": a weekday just before a full date belongs to it
    if (!r.start.isCertain('day') && r.start.isCertain('weekday') && next?.start.isCertain('day') && next.index - (r.index + r.text.length) < 12) continue;
    const resolved = resolve(r, ref, sentence);
    if (!resolved) continue;
    const end = r.index + resolved.text.length;
    const kind = dateKind(sentence, r.index, end, r.start.isCertain('hour'));
    for (const p of resolved.dates) out.push({ date: iso(p), text: resolved.text, start: r.index, end, kind });
    const first = resolved.dates[0] as YMD;
    const more = r.start.isCertain('day') && resolved.dates.length === 1 ? /^\s*(?:and|&|or)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![:.]\d|\s*(?:%|[ap]\.?m\b))/i.exec(sentence.slice(end, end + 12)) : null;
    if (more) {
      const p = { ...first, d: Number(more[1]) };
      const start = end + more[0].indexOf(more[1] as string);
      const stop = end + more[0].length;
      if (isValid(p) && p.d > first.d) out.push({ date: iso(p), text: sentence.slice(start, stop), start, end: stop, kind });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
