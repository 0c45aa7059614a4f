import { parseJsonTranscript } from './json.ts';
import { detectFormat } from './detect.ts';
import { stripBom } from './lines.ts';
import { parsePlain } from './plain.ts';
import { parseSbv } from './sbv.ts';
import { parseSrt } from './srt.ts';
import { TranscriptRejected, type Cue, type ParsedCues, type Transcript, type TranscriptFormat } from './types.ts';
import { parseVtt } from './vtt.ts';
import { parseZoom } from './zoom.ts';

// One entry point for every transcript file: detect the format, parse, then the checks all formats
// share (no cues, end before start, YouTube's rolling repeats), speakers and duration.

const PARSERS: Record<TranscriptFormat, (content: string) => ParsedCues> = {
  vtt: parseVtt,
  srt: parseSrt,
  sbv: parseSbv,
  zoom: parseZoom,
  plain: parsePlain,
  json: parseJsonTranscript,
};
const CAPTIONS = new Set<TranscriptFormat>(['vtt', 'srt', 'sbv']);

export type ParseOutcome =
  | { ok: true; transcript: Transcript }
  | { ok: false; format: TranscriptFormat | null; reason: string; line: number | null };

export function parseTranscript(content: string, options: { format?: TranscriptFormat; fileName?: string } = {}): ParseOutcome {
  if (stripBom(content).trim() === '') return { ok: false, format: options.format ?? null, reason: 'the file is empty', line: null };
  const format = options.format ?? detectFormat(content, options.fileName);
  try {
    return { ok: true, transcript: finish(format, PARSERS[format](content)) };
  } catch (error) {
    if (error instanceof TranscriptRejected) return { ok: false, format, reason: error.message, line: error.line ?? null };
    throw error;
  }
}

function finish(format: TranscriptFormat, parsed: ParsedCues): Transcript {
  const warnings = [...parsed.warnings];
  const cues: Cue[] = [];
  let rolling = 0;
  for (const cue of parsed.cues) {
    if (cue.start !== undefined && cue.end !== undefined && cue.end < cue.start) {
      warnings.push(`line ${cue.line}: cue ends before it starts; its end time is ignored`);
      delete cue.end;
    }
    const prev = cues[cues.length - 1];
    if (CAPTIONS.has(format) && prev && isRollingRepeat(prev, cue)) {
      rolling += 1;
      if (cue.text === prev.text) {
        prev.end = cue.end ?? prev.end;
        continue;
      }
      cue.text = cue.text.slice(prev.text.length).trim();
    }
    cues.push(cue);
  }
  if (rolling > 0) warnings.push(`${rolling} rolling caption repeat(s) removed`);
  if (cues.length === 0) throw new TranscriptRejected('no cues with text: nothing to import');
  const speakers = [...new Set(cues.flatMap((c) => (c.speaker ? [c.speaker] : [])))];
  return { format, cues, speakers, durationSeconds: duration(cues, parsed.clockTimes === true || !CAPTIONS.has(format)), headers: parsed.headers, warnings };
}

/** Auto-captions repeat the previous cue's words at the top of the next one (YouTube "rolling" captions). */
function isRollingRepeat(prev: Cue, cue: Cue): boolean {
  if (prev.speaker || cue.speaker || prev.end === undefined || cue.start === undefined) return false;
  if (Math.abs(cue.start - prev.end) > 0.05) return false;
  return cue.text === prev.text || cue.text.startsWith(`${prev.text} `);
}

/** Media timelines (captions) run from 0; clock-time exports from their first utterance. */
function duration(cues: readonly Cue[], fromFirst: boolean): number | null {
  const starts = cues.flatMap((c) => (c.start === undefined ? [] : [c.start]));
  const ends = cues.flatMap((c) => (c.end ?? c.start) === undefined ? [] : [(c.end ?? c.start) as number]);
  if (starts.length === 0 || ends.length === 0) return null;
  const total = Math.max(...ends) - (fromFirst ? Math.min(...starts) : 0);
  return Math.round(Math.max(0, total) * 1000) / 1000;
}
