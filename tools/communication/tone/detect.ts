// Formal vs casual, short vs long, measured from a person's own text. Each feature adds or takes away
// formality points; the weights were set by reading, then measured on evals/datasets/tone.jsonl
// (npm run eval:tone). A message with no cue either way counts as formal: a business default is the
// safer register to answer in.

export type Formality = 'formal' | 'casual';
export type Length = 'short' | 'long';

export interface ToneFeatures {
  words: number;
  sentences: number;
  /** mean words per sentence */
  wordsPerSentence: number;
  contractions: number;
  exclamations: number;
  slang: number;
  /** sentences or lines that start lower-case */
  lowercaseStarts: number;
  /** "Dear", "Mr.", a "Name," greeting line */
  formalGreeting: boolean;
  casualGreeting: boolean;
  /** "Regards", "Sincerely", "Thank you", a name on its own last line */
  formalSignOff: boolean;
  /** a bare "Jeff," first line / a name alone on the last line */
  nameGreeting: boolean;
  nameSignOff: boolean;
  sloppy: number;
  politeForms: number;
}

export interface ToneReading {
  formality: Formality;
  length: Length;
  /** > 0 leans formal, < 0 casual */
  score: number;
  features: ToneFeatures;
  /** the cues that decided it, in words */
  cues: string[];
}

// fewer words than this (per message) reads as a short writer
export const SHORT_WORDS = 60;

const SLANG = /\b(?:lol|haha+|hehe|cool|ok|okay|yeah|yep|yup|nope|hey|gonna|wanna|gotta|kinda|sorta|btw|thx|thanks!|ty|np|awesome|super|totally|stuff|guys|b-day|bday|what'?s up|what is up|sup|u|ur|pls|plz|omg|cheers|down for|deal\?|k)\b|:\)|:-\)|;\)|:D|\bxo\b/gi;
const CONTRACTION = /\b\w+(?:'|’)(?:s|re|ve|ll|d|t|m)\b|\b(?:dont|cant|wont|im|ive|isnt|didnt|doesnt|thats|whats|youre|theyre|ill)\b/gi;
const POLITE = /\b(?:please|kindly|would you|could you|thank you|i would like|regarding|with regard to|appreciate|sincerely|respectfully|as discussed|attached|please find|let me know|do not|cannot)\b/gi;
// "Dear ...", "Mr. Buckner,": a letter's greeting; "Jeff," alone is only a name, worth less
const FORMAL_GREETING = /^(?:dear\s+\S+|(?:mr|ms|mrs|dr)\.?\s+[A-Z]\w+\s*,|good (?:morning|afternoon|evening)\b)/i;
const NAME_GREETING = /^(?:hello\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*,\s*$/m;
const CASUAL_GREETING = /^(?:hey|hi there|yo|hiya|howdy|hi|hello)\b(?!\s+[A-Z]\w+\s*,)/i;
const FORMAL_SIGNOFF = /\b(?:regards|sincerely|respectfully|best wishes|thank you(?: for your (?:help|time|consideration))?)\s*,?\s*(?:\n|$)/i;
const NAME_SIGNOFF = /\n\s*[A-Z][a-z]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z]+)?\s*$/;
// "YEs", "waht": typing left uncorrected
const SLOPPY = /\b[A-Z]{2}[a-z]+\b|\b(?:waht|teh|taht|becuase|recieve)\b/g;

function count(rx: RegExp, text: string): number {
  rx.lastIndex = 0;
  return text.match(rx)?.length ?? 0;
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[a-z]/i.test(s));
}

export function toneFeatures(text: string): ToneFeatures {
  const trimmed = text.trim();
  const words = trimmed.split(/\s+/).filter((w) => /\w/.test(w)).length;
  const sentences = sentencesOf(trimmed);
  return {
    words,
    sentences: sentences.length,
    wordsPerSentence: sentences.length === 0 ? 0 : words / sentences.length,
    contractions: count(CONTRACTION, trimmed),
    exclamations: count(/!/g, trimmed),
    slang: count(SLANG, trimmed),
    // a sentence start is the text's start or follows . ! ? (a line break mid-sentence is not one)
    lowercaseStarts: count(/(?:^|[.!?]\s+)(?!e\.g\.|i\.e\.|http)[a-z]/g, trimmed),
    formalGreeting: FORMAL_GREETING.test(trimmed),
    nameGreeting: NAME_GREETING.test(trimmed.split('\n')[0] ?? ''),
    nameSignOff: NAME_SIGNOFF.test(trimmed),
    sloppy: count(SLOPPY, trimmed),
    casualGreeting: CASUAL_GREETING.test(trimmed),
    formalSignOff: FORMAL_SIGNOFF.test(trimmed),
    politeForms: count(POLITE, trimmed),
  };
}

export function readTone(text: string): ToneReading {
  const f = toneFeatures(text);
  const cues: string[] = [];
  let score = 0;
  const add = (points: number, cue: string) => {
    score += points;
    cues.push(cue);
  };
  if (f.formalGreeting) add(2, 'a letter greeting ("Dear", a title)');
  else if (f.nameGreeting) add(1, 'greets by name');
  if (f.formalSignOff) add(2, 'a formal sign-off');
  else if (f.nameSignOff) add(1, 'signs with a name');
  if (f.politeForms > 0) add(Math.min(f.politeForms, 3), `${f.politeForms} polite or full form(s)`);
  if (f.wordsPerSentence >= 14) add(1, `long sentences (${f.wordsPerSentence.toFixed(1)} words each)`);
  if (f.casualGreeting) add(-2, 'casual greeting');
  if (f.slang > 0) add(-2 * Math.min(f.slang, 3), `${f.slang} slang word(s)`);
  if (f.exclamations > 0) add(-1.5 * Math.min(f.exclamations, 3), `${f.exclamations} exclamation mark(s)`);
  if (f.contractions > 0) add(-Math.min(f.contractions, 3), `${f.contractions} contraction(s)`);
  if (f.lowercaseStarts > 0) add(-1.5 * Math.min(f.lowercaseStarts, 2), `${f.lowercaseStarts} sentence(s) starting lower-case`);
  if (f.sloppy > 0) add(-2, 'uncorrected typing');
  if (f.words < 25) add(-1, 'a short note');
  return { formality: score >= 0 ? 'formal' : 'casual', length: f.words < SHORT_WORDS ? 'short' : 'long', score, features: f, cues };
}
