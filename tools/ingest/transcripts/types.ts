// The common shape every transcript parser returns, whatever the file looked like.

export const TRANSCRIPT_FORMATS = ['vtt', 'srt', 'sbv', 'zoom', 'plain', 'json'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export interface Cue {
  /** seconds from the start of the recording (or of the day, for clock-time exports) */
  start?: number;
  end?: number;
  speaker?: string;
  text: string;
  /** 1-based line of the file where the cue starts */
  line: number;
}

export interface Transcript {
  format: TranscriptFormat;
  cues: Cue[];
  /** distinct speakers in order of first appearance */
  speakers: string[];
  /** last end (or start) minus first start; null when the file has no timings */
  durationSeconds: number | null;
  /** header fields a file carried (WEBVTT title, Kind/Language, "Date:", "Participants:" ...), keys lower-case */
  headers: Record<string, string>;
  /** what was tolerated on the way (empty cues skipped, end before start...), each naming its line */
  warnings: string[];
}

/** What a parser hands back before speakers and duration are derived. */
export interface ParsedCues {
  cues: Cue[];
  headers: Record<string, string>;
  warnings: string[];
  /** true when timings are wall-clock times (Zoom chat): duration is then last minus first */
  clockTimes?: boolean;
}

/** A file we will not import, with the reason and, where there is one, the offending line. */
export class TranscriptRejected extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
    this.name = 'TranscriptRejected';
  }
}

export function reject(reason: string, line?: number): never {
  throw new TranscriptRejected(reason, line);
}
