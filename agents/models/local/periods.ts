import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

// Time spans in a request, under the turn's clock: "Q3", "last month", "this year", "ytd", "march",
// "this week", "last 30 days", "since June 1". Periods the tools' vocabulary has (tools/analytics/period.ts)
// come back as its strings; anything else as an inclusive date range.

export type TimeSpan = { kind: 'period'; value: string } | { kind: 'range'; from: string; to: string };

export interface FoundSpan {
  span: TimeSpan;
  /** character range in the normalized text, to take it out before reading free text */
  start: number;
  end: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const monthIndex = (word: string) => MONTHS.findIndex((m) => m.startsWith(word.slice(0, 3)));
const UNIT: Record<string, 'month' | 'quarter' | 'year' | 'week'> = { month: 'month', mo: 'month', quarter: 'quarter', qtr: 'quarter', q: 'quarter', year: 'year', yr: 'year', fy: 'year', week: 'week', wk: 'week' };
const STEP: Record<string, number> = { this: 0, current: 0, last: -1, previous: -1, prior: -1, past: -1, next: 1, coming: 1, upcoming: 1 };
const ORDINAL: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4 };

const iso = (d: DateTime) => d.toISODate()!;

/** Finds every time span; `prefer` says which way a bare month or quarter points ("forecast Q1" is ahead). */
export function findTimeSpans(text: string, now: Date, prefer: 'past' | 'future' = 'past'): FoundSpan[] {
  const t = DateTime.fromJSDate(now, { zone: 'utc' });
  const year = t.year;
  const out: FoundSpan[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && e > a);
  const add = (re: RegExp, make: (m: RegExpExecArray) => TimeSpan | undefined) => {
    for (const m of text.matchAll(new RegExp(re.source, 'g'))) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      const span = make(m as RegExpExecArray);
      if (!span) continue;
      out.push({ span, start, end });
      taken.push([start, end]);
    }
  };
  const week = (offset: number) => {
    const monday = t.startOf('week').plus({ weeks: offset });
    return { kind: 'range' as const, from: iso(monday), to: iso(monday.plus({ days: 6 })) };
  };
  const yearOf = (y: string | undefined) => (y ? (y.length === 2 ? 2000 + Number(y) : Number(y)) : undefined);

  add(/\b(ytd|year to date|so far this year)\b/, () => ({ kind: 'period', value: 'this_year' }));
  add(/\b(qtd|quarter to date|so far this quarter)\b/, () => ({ kind: 'period', value: 'this_quarter' }));
  add(/\b(mtd|month to date|so far this month)\b/, () => ({ kind: 'period', value: 'this_month' }));
  add(/\b(?:(?:in|within|over|for) the (?:last|past) |(?:last|past|previous) |(?<=\b(?:\w*nt|not|never)\b.*)\bin )(\d{1,3}) (day|week|month)s?\b/, (m) => {
    const n = Number(m[1]);
    const unit = m[2] as 'day' | 'week' | 'month';
    return { kind: 'range', from: iso(t.minus({ [`${unit}s`]: n })), to: iso(t) };
  });
  add(/\b(?:(\d{4}|'?\d{2}) ?q([1-4])|q([1-4])(?: ?(?:of )?(?:fy ?)?'?(\d{4}|\d{2})\b)?)\b/, (m) => {
    const q = Number(m[2] ?? m[3]);
    let y = yearOf(m[1]?.replace("'", '') ?? m[4]) ?? year;
    if (!m[1] && !m[4]) {
      const current = Math.floor((t.month - 1) / 3) + 1;
      if (prefer === 'future' && q < current) y = year + 1;
      if (prefer === 'past' && q > current) y = year - 1;
    }
    return { kind: 'period', value: `${y}-Q${q}` };
  });
  add(/\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of (\d{4}))?\b/, (m) => ({ kind: 'period', value: `${m[2] ?? year}-Q${ORDINAL[m[1]!]}` }));
  add(/\bh([12])(?: (\d{4}))?\b/, (m) => {
    const y = Number(m[2] ?? year);
    return m[1] === '1' ? { kind: 'range', from: `${y}-01-01`, to: `${y}-06-30` } : { kind: 'range', from: `${y}-07-01`, to: `${y}-12-31` };
  });
  add(/\b(this|current|last|previous|prior|past|next|coming|upcoming) (month|mo|quarter|qtr|q|year|yr|fy|week|wk)\b/, (m) => {
    const step = STEP[m[1]!]!;
    const unit = UNIT[m[2]!]!;
    if (unit === 'week') return week(step);
    const word = step === 0 ? 'this' : step < 0 ? 'last' : 'next';
    return { kind: 'period', value: `${word}_${unit}` };
  });
  add(/\b(today|yesterday|tomorrow)\b/, (m) => {
    const d = m[1] === 'today' ? t : m[1] === 'yesterday' ? t.minus({ days: 1 }) : t.plus({ days: 1 });
    return { kind: 'range', from: iso(d), to: iso(d) };
  });
  add(/\b(?:fy ?)?(20\d{2})\b(?! ?q[1-4])/, (m) => ({ kind: 'period', value: m[1]! }));
  add(new RegExp(`\\b(?:(in|for|during|of|since|through|last|this|next) )?${MONTH_RE}(?: (\\d{4}))?\\b(?! \\d)`), (m) => {
    const [, prep, word, y] = m;
    // "may" is usually the verb: a month only after a preposition or before a year
    if (word === 'may' && !prep && !y) return undefined;
    if (word === 'mar' || word === 'jun' || word === 'jul') {
      if (!prep && !y) return undefined;
    }
    const index = monthIndex(word!);
    if (index < 0) return undefined;
    let yy = y ? Number(y) : year;
    if (!y) {
      if (prep === 'last' || (prefer === 'past' && index + 1 > t.month && prep !== 'next')) yy = year - 1;
      if (prep === 'next' || (prefer === 'future' && index + 1 < t.month)) yy = year + 1;
    }
    const value = `${yy}-${String(index + 1).padStart(2, '0')}`;
    return prep === 'since' ? { kind: 'range', from: `${value}-01`, to: iso(t) } : { kind: 'period', value };
  });
  // explicit dates and ranges ("since June 1", "between July 1 and Aug 15", "before the 30th")
  for (const r of chrono.parse(text, now, { forwardDate: prefer === 'future' })) {
    const start = r.index;
    const end = start + r.text.length;
    if (!free(start, end)) continue;
    // "now by win rate", "right now": the present moment is no span to filter on
    if (/^(?:right |just )?now$/.test(r.text.trim())) continue;
    const from = DateTime.fromJSDate(r.start.date(), { zone: 'utc' });
    const before = text.slice(Math.max(0, start - 12), start);
    let span: TimeSpan;
    if (r.end) span = { kind: 'range', from: iso(from), to: iso(DateTime.fromJSDate(r.end.date(), { zone: 'utc' })) };
    else if (/\b(since|after|from)\s*$/.test(before)) span = { kind: 'range', from: iso(from), to: iso(t) };
    else if (/\b(before|until|by)\s*$/.test(before)) span = { kind: 'range', from: iso(t), to: iso(from) };
    else span = { kind: 'range', from: iso(from), to: iso(from) };
    out.push({ span, start, end });
    taken.push([start, end]);
  }
  // "between July 1 and Aug 15" comes back from chrono as two dates
  const ranges = out.filter((o) => o.span.kind === 'range').sort((a, b) => a.start - b.start);
  if (ranges.length === 2 && /\b(between|from)\b/.test(text.slice(0, ranges[0]!.start)) && /^\s*(and|to|-|through|until)\s*$/.test(text.slice(ranges[0]!.end, ranges[1]!.start))) {
    const [a, b] = ranges as [FoundSpan, FoundSpan];
    const merged: FoundSpan = { span: { kind: 'range', from: (a.span as { from: string }).from, to: (b.span as { to: string }).to }, start: a.start, end: b.end };
    return [...out.filter((o) => o !== a && o !== b), merged].sort((x, y) => x.start - y.start);
  }
  return out.sort((a, b) => a.start - b.start);
}
