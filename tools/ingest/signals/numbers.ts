// Numbers as people write and say them: "1,200", "1.5", ".70", "2k", "$5.3M", the Enron-Spam
// tokenisation "9 , 500", and spoken forms from transcripts ("twenty five", "one point four",
// "twelve dot fifty", "twelve and a half", "fifty million").

export interface NumberToken {
  value: number;
  start: number;
  end: number;
  text: string;
  words: boolean;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

const WORD = `(?:${[...Object.keys(UNITS), ...Object.keys(TENS), 'hundred', ...Object.keys(SCALES), 'dozen'].join('|')})`;
const WORD_RUN = new RegExp(`\\b${WORD}(?:(?:[\\s-]+|\\s+and\\s+|\\s+(?:point|dot)\\s+)${WORD})*(?:\\s+and\\s+a\\s+half)?\\b`, 'gi');
// "1,200", "9 , 500", "1 ,800", "1.5", ".70"; not a digit run glued to letters ("EB3270"), dots ("64.216.90")
// or a clock ("2:30")
const DIGITS = /(?<![\w.:])(?:(\d{1,3}(?:(?:,|\s,\s?)\d{3}(?!\d))+|\d+)(\.\d+)?|\.(\d+))(?![\d]|:\d|st\b|nd\b|rd\b|th\b|\s(?:st|nd|rd|th)\b)/g;
const SUFFIX = /^\s?(k|K|MM|mm|M|m|bn|BN|B|b)(?![\w])|^\s(thousand|million|billion|mil)\b/i;

/** multiplier of a magnitude suffix right after a number ("2k", "$5.3M", "35 million") */
export function magnitudeAt(text: string, index: number, forMoney: boolean): { factor: number; length: number } {
  const m = SUFFIX.exec(text.slice(index, index + 10));
  if (!m) return { factor: 1, length: 0 };
  const s = (m[1] ?? m[2] ?? '').toLowerCase();
  const word = m[2] !== undefined;
  if (s === 'k' || s === 'thousand') return { factor: 1e3, length: m[0].length };
  if (!forMoney && !word) return { factor: 1, length: 0 }; // "5 m" is metres or minutes, not millions
  if (s === 'm' || s === 'mm' || s === 'million' || s === 'mil') return { factor: 1e6, length: m[0].length };
  if (s === 'b' || s === 'bn' || s === 'billion') return { factor: 1e9, length: m[0].length };
  return { factor: 1, length: 0 };
}

/** value of a run of number words, or null when the run is not one number ("twelve fifty") */
export function parseNumberWords(run: string): number | null {
  const lower = run.toLowerCase();
  const half = /\s+and\s+a\s+half$/.test(lower) ? 0.5 : 0;
  const [intPart, decPart] = lower.replace(/\s+and\s+a\s+half$/, '').split(/\s+(?:point|dot)\s+/);
  const whole = parseInteger((intPart ?? '').split(/[\s-]+/).filter((t) => t !== 'and'));
  if (whole === null) return null;
  if (decPart === undefined) return whole + half;
  const decTokens = decPart.split(/[\s-]+/);
  if (decTokens.every((t) => t in UNITS && (UNITS[t] as number) < 10)) {
    return whole + Number(`0.${decTokens.map((t) => UNITS[t]).join('')}`);
  }
  const dec = parseInteger(decTokens);
  if (dec === null || dec >= 100) return null;
  return whole + dec / 100; // "twelve dot fifty" is 12.50
}

function parseInteger(tokens: string[]): number | null {
  let total = 0;
  let current = 0;
  let any = false;
  for (const t of tokens) {
    if (t in UNITS) {
      const v = UNITS[t] as number;
      if (current % 10 !== 0 || (v >= 10 && current % 100 !== 0)) return null;
      current += v;
    } else if (t in TENS) {
      if (current % 100 !== 0) return null;
      current += TENS[t] as number;
    } else if (t === 'hundred') {
      current = (current || 1) * 100;
    } else if (t === 'dozen') {
      current = (current || 1) * 12;
    } else if (t in SCALES) {
      total += (current || 1) * (SCALES[t] as number);
      current = 0;
    } else {
      return null;
    }
    any = true;
  }
  return any ? total + current : null;
}

/** every number in the text, in order, non-overlapping */
export function scanNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  DIGITS.lastIndex = 0;
  for (let m = DIGITS.exec(text); m !== null; m = DIGITS.exec(text)) {
    const value = m[3] !== undefined ? Number(`0.${m[3]}`) : Number(`${(m[1] as string).replace(/[\s,]/g, '')}${m[2] ?? ''}`);
    out.push({ value, start: m.index, end: m.index + m[0].length, text: m[0], words: false });
  }
  if (/[a-z]/i.test(text)) {
    WORD_RUN.lastIndex = 0;
    for (let m = WORD_RUN.exec(text); m !== null; m = WORD_RUN.exec(text)) pushWordRun(m[0], m.index, out);
  }
  return out.sort((a, b) => a.start - b.start);
}

// A run that is two spoken numbers ("twelve fifty") is split at the first place it stops parsing.
function pushWordRun(run: string, start: number, out: NumberToken[]): void {
  const value = parseNumberWords(run);
  if (value !== null) {
    out.push({ value, start, end: start + run.length, text: run, words: true });
    return;
  }
  const parts = [...run.matchAll(/\S+/g)];
  for (let cut = parts.length - 1; cut > 0; cut--) {
    const head = run.slice(0, (parts[cut] as RegExpMatchArray).index);
    const headValue = parseNumberWords(head.trimEnd().replace(/\s+(?:and|point|dot)$/i, ''));
    if (headValue !== null) {
      const headText = head.trimEnd().replace(/\s+(?:and|point|dot)$/i, '');
      out.push({ value: headValue, start, end: start + headText.length, text: headText, words: true });
      const restOffset = (parts[cut] as RegExpMatchArray).index as number;
      pushWordRun(run.slice(restOffset), start + restOffset, out);
      return;
    }
  }
}
