import { plainText, speakerPrefix } from './cue-text.ts';
import { toLines } from './lines.ts';
import { readHeaderLine, readPreambleLine } from './preamble.ts';
import { parseVttTime, parseClockTime } from './timestamps.ts';
import { reject, type Cue, type ParsedCues } from './types.ts';

// Plain "Speaker: text" transcripts, one utterance per line, optionally time-stamped
// ("[00:01:02] Dana: ...", "00:01:02 - Dana: ..."). Lines without a speaker continue the previous
// utterance; before the first speaker they are the title and "Date:/Participants:" headers.

const STAMP = /^\[?(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)\]?\s*(?:[-–]\s*)?(?=\S)/;

function stampSeconds(raw: string): number | null {
  const decimal = raw.replace(',', '.');
  return parseVttTime(decimal.includes('.') ? decimal : `${decimal}.0`) ?? parseClockTime(raw);
}

export function parsePlain(content: string): ParsedCues {
  const lines = toLines(content);
  const headers: Record<string, string> = {};
  const warnings: string[] = [];
  const cues: Cue[] = [];
  let current: Cue | null = null;
  const preamble: { line: number; text: string }[] = [];
  lines.forEach((raw, index) => {
    if (raw === '') return;
    const stamp = STAMP.exec(raw);
    const rest = stamp ? raw.slice(stamp[0].length) : raw;
    const start = stamp ? stampSeconds(stamp[1] as string) : null;
    const voice = speakerPrefix(rest.trim());
    if (voice.speaker && !(cues.length === 0 && readHeaderLine(raw, headers))) {
      current = { ...(start === null ? {} : { start }), speaker: voice.speaker, text: plainText(voice.text), line: index + 1 };
      cues.push(current);
      return;
    }
    if (current) current.text = [current.text, plainText(raw)].filter(Boolean).join(' ');
    else if (!readPreambleLine(raw, headers)) preamble.push({ line: index + 1, text: plainText(raw) });
  });
  if (cues.length === 0) reject('no "Speaker: text" lines found', firstContentLine(lines));
  if (preamble.length > 0) {
    warnings.push(`line ${preamble[0]?.line}: ${preamble.length} line(s) before the first speaker kept without a speaker`);
    cues.unshift({ text: preamble.map((p) => p.text).join(' '), line: preamble[0]?.line ?? 1 });
  }
  return { cues, headers, warnings, clockTimes: true };
}

const firstContentLine = (lines: readonly string[]): number => lines.findIndex((l) => l !== '') + 1 || 1;
