import { headerField } from './lines.ts';

// The lines a plain or Zoom text export may carry before the first speaker: a title, "Date: ...",
// "Participants: Dana Ruiz (Acme), Sam Lee". Recognised keys become headers; the first other line is the title.

export const HEADER_KEYS = new Set([
  'title', 'subject', 'meeting', 'topic', 'date', 'time', 'when', 'start time', 'end time', 'duration', 'location', 'where',
  'participants', 'attendees', 'present', 'invitees', 'organizer', 'organiser', 'host', 'recorded', 'recording', 'company',
  'account', 'opportunity', 'deal', 'kind', 'language',
]);

/** A "Key: value" line with a recognised key goes into `headers`; false for any other line. */
export function readHeaderLine(line: string, headers: Record<string, string>): boolean {
  const field = headerField(line);
  if (!field || !HEADER_KEYS.has(field[0])) return false;
  headers[field[0]] = field[1];
  return true;
}

/** Reads one preamble line (a header, else the title while there is none); false when it is neither. */
export function readPreambleLine(line: string, headers: Record<string, string>): boolean {
  if (readHeaderLine(line, headers)) return true;
  if (!headers.title && !/[.?!]$/.test(line.trim()) && line.trim().length <= 120) {
    headers.title = line.trim();
    return true;
  }
  return false;
}
