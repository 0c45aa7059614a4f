import * as cue from './cues.ts';

// Formal vs casual, short vs long, measured from a person's own text. Each cue adds or takes away
// formality points (cues.ts names them); the weights were set by reading, then measured on the dev set
// (evals/datasets/tone.jsonl) and the first held-out set. A message with no cue either way counts as
// formal: a business default is the safer register to answer in, and a short, plainly correct line
// ("Please reschedule.") is not casual for being short.

export type Formality = 'formal' | 'casual';
export type Length = 'short' | 'long';

export interface ToneFeatures {
  words: number;
  sentences: number;
  /** mean words per sentence */
  wordsPerSentence: number;
  /** proper contractions ("it's"): weak, careful prose has them too */
  contractions: number;
  /** contractions typed without the apostrophe ("dont", "Im") */
  droppedApostrophes: number;
  exclamations: number;
  slang: number;
  /** spoken idioms ("throw in", "a bit high") */
  idioms: number;
  /** sentences opened by a speech filler ("Well,", "Oh", "Hmm") */
  chatOpeners: number;
  /** sentences that start lower-case */
  lowercaseStarts: number;
  /** "Dear", "Mr.", "Good morning" */
  formalGreeting: boolean;
  casualGreeting: boolean;
  /** "Regards", "Sincerely", "Thank you" on the closing line */
  formalSignOff: boolean;
  /** a bare "Jeff," first line / a name alone on the last line */
  nameGreeting: boolean;
  nameSignOff: boolean;
  /** a phone number, company suffix or title in a signature */
  signatureBlock: boolean;
  sloppy: number;
  /** statements asked with a question mark */
  statementQuestions: number;
  ellipses: number;
  /** a one-line message that stops without . ? or ! */
  unpunctuatedEnd: boolean;
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
    contractions: count(cue.CONTRACTION, trimmed),
    droppedApostrophes: count(cue.DROPPED_APOSTROPHE, trimmed),
    exclamations: count(/!+/g, trimmed),
    slang: count(cue.SLANG, trimmed),
    idioms: count(cue.IDIOM, trimmed),
    chatOpeners: count(cue.CHAT_OPENER, trimmed),
    lowercaseStarts: count(cue.LOWERCASE_START, trimmed),
    formalGreeting: cue.FORMAL_GREETING.test(trimmed),
    nameGreeting: cue.NAME_GREETING.test(trimmed.split('\n')[0] ?? ''),
    nameSignOff: cue.NAME_SIGNOFF.test(trimmed),
    // a signature sits at the end: a title or phone number mentioned in the body is not one
    signatureBlock: cue.SIGNATURE_BLOCK.test(trimmed.slice(-300)),
    statementQuestions: count(cue.STATEMENT_QUESTION, trimmed),
    sloppy: count(cue.SLOPPY, trimmed),
    ellipses: count(cue.ELLIPSIS, trimmed),
    unpunctuatedEnd: !trimmed.includes('\n') && words < 25 && /[A-Za-z0-9]$/.test(trimmed),
    casualGreeting: cue.CASUAL_GREETING.test(trimmed),
    formalSignOff: cue.FORMAL_SIGNOFF.test(trimmed),
    politeForms: count(cue.POLITE, trimmed),
  };
}

export function readTone(text: string): ToneReading {
  const f = toneFeatures(text);
  const cues: string[] = [];
  let score = 0;
  const add = (points: number, what: string) => {
    score += points;
    cues.push(what);
  };
  if (f.formalGreeting) add(2, 'a letter greeting ("Dear", a title)');
  else if (f.nameGreeting) add(0.5, 'greets by name');
  if (f.formalSignOff) add(2, 'a formal sign-off');
  else if (f.nameSignOff) add(0.5, 'signs with a name');
  if (f.signatureBlock) add(2, 'a business signature (title, company or phone)');
  if (f.politeForms > 0) add(Math.min(f.politeForms, 3), `${f.politeForms} polite or full form(s)`);
  // one sentence says little about a writer's sentence length (a chat run-on is long too)
  if (f.wordsPerSentence >= 14 && f.sentences >= 2) add(1, `long sentences (${f.wordsPerSentence.toFixed(1)} words each)`);
  if (f.casualGreeting) add(-2, 'casual greeting');
  if (f.slang > 0) add(-2 * Math.min(f.slang, 3), `${f.slang} slang word(s)`);
  if (f.idioms > 0) add(-2 * Math.min(f.idioms, 2), `${f.idioms} spoken idiom(s)`);
  if (f.chatOpeners > 0) add(-2, 'opens like speech ("Well,", "Oh")');
  if (f.exclamations > 0) add(-1.5 * Math.min(f.exclamations, 3), `${f.exclamations} exclamation(s)`);
  if (f.contractions > 0) add(-0.5 * Math.min(f.contractions, 3), `${f.contractions} contraction(s)`);
  if (f.droppedApostrophes > 0) add(-2, `${f.droppedApostrophes} contraction(s) without apostrophe`);
  if (f.lowercaseStarts > 0) add(-1.5 * Math.min(f.lowercaseStarts, 2), `${f.lowercaseStarts} sentence(s) starting lower-case`);
  if (f.sloppy > 0) add(-2, 'uncorrected typing');
  if (f.statementQuestions > 0) add(-1, 'a statement asked as a question');
  if (f.ellipses > 0) add(-1, 'trailing dots');
  if (f.unpunctuatedEnd) add(-1, 'a one-liner with no closing punctuation');
  return { formality: formalityOf(score), length: f.words < SHORT_WORDS ? 'short' : 'long', score, features: f, cues };
}

/** no cue either way (score 0) leaves the formal default */
export const formalityOf = (score: number): Formality => (score >= 0 ? 'formal' : 'casual');
