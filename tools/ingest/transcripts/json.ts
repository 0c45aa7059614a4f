import { parseVttTime } from './timestamps.ts';
import { reject, type Cue, type ParsedCues } from './types.ts';

// JSON transcripts: QMSum/AMI meetings ({ meeting_transcripts: [{ speaker, content }] }, with a human
// summary in general_query_list) and the usual ASR shapes: an array of { speaker, text, start, end }
// at the root or under segments/utterances/cues/turns. AMI disfluency tags ({vocalsound}, {disfmarker})
// are dropped and its tokenised punctuation ("yes , we") re-attached.

const LIST_KEYS = ['meeting_transcripts', 'transcript', 'transcripts', 'segments', 'utterances', 'cues', 'turns', 'entries', 'results'];
const TEXT_KEYS = ['text', 'content', 'transcript', 'utterance', 'words'];
const SPEAKER_KEYS = ['speaker', 'speaker_name', 'speakerName', 'name', 'participant', 'role'];
const START_KEYS = ['start', 'startTime', 'start_time', 'offset', 'begin'];
const END_KEYS = ['end', 'endTime', 'end_time'];

type Entry = Record<string, unknown>;

const isRecord = (value: unknown): value is Entry => typeof value === 'object' && value !== null && !Array.isArray(value);

export function cleanSpokenText(text: string): string {
  return text
    .replace(/\{[a-z_]+\}/gi, ' ')
    .replace(/\s+([,.?!;:%])/g, '$1')
    .replace(/\s+'(s|t|re|ve|ll|d|m)\b/gi, "'$1")
    .replace(/\s+/g, ' ')
    .trim();
}

function pick(entry: Entry, keys: readonly string[]): unknown {
  for (const key of keys) if (entry[key] !== undefined && entry[key] !== null) return entry[key];
  return undefined;
}

function seconds(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') return parseVttTime(value.trim()) ?? (Number.isFinite(Number(value)) ? Number(value) : undefined);
  return undefined;
}

export function parseJsonTranscript(content: string): ParsedCues {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    return reject(`not valid JSON (${(error as Error).message})`);
  }
  const headers: Record<string, string> = {};
  let list: unknown = data;
  if (isRecord(data)) {
    const key = LIST_KEYS.find((k) => Array.isArray(data[k]));
    if (!key) reject(`no transcript list in the JSON (expected one of: ${LIST_KEYS.join(', ')})`);
    list = data[key];
    const general = data.general_query_list;
    if (Array.isArray(general) && isRecord(general[0]) && typeof general[0].answer === 'string') headers.summary = general[0].answer;
    if (typeof data.title === 'string') headers.title = data.title;
  }
  if (!Array.isArray(list)) return reject('a JSON transcript must be an array of utterances or an object holding one');
  const cues: Cue[] = [];
  const warnings: string[] = [];
  list.forEach((entry, index) => {
    if (!isRecord(entry)) reject(`entry ${index + 1} is not an object`);
    const rawText = pick(entry, TEXT_KEYS);
    if (typeof rawText !== 'string') reject(`entry ${index + 1} has no text (expected one of: ${TEXT_KEYS.join(', ')})`);
    const text = cleanSpokenText(rawText);
    if (!text) {
      warnings.push(`entry ${index + 1}: no words once disfluency tags are removed; skipped`);
      return;
    }
    const speaker = pick(entry, SPEAKER_KEYS);
    const start = seconds(pick(entry, START_KEYS));
    const end = seconds(pick(entry, END_KEYS));
    cues.push({
      ...(start === undefined ? {} : { start }),
      ...(end === undefined ? {} : { end }),
      ...(typeof speaker === 'string' && speaker.trim() ? { speaker: speaker.trim() } : typeof speaker === 'number' ? { speaker: `Speaker ${speaker}` } : {}),
      text,
      // JSON has no useful line numbers: the entry's position stands in for it
      line: index + 1,
    });
  });
  return { cues, headers, warnings };
}
