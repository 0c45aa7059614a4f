// Cue payloads to plain text and a speaker: WebVTT voice tags (<v Name>, <v.loud Name>), other markup
// (<b>, <i>, <c.color>, karaoke timestamps <00:17.500>), entities, and a speaker written in the text
// ("Dana Ruiz: ...", SDH "[Alba] ...", broadcast ">> Dana: ...").

export interface Voice {
  speaker?: string;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Markup out, entities decoded, each line trimmed, lines joined by a space. */
export function plainText(payload: string): string {
  return payload
    .split('\n')
    .map((line) => decodeEntities(line.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join(' ');
}

const VOICE_TAG = /<v(?:\.[^\s>]+)?(?:\s+([^>]*))?>/g;

/** Splits a WebVTT payload at its voice tags; text outside any <v> keeps no speaker. */
export function voicesOf(payload: string): Voice[] {
  const voices: Voice[] = [];
  let speaker: string | undefined;
  let from = 0;
  const push = (raw: string) => {
    // a closing </v> ends the voice; what follows it belongs to nobody named
    const [inside, ...after] = raw.split(/<\/v>/);
    const text = plainText(inside ?? '');
    if (text) voices.push(speaker ? { speaker, text } : { text });
    const rest = plainText(after.join(' '));
    if (rest) voices.push({ text: rest });
  };
  for (const match of payload.matchAll(VOICE_TAG)) {
    push(payload.slice(from, match.index));
    speaker = decodeEntities(match[1] ?? '').replace(/\s+/g, ' ').trim() || undefined;
    from = match.index + match[0].length;
  }
  push(payload.slice(from));
  return mergeSameSpeaker(voices);
}

function mergeSameSpeaker(voices: Voice[]): Voice[] {
  const out: Voice[] = [];
  for (const v of voices) {
    const last = out[out.length - 1];
    if (last && last.speaker === v.speaker) last.text = `${last.text} ${v.text}`;
    else out.push({ ...v });
  }
  return out;
}

// Name words: capitalised, with the particles names carry ("Ludwig van Beethoven", "María de la Cruz").
const WORD = "\\p{Lu}[\\p{L}\\p{M}'’.-]*";
const PARTICLE = '(?:de|da|del|der|di|du|la|le|van|von|bin|al|el|dos|das|y)';
const NAME = `${WORD}(?:\\s+(?:${PARTICLE}\\s+)*${WORD}){0,3}`;
const COLON_SPEAKER = new RegExp(`^(?:>>\\s*)?(${NAME})(?:\\s*\\(([^)]{1,60})\\))?\\s*:\\s+(\\S.*)$`, 'u');
const BRACKET_SPEAKER = new RegExp(`^\\[(${NAME})\\]\\s*(\\S.*)$`, 'u');

// Labels that look like "Name: text" but are not people.
const NOT_SPEAKERS = new Set([
  'note', 'notes', 'nb', 'ps', 'warning', 'update', 'agenda', 'summary', 'action', 'action items', 'action item', 'decision',
  'decisions', 'next steps', 'next step', 're', 'fwd', 'subject', 'title', 'date', 'time', 'topic', 'question', 'answer',
  'todo', 'to do', 'fyi', 'important', 'caption', 'music', 'applause', 'laughter', 'edit', 'source', 'http', 'https',
]);

export const isSpeakerLabel = (name: string): boolean => name.length >= 2 && name.length <= 60 && !NOT_SPEAKERS.has(name.toLowerCase());

/** "Dana Ruiz: text", "Dana Ruiz (Acme): text", ">> Dana: text" or "[Alba] text" -> speaker and text. */
export function speakerPrefix(text: string): Voice {
  const colon = COLON_SPEAKER.exec(text);
  if (colon && isSpeakerLabel(colon[1] as string)) return { speaker: colon[1] as string, text: colon[3] as string };
  const bracket = BRACKET_SPEAKER.exec(text);
  if (bracket && isSpeakerLabel(bracket[1] as string)) return { speaker: bracket[1] as string, text: bracket[2] as string };
  return { text };
}

/** A caption payload (VTT, SRT, SBV) to voices: <v> tags first, else a speaker written in the text. */
export function captionVoices(payload: string): Voice[] {
  return voicesOf(payload).map((v) => (v.speaker ? v : speakerPrefix(v.text)));
}
