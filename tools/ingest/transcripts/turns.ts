import type { Cue } from './types.ts';

// Consecutive cues by the same named speaker become one turn: captions cut speech every few
// seconds, a turn is what one person said before someone else spoke. Cues with no speaker stay apart.

export interface Turn {
  index: number;
  speaker?: string;
  start?: number;
  end?: number;
  text: string;
  /** line of the first cue */
  line: number;
  cueCount: number;
}

export function mergeTurns(cues: readonly Cue[]): Turn[] {
  const turns: Turn[] = [];
  for (const cue of cues) {
    const last = turns[turns.length - 1];
    if (last && cue.speaker !== undefined && last.speaker === cue.speaker) {
      last.text = `${last.text} ${cue.text}`;
      last.cueCount += 1;
      const end = cue.end ?? cue.start;
      if (end !== undefined) last.end = last.end === undefined ? end : Math.max(last.end, end);
      continue;
    }
    turns.push({
      index: turns.length,
      ...(cue.speaker === undefined ? {} : { speaker: cue.speaker }),
      ...(cue.start === undefined ? {} : { start: cue.start }),
      ...(cue.end ?? cue.start) === undefined ? {} : { end: (cue.end ?? cue.start) as number },
      text: cue.text,
      line: cue.line,
      cueCount: 1,
    });
  }
  return turns;
}
