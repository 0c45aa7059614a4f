import type { RawItem } from '../core/index.ts';
import type { TranscriptPayload } from './handler.ts';
import { parseTranscript } from './parse.ts';
import { mergeTurns } from './turns.ts';
import type { Transcript, TranscriptFormat } from './types.ts';

// One transcript file (or upload) -> the ingestion item the handler imports, or the reason it cannot be
// read. Shared by the ingest_transcript tool and `npm run ingest`.

export interface TranscriptItemOptions {
  fileName?: string | undefined;
  format?: TranscriptFormat | undefined;
  title?: string | undefined;
  /** when the meeting took place; default: a Date: header, else `now` */
  occurredAt?: Date | undefined;
  opportunityId: string | null;
  participants: { name: string; email?: string }[];
  createTasks: boolean;
  knownCompetitors?: string[] | undefined;
  /** where it came from (a path, 'upload') */
  origin: string;
  position?: number;
  /** bytes of the input read once this item is (progress over several files) */
  sourceOffset?: number;
  now: Date;
}

export type TranscriptInput =
  | { ok: true; item: RawItem<TranscriptPayload>; transcript: Transcript }
  | { ok: false; format: TranscriptFormat | null; reason: string; line: number | null };

/** "Date: 2026-06-12" (+ "Time: 14:30") as an instant in UTC; undefined for anything less certain. */
function headerDate(headers: Record<string, string>): Date | undefined {
  const date = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}))?/.exec(headers.date ?? '');
  if (!date) return undefined;
  const time = date[2] ?? /^(\d{1,2}:\d{2})/.exec(headers.time ?? '')?.[1] ?? '00:00';
  const at = new Date(`${date[1]}T${time.padStart(5, '0')}:00Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export function transcriptItem(content: string, o: TranscriptItemOptions): TranscriptInput {
  const parsed = parseTranscript(content, { ...(o.format ? { format: o.format } : {}), ...(o.fileName ? { fileName: o.fileName } : {}) });
  if (!parsed.ok) return parsed;
  const transcript = parsed.transcript;
  const occurredAt = o.occurredAt ?? headerDate(transcript.headers) ?? o.now;
  const title = o.title ?? transcript.headers.title ?? o.fileName ?? 'Meeting transcript';
  const payload: TranscriptPayload = {
    transcript,
    turns: mergeTurns(transcript.cues),
    title,
    occurredAt,
    opportunityId: o.opportunityId,
    participants: o.participants,
    createTasks: o.createTasks,
    ...(o.knownCompetitors ? { knownCompetitors: o.knownCompetitors } : {}),
  };
  const item: RawItem<TranscriptPayload> = {
    kind: 'transcript',
    position: o.position ?? 1,
    rawText: content,
    externalIds: o.fileName ? { file: o.fileName } : {},
    title,
    origin: o.origin,
    occurredAt,
    metadata: { format: transcript.format, speakers: transcript.speakers, durationSeconds: transcript.durationSeconds, warnings: transcript.warnings.slice(0, 50) },
    ...(o.sourceOffset === undefined ? {} : { sourceOffset: o.sourceOffset }),
    payload,
  };
  return { ok: true, item, transcript };
}
