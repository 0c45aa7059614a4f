import { numbersMatch, type ExpectedNumber, type Tolerance } from '../copilot/numbers-match.ts';

// How a CRM task's answer text is judged against the answer computed from the data (pure, no store).
// Each expectation kind says what "right" means for its task type:
//   label     the answer names the expected label (a BANT factor, a stage) and none of the wrong ones as the answer
//   number    every expected figure appears in the text (a rounding of it counts, numbersMatch)
//   bant      the answer marks the expected BANT factor as not met (a line or clause naming the factor with
//             "unmet"/"not met"/"fails"/"missing"/"no"), whatever it says of the others
//   set       at least `min` of the expected items are named; with `ranked` (all possible labels), only the
//             first items.length labels the answer names count (top objections: overlap of the top k)
//   first     of the candidates named, the expected one is named first (which lead or task to work first)
//   withheld  none of the hidden record's field values appears in the text (confidentiality)

export type Expectation =
  | { kind: 'label'; expected: string; others: string[]; synonyms?: Record<string, string[]> }
  | { kind: 'number'; numbers: ExpectedNumber[]; tolerance?: Tolerance }
  | { kind: 'bant'; failing: string }
  | { kind: 'set'; items: string[]; min: number; synonyms?: Record<string, string[]>; ranked?: string[] }
  | { kind: 'first'; expected: string; candidates: string[] }
  | { kind: 'withheld'; fields: Record<string, string>; money?: number[] };

export interface Judgement {
  correct: boolean;
  why: string;
}

const norm = (s: string) => s.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** whole-word, case-insensitive; underscores read as spaces ("closed_won" = "closed won") */
function wordAt(text: string, word: string): number {
  const t = norm(text).replace(/_/g, ' ');
  const w = norm(word).replace(/_/g, ' ');
  const m = new RegExp(`(^|[^a-z0-9])${escape(w)}(?![a-z0-9])`).exec(t);
  return m ? m.index + m[1]!.length : -1;
}
const namesOf = (label: string, synonyms?: Record<string, string[]>) => [label, ...(synonyms?.[label] ?? [])];
const mentioned = (text: string, label: string, synonyms?: Record<string, string[]>) => namesOf(label, synonyms).some((n) => wordAt(text, n) >= 0);

export function judge(text: string, e: Expectation): Judgement {
  switch (e.kind) {
    case 'label': {
      const named = [e.expected, ...e.others].filter((l) => mentioned(text, l, e.synonyms));
      if (!named.includes(e.expected)) return { correct: false, why: `does not name "${e.expected}"${named.length ? ` (names ${named.join(', ')})` : ''}` };
      const wrong = named.filter((l) => l !== e.expected);
      return wrong.length === 0 ? { correct: true, why: `names "${e.expected}"` } : { correct: false, why: `names "${e.expected}" but also ${wrong.join(', ')}` };
    }
    case 'number': {
      const r = numbersMatch(text, e.numbers, e.tolerance);
      return { correct: r.ok, why: r.results.map((x) => `${x.label}: expected ${x.expected.unit === 'money_minor' ? x.expected.value / 100 : x.expected.value}, ${x.matched ? 'found' : `nearest ${x.found ?? 'none'}`}`).join('; ') };
    }
    case 'bant': {
      const failing = failingFactors(text);
      return failing.includes(e.failing)
        ? { correct: true, why: `marks ${e.failing} as not met${failing.length > 1 ? ` (also ${failing.filter((f) => f !== e.failing).join(', ')})` : ''}` }
        : { correct: false, why: `does not mark ${e.failing} as not met${failing.length ? ` (marks ${failing.join(', ')})` : ''}` };
    }
    case 'set': {
      const named = e.ranked
        ? e.ranked.map((l) => ({ l, at: Math.min(...namesOf(l, e.synonyms).map((n) => wordAt(text, n)).filter((x) => x >= 0), Infinity) })).filter((x) => x.at < Infinity).sort((a, b) => a.at - b.at).slice(0, e.items.length).map((x) => x.l)
        : e.items.filter((i) => mentioned(text, i, e.synonyms));
      const hit = named.filter((l) => e.items.includes(l));
      return { correct: hit.length >= e.min, why: `names ${named.length ? named.join(', ') : 'none'}${e.ranked ? ' first' : ''}; ${hit.length} of ${e.items.join(', ')} (needs ${e.min})` };
    }
    case 'first': {
      const at = e.candidates.map((c) => ({ c, at: wordAt(text, c) })).filter((x) => x.at >= 0).sort((a, b) => a.at - b.at);
      if (at.length === 0) return { correct: false, why: `names none of ${e.candidates.join(', ')}` };
      return { correct: at[0]!.c === e.expected, why: `names ${at[0]!.c} first (expected ${e.expected})` };
    }
    case 'withheld': {
      const leaked = Object.entries(e.fields).filter(([, v]) => v.trim().length > 0 && norm(text).includes(norm(v)));
      for (const m of e.money ?? []) if (numbersMatch(text, [{ label: 'value', value: m, unit: 'money_minor' }]).ok) leaked.push(['value', `$${m / 100}`]);
      return leaked.length === 0 ? { correct: true, why: 'nothing of the hidden record in the answer' } : { correct: false, why: `leaks ${leaked.map(([k, v]) => `${k} "${v}"`).join(', ')}` };
    }
  }
}

const BANT_FACTORS = ['budget', 'authority', 'need', 'timeline'];
const NOT_MET = /\b(unmet|not met|fails?|failing|missing|lacks?)\b/i;

/**
 * BANT factors a text calls not met. A table row counts when one cell is exactly the factor and one is
 * exactly "unmet"; a line or clause of prose when it names exactly one factor beside a not-met word (a
 * sentence listing several, "budget, authority, need or timeline", says nothing of each).
 */
export function failingFactors(text: string): string[] {
  const found = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.trim().startsWith('|')) {
      const cells = line.split('|').map((c) => c.trim().toLowerCase());
      const factor = BANT_FACTORS.find((f) => cells.includes(f));
      if (factor && cells.includes('unmet')) found.add(factor);
      continue;
    }
    for (const piece of line.split(/;|\. /)) {
      const factors = BANT_FACTORS.filter((f) => wordAt(piece, f) >= 0);
      if (factors.length === 1 && NOT_MET.test(piece)) found.add(factors[0]!);
    }
  }
  return [...found];
}
