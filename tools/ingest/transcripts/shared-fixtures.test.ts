import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from './parse.ts';

// Every file in ../shared/data/vtt_srt_format_fixtures (webvtt-py's test captions) imports or is rejected
// with a reason; the expected outcome of each is listed, so a new file there fails until it is judged.
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/vtt_srt_format_fixtures');

type Expected = { cues: number; speakers?: string[]; warnings?: number; durationSeconds?: number } | { rejectedAt: number | null; reason: RegExp };

const EXPECTED: Record<string, Expected> = {
  'captions_with_bom.vtt': { cues: 4, durationSeconds: 21.58 },
  'comments.vtt': { cues: 3 }, // NOTE blocks (one- and multi-line) skipped, title after WEBVTT kept
  'cue_tags.vtt': { cues: 3 }, // mm:ss.ttt times, <00:17.500> and <c> tags stripped
  'empty.vtt': { rejectedAt: null, reason: /the file is empty/ },
  'invalid.vtt': { rejectedAt: 1, reason: /must start with "WEBVTT"/ },
  'invalid_format.sbv': { rejectedAt: 1, reason: /expected a timing line/ },
  'invalid_format1.srt': { rejectedAt: 1, reason: /cue 1 has no timing line/ },
  'invalid_format2.srt': { rejectedAt: 1, reason: /expected a cue number or a timing line/ },
  'invalid_format3.srt': { rejectedAt: 2, reason: /expected a timing line/ },
  'invalid_format4.srt': { rejectedAt: 1, reason: /expected a cue number or a timing line/ },
  'invalid_timeframe.sbv': { rejectedAt: 7, reason: /invalid timestamp "0:00:13\.f89"/ },
  'invalid_timeframe.srt': { rejectedAt: 6, reason: /SRT needs a comma/ },
  'invalid_timeframe.vtt': { rejectedAt: 6, reason: /invalid timestamp "00:00:1d\.890"/ },
  // a timing line right after a timing line: the first cue is empty (skipped, warned), the second reads on
  'invalid_timeframe_in_cue_text.vtt': { cues: 3, warnings: 1 },
  'metadata_headers.vtt': { cues: 2 },
  'metadata_headers_multiline.vtt': { cues: 2 },
  'missing_caption_text.sbv': { cues: 4, warnings: 2 }, // empty cue skipped; last cue ends before it starts
  'missing_caption_text.srt': { cues: 4, warnings: 1 },
  'missing_caption_text.vtt': { cues: 4, warnings: 1 },
  'missing_timeframe.sbv': { rejectedAt: 4, reason: /expected a timing line/ },
  'missing_timeframe.srt': { rejectedAt: 6, reason: /expected a timing line/ },
  'missing_timeframe.vtt': { rejectedAt: 6, reason: /has no timing line/ },
  'netflix_chicas_del_cable.vtt': { cues: 865 }, // whitespace-only lines between blocks, SDH "[Alba]" speaker labels
  'no_captions.vtt': { rejectedAt: null, reason: /no cues with text/ },
  'one_caption.srt': { cues: 1, durationSeconds: 7 },
  'one_caption.vtt': { cues: 1, durationSeconds: 7 },
  'sample.sbv': { cues: 5, warnings: 1 },
  'sample.srt': { cues: 5 },
  'sample.vtt': { cues: 16, durationSeconds: 64.3 },
  'styles.vtt': { cues: 1 },
  'teams_timeframe.vtt': { cues: 2, speakers: ['Yuri Bakulin', 'Adrian Petrescu'], durationSeconds: 1.13 },
  'two_captions.sbv': { cues: 2 },
  'using_identifiers.vtt': { cues: 6 },
  'youtube_dl.vtt': { cues: 3, warnings: 1 }, // rolling repeats removed: "yeah", "what", "this will happen is I'm telling"
  // not transcripts: the folder's own notes
  'SOURCES.md': { rejectedAt: 1, reason: /must start with "WEBVTT"/ },
  'LICENSE.webvtt-py': { rejectedAt: 1, reason: /no "Speaker: text" lines/ },
};

describe.skipIf(!existsSync(DIR))('vtt_srt_format_fixtures: every file imports or is rejected with a reason', () => {
  it('has an expected outcome for every file in the folder', () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(file, () => {
      const outcome = parseTranscript(readFileSync(path.join(DIR, file), 'utf8'), { fileName: file });
      if ('rejectedAt' in expected) {
        expect(outcome.ok).toBe(false);
        if (outcome.ok) return;
        expect(outcome.line).toBe(expected.rejectedAt);
        expect(outcome.reason).toMatch(expected.reason);
        return;
      }
      if (!outcome.ok) throw new Error(`${file} rejected: ${outcome.reason}`);
      const t = outcome.transcript;
      expect(t.cues).toHaveLength(expected.cues);
      expect(t.cues.every((c) => c.text.trim() !== '' && !/[<>]/.test(c.text))).toBe(true);
      expect(t.warnings).toHaveLength(expected.warnings ?? 0);
      if (expected.speakers) expect(t.speakers).toEqual(expected.speakers);
      if (expected.durationSeconds !== undefined) expect(t.durationSeconds).toBe(expected.durationSeconds);
    });
  }

  it('reads the Teams voice tags and YouTube rolling captions into the words spoken', () => {
    const teams = parseTranscript(readFileSync(path.join(DIR, 'teams_timeframe.vtt'), 'utf8'), { fileName: 'teams_timeframe.vtt' });
    expect(teams.ok && teams.transcript.cues.map((c) => [c.speaker, c.start, c.end, c.text])).toEqual([
      ['Yuri Bakulin', 0, 0.57, 'There you go.'],
      ['Adrian Petrescu', 0.21, 1.13, 'Why hello there, Yuri.'],
    ]);
    const youtube = parseTranscript(readFileSync(path.join(DIR, 'youtube_dl.vtt'), 'utf8'), { fileName: 'youtube_dl.vtt' });
    expect(youtube.ok && youtube.transcript.cues.map((c) => c.text)).toEqual(['yeah', 'what', "this will happen is I'm telling"]);
  });
});
