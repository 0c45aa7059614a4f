/** a trimmed piece of text with its [start, end) offsets into the original */
export interface Span {
  text: string;
  start: number;
  end: number;
}

// Sentence splitting for email paragraphs and transcript turns. A boundary is . ? ! (or a run of
// them, plus closing quotes/brackets) followed by whitespace, unless the period ends an
// abbreviation ("e.g.", "Inc.", "Oct."), an initial ("Kenneth L. Lay"), or is followed by a digit
// or a lower-case word. Decimals ("$1.5k", "2.7") never qualify: no whitespace follows their dot.
// Newlines: a blank line always splits; a single newline splits after terminal punctuation,
// before a list bullet, or after a short line (greeting, sign-off, heading).

const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'rd', 'ave', 'blvd', 'inc', 'ltd', 'co', 'corp', 'llc', 'plc',
    'vs', 'etc', 'e.g', 'i.e', 'a.m', 'p.m', 'approx', 'dept', 'est', 'fig', 'no', 'nos', 'vol', 'rev', 'gov', 'sen',
    'u.s', 'u.k', 'ph.d', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'mt', 'ft', 'ext', 'tel', 'attn', 'cf',
  ].map((a) => a.toLowerCase()),
);

const BOUNDARY = /([.?!]+)(["')\]]*)(\s+)/g;
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s/;

function isAbbreviation(before: string): boolean {
  const word = /([A-Za-z][A-Za-z.]*)$/.exec(before)?.[1];
  if (!word) return false;
  if (/^[A-Z]$/.test(word)) return true; // an initial
  return ABBREVIATIONS.has(word.toLowerCase());
}

function boundaryAfterPunctuation(text: string, index: number, punct: string, next: string): boolean {
  if (punct.includes('?') || punct.includes('!')) return true;
  if (punct.length > 1) return true; // "..." or ".." before the next sentence
  if (/\d/.test(next)) return false; // "No. 5", "Oct. 10th", "2753 . 00"
  const before = text.slice(Math.max(0, index - 12), index);
  if (isAbbreviation(before)) return false;
  // a spaced period (" . ") is the Enron-Spam tokenisation of a sentence end
  if (/[a-z]/.test(next) && !before.endsWith(' ')) return false;
  return true;
}

function newlineCuts(text: string): number[] {
  const cuts: number[] = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i] as string;
    const next = lines[i + 1] as string;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (trimmed.length === 0 || next.trim().length === 0) {
      cuts.push(offset);
      continue;
    }
    const short = trimmed.length <= 30 && /^[A-Z"'(\d]/.test(next.trim());
    if (/[.?!:;]["')\]]*$/.test(trimmed) || BULLET.test(next) || short) cuts.push(offset);
  }
  return cuts;
}

/** splits text into trimmed sentence spans with offsets into the original text */
export function splitSentences(text: string): Span[] {
  const cuts = new Set<number>(newlineCuts(text));
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text)) {
    const punct = m[1] as string;
    const end = m.index + punct.length + (m[2] as string).length;
    const next = text.charAt(m.index + m[0].length);
    if (next && boundaryAfterPunctuation(text, m.index, punct, next)) cuts.add(end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const spans: Span[] = [];
  let start = 0;
  for (const cut of [...sorted, text.length]) {
    pushTrimmed(text, start, cut, spans);
    start = cut;
  }
  return spans;
}

function pushTrimmed(text: string, from: number, to: number, out: Span[]): void {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
}
