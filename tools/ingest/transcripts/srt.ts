import { captionVoices } from './cue-text.ts';
import { blocksOf, toLines } from './lines.ts';
import { parseSrtTime, parseVttTime } from './timestamps.ts';
import { reject, type Cue, type ParsedCues } from './types.ts';
import { clip } from './vtt.ts';

// SubRip: blank-line separated blocks of "index / hh:mm:ss,ttt --> hh:mm:ss,ttt / text lines".
// The index is tolerated when missing; a timing line is not. Payload markup (<i>, <font>, {\an8}) is stripped.

const TIMING = /^\s*(\S+)\s*-->\s*(\S+)(?:\s+.*)?$/;

export function parseSrt(content: string): ParsedCues {
  const cues: Cue[] = [];
  const warnings: string[] = [];
  for (const block of blocksOf(toLines(content))) {
    let at = 0;
    const first = block.lines[0] as string;
    if (/^\d+$/.test(first.trim())) {
      if (block.lines.length === 1) reject(`cue ${first.trim()} has no timing line after it`, block.start + 1);
      at = 1;
    }
    const timingLine = block.lines[at] as string;
    const lineNo = block.start + at + 1;
    const timing = TIMING.exec(timingLine);
    if (!timing) {
      reject(at === 0 ? `expected a cue number or a timing line ("00:00:01,000 --> 00:00:04,000"), found "${clip(timingLine)}"` : `expected a timing line ("00:00:01,000 --> 00:00:04,000"), found "${clip(timingLine)}"`, lineNo);
    }
    const start = time(timing[1] as string, lineNo);
    const end = time(timing[2] as string, lineNo);
    const payload = block.lines.slice(at + 1).join('\n').replace(/\{\\[^}]*\}/g, '');
    const voices = captionVoices(payload);
    if (voices.length === 0) warnings.push(`line ${lineNo}: cue has no text; skipped`);
    for (const v of voices) cues.push({ start, end, ...(v.speaker ? { speaker: v.speaker } : {}), text: v.text, line: lineNo });
  }
  return { cues, headers: {}, warnings };
}

function time(raw: string, lineNo: number): number {
  const seconds = parseSrtTime(raw);
  if (seconds !== null) return seconds;
  if (parseVttTime(raw) !== null) reject(`invalid timestamp "${raw}": SRT needs a comma before the milliseconds (00:00:01,000)`, lineNo);
  return reject(`invalid timestamp "${raw}"`, lineNo);
}
