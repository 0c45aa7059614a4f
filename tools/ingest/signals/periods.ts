import { addDays, iso, lastDayOfMonth, mondayOf, type YMD } from './calendar.ts';

// Weeks and quarters, which chrono resolves to "the same day a week/three months on" or not at all.
// A week is its Monday ("next week", "early next week"), its Friday when it ends ("end of next week");
// a quarter is its first day ("next quarter", "Q3") or its last ("end of the quarter", "by quarter-end",
// "end of Q3"). A bare "Quarter-end is brutal" is a habit, not a date.

export interface PeriodHit {
  date: string;
  start: number;
  end: number;
  text: string;
  deadline: boolean;
}

const WEEK = /\b(end\s+of\s+|early\s+|late\s+)?(?:the\s+)?(next|this|last|coming|following)\s+week\b|\bend\s+of\s+(?:the\s+)?week\b/gi;
const RELATIVE_QUARTER = /\b(end\s+of\s+(?:the\s+)?)?(next|this|last|current|coming)\s+quarter\b/gi;
const END_OF_QUARTER = /\b(?:(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?quarter|(?:by|before|until|at|after)\s+(?:the\s+)?quarter[- ]end)\b/gi;
const NAMED_QUARTER = /\b(end\s+of\s+)?Q([1-4])(?:\s*(?:FY\s*)?'?(\d{4}|\d{2}))?\b/g;
const SHIFT: Record<string, number> = { next: 1, coming: 1, following: 1, this: 0, current: 0, last: -1 };

function quarterDate(year: number, quarter: number, atEnd: boolean): string {
  const q = ((quarter % 4) + 4) % 4;
  const y = year + Math.floor(quarter / 4);
  const month = q * 3 + 1;
  return atEnd ? iso({ y, m: month + 2, d: lastDayOfMonth(y, month + 2) }) : iso({ y, m: month, d: 1 });
}

/** true when chrono's result is one of ours (so it is skipped there) */
export const isPeriodText = (text: string): boolean => /\bquarter\b|\b(?:next|this|last|coming|following)\s+week\b|\bend\s+of\s+(?:the\s+)?week\b/i.test(text);

export function extractPeriods(sentence: string, today: YMD): PeriodHit[] {
  if (!/quarter|week|\bQ[1-4]\b/i.test(sentence)) return [];
  const hits: PeriodHit[] = [];
  const current = Math.floor((today.m - 1) / 3);
  const each = (rx: RegExp, date: (m: RegExpExecArray) => string): void => {
    rx.lastIndex = 0;
    for (let m = rx.exec(sentence); m !== null; m = rx.exec(sentence)) {
      const deadline = /\b(?:by|before|until|till)\s+(?:the\s+)?$/i.test(sentence.slice(Math.max(0, m.index - 12), m.index)) || /\bend\b/i.test(m[0]);
      if (!hits.some((h) => m.index < h.end && m.index + m[0].length > h.start)) {
        hits.push({ date: date(m), start: m.index, end: m.index + m[0].length, text: m[0], deadline });
      }
    }
  };
  each(WEEK, (m) => {
    const monday = addDays(mondayOf(today), 7 * (SHIFT[(m[2] ?? 'this').toLowerCase()] ?? 0));
    return iso(/\bend\b/i.test(m[0]) ? addDays(monday, 4) : monday);
  });
  each(RELATIVE_QUARTER, (m) => quarterDate(today.y, current + (SHIFT[(m[2] as string).toLowerCase()] ?? 0), m[1] !== undefined));
  each(END_OF_QUARTER, () => quarterDate(today.y, current, true));
  each(NAMED_QUARTER, (m) => {
    const q = Number(m[2]) - 1;
    const yearText = m[3];
    let year = yearText ? (yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText)) : today.y;
    if (!yearText && q < current) year += 1; // "Q1" said in June is next year's
    return quarterDate(year, q, m[1] !== undefined);
  });
  return hits.sort((a, b) => a.start - b.start);
}
