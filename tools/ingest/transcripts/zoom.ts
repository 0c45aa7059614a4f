import { plainText } from './cue-text.ts';
import { toLines } from './lines.ts';
import { readPreambleLine } from './preamble.ts';
import { parseClockTime, parseElapsed } from './timestamps.ts';
import { type Cue, type ParsedCues } from './types.ts';

// Zoom and Teams text exports, where a heading line names the speaker and the time:
//   chat:        "10:02:15 From Dana Ruiz to Everyone : text" (or the text on the next, indented line)
//   transcript:  "[Dana Ruiz] 10:02:15" followed by the text lines
//   Teams/Otter: "Dana Ruiz   0:03" (two or more spaces or a tab before the time) followed by the text
// Lines between headings continue the current utterance.

const TIME = '\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[AaPp]\\.?[Mm]\\.?)?';
const CHAT = new RegExp(`^(${TIME})\\s+From\\s+(.+?)(?:\\s+to\\s+(.+?))?\\s*:\\s?(.*)$`, 'i');
const BRACKET_HEADING = new RegExp(`^\\[([^\\]]{1,60})\\]\\s+(${TIME})\\s*$`);
const NAME_TIME_HEADING = /^(\S.{0,59}?)(?:\s{2,}|\t+)(\d{1,2}:\d{2}(?::\d{2})?)$/;

interface Heading {
  speaker: string;
  start: number | null;
  text: string;
}

const cleanName = (name: string) => name.replace(/\s*\((?:direct message|privately|private)\)\s*$/i, '').trim();

export function zoomHeading(line: string): Heading | null {
  const chat = CHAT.exec(line);
  if (chat) return { speaker: cleanName(chat[2] as string), start: parseClockTime(chat[1] as string), text: chat[4] ?? '' };
  const bracket = BRACKET_HEADING.exec(line);
  if (bracket) return { speaker: cleanName(bracket[1] as string), start: parseClockTime(bracket[2] as string), text: '' };
  const named = NAME_TIME_HEADING.exec(line);
  if (named) return { speaker: cleanName(named[1] as string), start: parseElapsed(named[2] as string), text: '' };
  return null;
}

export const looksLikeZoom = (lines: readonly string[]): boolean => lines.some((l) => zoomHeading(l) !== null);

export function parseZoom(content: string): ParsedCues {
  const lines = toLines(content);
  const headers: Record<string, string> = {};
  const warnings: string[] = [];
  const cues: Cue[] = [];
  let current: Cue | null = null;
  lines.forEach((line, index) => {
    if (line === '') return;
    const heading = zoomHeading(line);
    if (heading) {
      current = { ...(heading.start === null ? {} : { start: heading.start }), speaker: heading.speaker, text: plainText(heading.text), line: index + 1 };
      cues.push(current);
      return;
    }
    if (current) current.text = [current.text, plainText(line)].filter(Boolean).join(' ');
    else if (!readPreambleLine(line, headers)) warnings.push(`line ${index + 1}: text before the first speaker heading ignored`);
  });
  const spoken = cues.filter((c) => c.text !== '');
  for (const c of cues) if (c.text === '') warnings.push(`line ${c.line}: ${c.speaker ?? 'speaker'} heading has no text; skipped`);
  return { cues: spoken, headers, warnings, clockTimes: true };
}
