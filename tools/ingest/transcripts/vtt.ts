import { captionVoices } from './cue-text.ts';
import { headerField, toLines } from './lines.ts';
import { parseVttTime } from './timestamps.ts';
import { reject, type Cue, type ParsedCues } from './types.ts';

// WebVTT (W3C) as Teams, Zoom, YouTube and Netflix write it: optional title after "WEBVTT", metadata
// headers (Kind:, Language:, YouTube's multi-line Style:), NOTE/STYLE/REGION blocks, cue identifiers,
// cue settings after the end time, multi-line payloads and <v Speaker> voice tags. As in the spec's
// parser, a line containing "-->" always starts a new cue, even without a blank line before it.

const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/;
const SKIPPED_BLOCK = /^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$/;

export function parseVtt(content: string): ParsedCues {
  const lines = toLines(content);
  const first = lines[0] ?? '';
  if (!/^WEBVTT(?:[ \t].*)?$/.test(first)) reject('a WebVTT file must start with "WEBVTT"', 1);
  const headers: Record<string, string> = {};
  const title = first.slice(6).replace(/^[\s-]+/, '').trim();
  if (title) headers.title = title;
  let i = 1;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const field = headerField(lines[i] as string);
    // continuation lines of a multi-line header (YouTube's Style: block) are not fields
    if (field && !/^::/.test(lines[i] as string) && field[1] !== '') headers[field[0]] = field[1];
  }

  const cues: Cue[] = [];
  const warnings: string[] = [];
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line === '') {
      i++;
      continue;
    }
    if (SKIPPED_BLOCK.test(line) && !line.includes('-->')) {
      while (i < lines.length && lines[i] !== '') i++;
      continue;
    }
    let timingAt = i;
    if (!line.includes('-->')) {
      // a cue identifier, which must be followed by the timing line
      const next = lines[i + 1] ?? '';
      if (!next.includes('-->')) reject(`"${clip(line)}" has no timing line ("00:00:01.000 --> 00:00:04.000") before it`, i + 1);
      timingAt = i + 1;
    }
    const timing = TIMING.exec(lines[timingAt] as string);
    if (!timing) reject(`malformed timing line "${clip(lines[timingAt] as string)}"`, timingAt + 1);
    const rawStart = timing[1] as string;
    const rawEnd = timing[2] as string;
    const start = parseVttTime(rawStart);
    if (start === null) reject(`invalid timestamp "${rawStart}"`, timingAt + 1);
    const end = parseVttTime(rawEnd);
    if (end === null) reject(`invalid timestamp "${rawEnd}"`, timingAt + 1);
    const payload: string[] = [];
    i = timingAt + 1;
    while (i < lines.length && lines[i] !== '' && !(lines[i] as string).includes('-->')) payload.push(lines[i++] as string);
    const voices = captionVoices(payload.join('\n'));
    if (voices.length === 0) warnings.push(`line ${timingAt + 1}: cue has no text; skipped`);
    for (const v of voices) cues.push({ start, end, ...(v.speaker ? { speaker: v.speaker } : {}), text: v.text, line: timingAt + 1 });
  }
  return { cues, headers, warnings };
}

export const clip = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
