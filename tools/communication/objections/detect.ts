import { OBJECTION_TYPES, type ObjectionType } from '../../../core/domain.ts';
import { extractSignals } from '../../ingest/signals/index.ts';

// The objection type in a piece of text: first the ingestion cue phrases (the same detector that labels
// stored emails and calls), then, for the short paraphrases people type into a chat ("too pricey",
// "ask my boss"), topic keywords.

const KEYWORDS: [ObjectionType, RegExp][] = [
  ['price', /\b(?:price|pricing|pricey|cost\w*|expensive|budget|afford\w*|cheaper|discount|money)\b/i],
  ['timing', /\b(?:timing|later|next (?:quarter|year|month)|busy|not now|wait|after the|too soon|freeze)\b/i],
  ['authority', /\b(?:boss|manager|cfo|ceo|approv\w+|sign[- ]?off|decision|committee|procurement|board)\b/i],
  ['competitor', /\b(?:competitor|other vendor|alternative|another (?:tool|vendor|provider)|already using|versus|vs\.?)\b/i],
  ['trust', /\b(?:trust|security|risk\w*|references?|proof|reliab\w+|unknown company|data)\b/i],
  ['need', /\b(?:need|not interested|already have|happy with|no use|not a priority|don'?t see)\b/i],
];

export interface DetectedObjection {
  type: ObjectionType;
  /** 'cue': a pushback phrase the ingestion detector knows; 'keyword': only the topic was recognised */
  how: 'cue' | 'keyword';
  /** every type seen, in order */
  all: ObjectionType[];
}

export function detectObjection(text: string, now: Date): DetectedObjection | null {
  const fromCues = [...new Set(extractSignals(text, { now }).objections.map((o) => o.type))];
  if (fromCues.length > 0) return { type: fromCues[0] as ObjectionType, how: 'cue', all: fromCues };
  const fromWords = KEYWORDS.filter(([, rx]) => rx.test(text)).map(([type]) => type);
  if (fromWords.length > 0) return { type: fromWords[0] as ObjectionType, how: 'keyword', all: fromWords };
  return null;
}

export const isObjectionType = (value: string): value is ObjectionType => (OBJECTION_TYPES as readonly string[]).includes(value);
