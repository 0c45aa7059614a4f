import { extractSignals, scoreSentiment } from '../../ingest/signals/index.ts';
import { parseTranscript } from '../../ingest/transcripts/parse.ts';
import { buildSections, type TranscriptSections } from '../../ingest/transcripts/sections.ts';
import { mergeTurns, type Turn } from '../../ingest/transcripts/turns.ts';

// A meeting summary from a transcript (VTT, SRT, Zoom, "Speaker: text") or from free notes, through the
// ingestion transcript pipeline: its turns, sections (decisions, action items with owner and due date,
// objections) with relative dates ("by Friday") resolved against the meeting's own date.

export interface MeetingReading {
  format: string;
  speakers: string[];
  sections: TranscriptSections;
  sentiment: { label: 'positive' | 'neutral' | 'negative'; score: number };
}

function noteTurns(text: string): Turn[] {
  // notes: each non-empty line is a turn with no speaker ("- Dana to send the MSA by Friday")
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter((l) => l !== '')
    .map((line, index) => ({ index, text: line, line: index + 1, cueCount: 1 }));
}

const HEADING = /^(?:next steps?|action items?|to ?dos?|follow[- ]ups?)\s*:\s*(.*)$/i;
const ANY_HEADING = /^[A-Z][\w ]{0,30}:\s*$/;

/** "Attendees: Dana Ruiz (CFO), Tom Becker (Dealwise)" -> the names */
function attendeesOf(text: string): { name: string }[] {
  const line = /^(?:attendees|participants|present)\s*:\s*(.+)$/im.exec(text)?.[1] ?? '';
  return line.split(/,|;|\band\b/).map((x) => x.replace(/\(.*?\)/g, '').trim()).filter((x) => /^[A-Z]/.test(x)).map((name) => ({ name }));
}

/** Lines under a "Next steps:" heading (or after "Next step:" on the same line): action items even when phrased as bare imperatives. */
function listedNextSteps(text: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = HEADING.exec(line);
    if (heading) {
      inside = true;
      if (heading[1]) out.push(heading[1].trim());
      continue;
    }
    if (line === '' || ANY_HEADING.test(line)) {
      if (ANY_HEADING.test(line)) inside = false;
      continue;
    }
    if (inside && /^(?:[-*•]|\d+[.)])\s*/.test(line)) out.push(line.replace(/^(?:[-*•]|\d+[.)])\s*/, ''));
    else inside = false;
  }
  return out;
}

export function readMeeting(text: string, meetingAt: Date, timeZone: string): MeetingReading {
  const parsed = parseTranscript(text);
  // a transcript needs speakers; notes that merely contain "Next steps: ..." lines read better as notes
  const transcript = parsed.ok && parsed.transcript.speakers.length >= 2 ? parsed.transcript : null;
  const turns = transcript ? mergeTurns(transcript.cues) : noteTurns(text);
  const speakers = transcript?.speakers ?? [];
  const participants = transcript ? [] : attendeesOf(text);
  const sections = buildSections(turns, speakers, { now: meetingAt, timeZone, participants, ...(transcript ? { headers: transcript.headers } : {}) });
  if (!transcript) {
    for (const item of listedNextSteps(text)) {
      if (sections.actionItems.some((a) => a.text.includes(item) || item.includes(a.text))) continue;
      const due = extractSignals(item, { now: meetingAt, timeZone }).dates.find((d) => d.kind !== 'meeting')?.date ?? null;
      const turn = turns.find((t) => t.text.includes(item));
      sections.actionItems.push({ turn: turn?.index ?? 0, line: turn?.line ?? 0, start: null, speaker: null, quote: item, text: item, owner: null, ownerRole: 'team', ownerIsAttendee: false, due });
    }
  }
  const sentiment = scoreSentiment(turns.map((t) => t.text).join(' '));
  return { format: transcript?.format ?? 'notes', speakers, sections, sentiment: { label: sentiment.label, score: Math.round(sentiment.score * 100) / 100 } };
}
