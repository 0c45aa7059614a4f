import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { createDemoStore } from '../helpers/demo.ts';
import { hostileNumber, hostileString, invalidUtf8 } from './arbitraries.ts';
import { runsFor } from './config.ts';
import { fuzzIngest } from './ingest-driver.ts';

// The transcript parsers (ingest_transcript content): WebVTT, SRT, SBV, Zoom-style and JSON transcripts with
// impossible timestamps, overlapping and reversed cues, empty speakers, huge lines; and random bytes.

const text = hostileString.filter((s) => !s.includes('\u0000') && !/\p{Cs}/u.test(s)).map((s) => s.slice(0, 5000));
const time = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 })).map(([h, m, s, ms]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${ms}`),
  fc.constantFrom('00:00:01.000', '99999:00:00.000', '-00:00:01.000', '00:00', 'NaN', ''),
);
const speaker = fc.oneof(fc.constantFrom('Dana Ruiz', 'Maya Chen', '', 'Speaker 1', 'x@evil.com'), text.map((s) => s.slice(0, 60)));
const cue = fc.record({ start: time, end: time, speaker, line: text });

const vtt = fc.array(cue, { maxLength: 6 }).map((cues) => `WEBVTT\n\n${cues.map((c) => `${c.start} --> ${c.end}\n<v ${c.speaker}>${c.line}</v>`).join('\n\n')}\n`);
const srt = fc.array(cue, { maxLength: 6 }).map((cues) => cues.map((c, i) => `${i + 1}\n${c.start.replace('.', ',')} --> ${c.end.replace('.', ',')}\n${c.speaker}: ${c.line}`).join('\n\n'));
const plain = fc.array(fc.tuple(speaker, text), { maxLength: 8 }).map((turns) => turns.map(([who, line]) => `${who}: ${line}`).join('\n'));
const zoom = fc.array(fc.tuple(time, speaker, text), { maxLength: 6 }).map((turns) => turns.map(([t, who, line]) => `[${who}] ${t}\n${line}`).join('\n\n'));
const json = fc.array(fc.record({ speaker, start: fc.oneof(hostileNumber, time), end: fc.oneof(hostileNumber, time), text }, { requiredKeys: [] }), { maxLength: 5 }).map((items) => JSON.stringify(items));
const contents = fc.oneof(vtt, srt, plain, zoom, json, invalidUtf8, hostileString);

describe('fuzz: transcript parsers (ingest_transcript content)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createDemoStore();
  });
  afterAll(() => store.close());

  it('answers every generated transcript with a report or a clear error; nothing half-written', async () => {
    await fuzzIngest(store, { tool: 'ingest_transcript', contents, extra: fc.record({ occurredAt: fc.constantFrom('2026-06-15T10:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z') }, { requiredKeys: [] }) }, runsFor(15));
  });
});
