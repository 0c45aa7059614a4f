import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTranscript, type ParseOutcome } from './parse.ts';
import { mergeTurns } from './turns.ts';
import type { Transcript } from './types.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/transcripts');
const fixture = (name: string) => parseTranscript(readFileSync(path.join(FIXTURES, name), 'utf8'), { fileName: name });

function ok(outcome: ParseOutcome): Transcript {
  if (!outcome.ok) throw new Error(`rejected: ${outcome.reason}`);
  return outcome.transcript;
}

describe('WebVTT', () => {
  it('reads a Teams file: title, headers, NOTE/STYLE skipped, identifiers, settings, <v> and <v.loud> voices, multi-line and multi-voice cues', () => {
    const t = ok(fixture('teams-discovery.vtt'));
    expect(t.format).toBe('vtt');
    expect(t.headers).toEqual({ title: 'Acme discovery call', kind: 'captions' });
    expect(t.speakers).toEqual(['Anna Rep', 'Dana Ruiz']);
    // 6 cue blocks, the fifth holds two voices -> 7 cues
    expect(t.cues).toHaveLength(7);
    expect(t.cues[1]).toEqual({ start: 5.5, end: 12, speaker: 'Dana Ruiz', text: 'Sure. We have about 120 sales reps and the forecast lives in spreadsheets.', line: 15 });
    expect(t.cues[3]?.speaker).toBe('Anna Rep'); // <v.loud Anna Rep>
    expect(t.cues.slice(4, 6).map((c) => [c.speaker, c.start])).toEqual([['Anna Rep', 24], ['Dana Ruiz', 24]]);
    // media timeline: the last end, 00:00:36.000
    expect(t.durationSeconds).toBe(36);
    expect(t.warnings).toEqual([]);
  });

  it('merges consecutive cues of one speaker into turns, keeping the first timing line and the widest time span', () => {
    const turns = mergeTurns(ok(fixture('teams-discovery.vtt')).cues);
    // Anna | Dana Dana | Anna Anna | Dana Dana -> 4 turns
    expect(turns.map((t) => [t.speaker, t.cueCount, t.start, t.end, t.line])).toEqual([
      ['Anna Rep', 1, 1, 5.2, 11],
      ['Dana Ruiz', 2, 5.5, 16, 15],
      ['Anna Rep', 2, 16.5, 30, 24],
      ['Dana Ruiz', 2, 24, 36, 28],
    ]);
  });

  it('handles a BOM, mm:ss.ttt times, karaoke timestamps, entities and cues that share no blank line', () => {
    const t = ok(parseTranscript('\uFEFFWEBVTT\n\n00:01.500 --> 00:03.000\nTom &amp; Jerry <00:02.000>said &lt;hi&gt;\n00:03.000 --> 00:04.000\nnext\n', {}));
    expect(t.cues.map((c) => [c.start, c.end, c.text])).toEqual([[1.5, 3, 'Tom & Jerry said <hi>'], [3, 4, 'next']]);
  });

  it('rejects a missing header, a bad timestamp and text without timing, naming the line', () => {
    expect(parseTranscript('00:00:01.000 --> 00:00:02.000\nhi\n', { format: 'vtt' })).toMatchObject({ ok: false, line: 1 });
    expect(parseTranscript('WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhi\n', {})).toMatchObject({ ok: false, line: 3, reason: 'line 3: invalid timestamp "00:00:0x.000"' });
    expect(parseTranscript('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n\norphan text\n', {})).toMatchObject({ ok: false, line: 6 });
    expect(parseTranscript('WEBVTT\n\n00:00:01.000 --> 00:01:60.000\nhi\n', {})).toMatchObject({ ok: false, line: 3 });
  });

  it('drops YouTube rolling repeats and keeps the new words', () => {
    const t = ok(parseTranscript('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nyeah\n\n00:00:02.000 --> 00:00:04.000\nyeah\nwhat now\n\n00:00:04.000 --> 00:00:05.000\nwhat now\n', {}));
    expect(t.cues.map((c) => c.text)).toEqual(['yeah', 'what now']);
    expect(t.warnings).toEqual(['2 rolling caption repeat(s) removed']);
  });
});

describe('SRT and SBV', () => {
  it('reads SRT with CRLF, "Name: text" and "Name (Role): text" speakers, markup and {\\an8} tags', () => {
    const t = ok(fixture('negotiation.srt'));
    expect(t.format).toBe('srt');
    expect(t.speakers).toEqual(['Anna Rep', 'Lee Park', 'Dana Ruiz']);
    expect(t.cues[2]?.text).toBe('On price, $54,000 for 100 seats is still a stretch.');
    expect(t.cues[4]?.text).toBe('For three years we can do ten percent off if we sign by June 30. Lee, can you send final comments by June 18?');
    expect(t.durationSeconds).toBe(27.25);
  });

  it('rejects a dotted SRT timestamp and a cue number without timing', () => {
    expect(parseTranscript('1\n00:00:01,000 --> 00:00:02.500\nhi\n', { format: 'srt' })).toMatchObject({ ok: false, line: 2 });
    expect(parseTranscript('1\n', { format: 'srt' })).toMatchObject({ ok: false, line: 1, reason: 'line 1: cue 1 has no timing line after it' });
  });

  it('reads SBV and ignores an end before the start, with a warning', () => {
    const t = ok(parseTranscript('0:00:01.000,0:00:02.000\nhello\n\n0:00:05.000,0:00:04.000\nworld\n', { fileName: 'x.sbv' }));
    expect(t.cues.map((c) => [c.start, c.end ?? null])).toEqual([[1, 2], [5, null]]);
    expect(t.warnings).toEqual(['line 4: cue ends before it starts; its end time is ignored']);
    // captions run from 0: duration = max(end or start) = 5
    expect(t.durationSeconds).toBe(5);
  });
});

describe('Zoom and Teams text exports', () => {
  it('reads Zoom chat lines, indented continuations and direct messages', () => {
    const t = ok(fixture('zoom-chat.txt'));
    expect(t.format).toBe('zoom');
    expect(t.cues.map((c) => c.speaker)).toEqual(['Anna Rep', 'Dana Ruiz', 'Anna Rep', 'Dana Ruiz', 'Anna Rep']);
    expect(t.cues[3]?.text).toBe('Our budget is around $50,000 this year. Procurement needs a security review first.');
    // clock times: 10:07:00 - 10:02:15 = 285 s
    expect(t.durationSeconds).toBe(285);
  });

  it('reads "[Name] hh:mm:ss" headings with multi-line text and a title line', () => {
    const t = ok(fixture('zoom-transcript.txt'));
    expect(t.headers.title).toBe('Acme weekly sync');
    expect(t.cues).toHaveLength(4);
    // 14:01:40 - 14:00:05 = 95 s
    expect(t.durationSeconds).toBe(95);
    expect(mergeTurns(t.cues)).toHaveLength(3);
  });

  it('reads Teams "Name   m:ss" headings', () => {
    const t = ok(fixture('teams-export.txt'));
    expect(t.cues.map((c) => [c.speaker, c.start])).toEqual([['Anna Rep', 3], ['Dana Ruiz', 9], ['Anna Rep', 75]]);
  });
});

describe('plain and JSON', () => {
  it('reads a title, Date: and Participants: headers and "Speaker: text" lines with continuations', () => {
    const t = ok(fixture('plain-call.txt'));
    expect(t.format).toBe('plain');
    expect(t.headers).toMatchObject({ title: 'Qualification call: Acme Corp', date: '2026-06-12 15:00' });
    expect(t.speakers).toEqual(['Anna Rep', 'Dana Ruiz']);
    expect(t.cues).toHaveLength(7);
    expect(t.cues[3]?.text).toBe('Our VP of Sales owns the number; I run the tooling. We are about 80 users on our current CRM.');
    expect(t.durationSeconds).toBeNull();
  });

  it('reads time-stamped plain lines', () => {
    const t = ok(parseTranscript('[00:00:05] Anna: hello there\n[00:01:05] Ben: hi\n', { format: 'plain' }));
    expect(t.cues.map((c) => [c.start, c.speaker])).toEqual([[5, 'Anna'], [65, 'Ben']]);
    expect(t.durationSeconds).toBe(60);
  });

  it('rejects a plain file without speakers and an empty file', () => {
    expect(parseTranscript('just some notes\nwithout any speaker\n', { format: 'plain' })).toMatchObject({ ok: false, reason: 'line 1: no "Speaker: text" lines found' });
    expect(parseTranscript('\uFEFF  \n\n', { fileName: 'a.vtt' })).toEqual({ ok: false, format: null, reason: 'the file is empty', line: null });
  });

  it('reads ASR-style JSON: numeric speakers, string times, disfluency tags dropped, tokenised punctuation re-attached', () => {
    const t = ok(fixture('meeting.json'));
    expect(t.headers.title).toBe('Pilot kickoff');
    expect(t.cues.map((c) => [c.speaker, c.text])).toEqual([
      ['Anna Rep', 'Welcome to the pilot kickoff.'],
      ['Dana Ruiz', 'Thanks. We have 25 reps ready to start.'],
      ['Dana Ruiz', 'Training is booked for Monday.'],
      ['Speaker 2', "I'll send the login details today."],
    ]);
    // not a caption timeline: 15.0 - 0.5
    expect(t.durationSeconds).toBe(14.5);
  });

  it('rejects JSON without a transcript list and entries without text', () => {
    expect(parseTranscript('{"foo": 1}', { format: 'json' })).toMatchObject({ ok: false });
    expect(parseTranscript('[{"speaker": "A", "text": "x"}, {"speaker": "B"}]', {})).toMatchObject({ ok: false, reason: expect.stringContaining('entry 2 has no text') });
  });
});
