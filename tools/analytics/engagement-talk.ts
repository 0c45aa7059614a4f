import { ratio } from '../../core/stats/descriptive.ts';
import type { EvidenceRow, MeetingStats, ObjectionCount } from '../../db/repos/analytics-engagement.ts';
import { pct } from '../core/schemas.ts';

// What buyers say and whether they turn up.
//   show rate  = meetings held / meetings in the period; a meeting whose outcome is no_show or cancelled was not held
//   objections = interactions carrying each objection type, share of all objections raised
//   questions  = the buyers' questions, normalised (case, spaces, trailing punctuation folded) and counted;
//                each is shown in its most frequent spelling

export const QUESTION_CAP = 10;

const rate = (part: number, whole: number) => {
  const r = ratio(part, whole);
  return r === null ? null : pct(r * 100);
};

export function showRate(m: MeetingStats) {
  const held = m.scheduled - m.noShows;
  return { scheduled: m.scheduled, held, noShows: m.noShows, showRate: rate(held, m.scheduled) };
}

export function objectionShares(counts: readonly ObjectionCount[]) {
  const total = counts.reduce((s, c) => s + c.count, 0);
  return { total, items: counts.map((c) => ({ objection: c.objection, count: c.count, share: rate(c.count, total), example: c.example })) };
}

/** "  How long does ONBOARDING take?? " -> "how long does onboarding take" */
export function normaliseQuestion(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[?!.,;:\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface QuestionCount {
  question: string;
  count: number;
  share: number | null;
  example: EvidenceRow;
}

export function topQuestions(rows: readonly EvidenceRow[]): { total: number; distinct: number; items: QuestionCount[] } {
  const groups = new Map<string, { count: number; spellings: Map<string, number>; example: EvidenceRow }>();
  for (const row of rows) {
    const key = normaliseQuestion(row.quote);
    if (!key) continue;
    // rows arrive latest first, so the example kept is the latest asking
    const g = groups.get(key) ?? { count: 0, spellings: new Map<string, number>(), example: row };
    g.count++;
    const spelling = row.quote.trim().replace(/\s+/g, ' ');
    g.spellings.set(spelling, (g.spellings.get(spelling) ?? 0) + 1);
    groups.set(key, g);
  }
  const total = [...groups.values()].reduce((s, g) => s + g.count, 0);
  const items = [...groups.entries()]
    .map(([key, g]) => {
      const spelling = [...g.spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? key;
      return { question: spelling, count: g.count, share: rate(g.count, total), example: g.example };
    })
    .sort((a, b) => b.count - a.count || a.question.localeCompare(b.question))
    .slice(0, QUESTION_CAP);
  return { total, distinct: groups.size, items };
}
