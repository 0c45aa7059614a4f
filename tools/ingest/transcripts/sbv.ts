import { captionVoices } from './cue-text.ts';
import { blocksOf, toLines } from './lines.ts';
import { parseSbvTime } from './timestamps.ts';
import { reject, type Cue, type ParsedCues } from './types.ts';
import { clip } from './vtt.ts';

// YouTube SBV: blank-line separated blocks of "h:mm:ss.ttt,h:mm:ss.ttt / text lines".

const TIMING = /^(\d[\d:.a-z]*),(\d[\d:.a-z]*)$/i;

export function parseSbv(content: string): ParsedCues {
  const cues: Cue[] = [];
  const warnings: string[] = [];
  for (const block of blocksOf(toLines(content))) {
    const first = (block.lines[0] as string).trim();
    const lineNo = block.start + 1;
    const timing = TIMING.exec(first);
    if (!timing) reject(`expected a timing line ("0:00:01.000,0:00:04.000"), found "${clip(first)}"`, lineNo);
    const start = parseSbvTime(timing[1] as string);
    if (start === null) reject(`invalid timestamp "${timing[1]}"`, lineNo);
    const end = parseSbvTime(timing[2] as string);
    if (end === null) reject(`invalid timestamp "${timing[2]}"`, lineNo);
    const voices = captionVoices(block.lines.slice(1).join('\n'));
    if (voices.length === 0) warnings.push(`line ${lineNo}: cue has no text; skipped`);
    for (const v of voices) cues.push({ start, end, ...(v.speaker ? { speaker: v.speaker } : {}), text: v.text, line: lineNo });
  }
  return { cues, headers: {}, warnings };
}
