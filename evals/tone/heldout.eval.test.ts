import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadToneExamples, sharedDataPresent, SHARED_DATA } from './dataset.ts';
import { heldoutPath, loadHeldout, scoreHeldout, type HeldoutExample } from './heldout.ts';

// The held-out sets are measurements, not targets: their accuracy is printed by npm run eval:tone:heldout
// [-- heldout2]. These tests keep the sets honest and the scoring right; they never run the detector.
const squash = (s: string) => s.replace(/[\s>]+/g, '');

function expectFromSharedData(set: readonly HeldoutExample[]) {
  // build.py drops quoted-reply markers ("> ") from forwarded mail: compare without them
  const files = new Map<string, string>();
  for (const e of set) {
    const file = e.source.split('#')[0] as string;
    if (!files.has(file)) files.set(file, squash(readFileSync(`${SHARED_DATA}/${file}`, 'utf8').replace(/""/g, '"')));
    expect(files.get(file)!.includes(squash(e.text.slice(0, 80))), e.id).toBe(true);
  }
}

describe('second held-out tone set', () => {
  const set = loadHeldout(heldoutPath('heldout2'));

  it('is the set committed before tuning (sha256 as recorded), 80+ messages of both kinds', () => {
    const sums = readFileSync(new URL('../datasets/tone-heldout2-provenance/SHA256SUMS', import.meta.url), 'utf8');
    const sha = createHash('sha256').update(readFileSync(heldoutPath('heldout2'))).digest('hex');
    expect(sums).toContain(`${sha}  tone-heldout2.jsonl`);
    expect(set.length).toBeGreaterThanOrEqual(80);
    expect(set.filter((e) => e.label === 'formal').length).toBeGreaterThan(25);
    expect(set.filter((e) => e.label === 'casual').length).toBeGreaterThan(25);
    expect(set.filter((e) => e.length === 'long').length).toBeGreaterThan(5);
  });

  it('shares no message with the dev set or the first held-out set (by text and by source)', () => {
    const norm = (t: string) => t.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 60);
    const earlier = [...loadToneExamples(), ...loadHeldout()];
    const texts = new Set(earlier.map((e) => norm(e.text)));
    const sources = new Set(earlier.map((e) => e.source));
    for (const e of set) {
      expect(texts.has(norm(e.text)), e.id).toBe(false);
      expect(sources.has(e.source), e.id).toBe(false);
    }
    expect(new Set(set.map((e) => norm(e.text))).size).toBe(set.length);
  });

  it.skipIf(!sharedDataPresent())('every message comes from the data set it names', () => expectFromSharedData(set));

  it('names an unknown set clearly', () => {
    expect(() => heldoutPath('heldout9')).toThrow(/set: unknown held-out tone set "heldout9"/);
  });
});

describe('first held-out tone set', () => {
  const set = loadHeldout();

  it('holds at least 60 labelled messages of both kinds, none of them in the tuning set', () => {
    expect(set.length).toBeGreaterThanOrEqual(60);
    expect(set.filter((e) => e.label === 'formal').length).toBeGreaterThan(20);
    expect(set.filter((e) => e.label === 'casual').length).toBeGreaterThan(20);
    const tuning = loadToneExamples();
    const tuningSources = new Set(tuning.map((e) => e.source));
    const tuningTexts = new Set(tuning.map((e) => e.text.slice(0, 60)));
    for (const e of set) {
      expect(tuningSources.has(e.source), e.id).toBe(false);
      expect(tuningTexts.has(e.text.slice(0, 60)), e.id).toBe(false);
      expect(['short', 'long']).toContain(e.length);
    }
    expect(new Set(set.map((e) => e.source)).size).toBe(set.length);
  });

  it.skipIf(!sharedDataPresent())('every message comes from the data set it names', () => expectFromSharedData(set));

  it('counts the confusion matrices and the sure-only score as by hand', () => {
    const ex = (id: string, label: 'formal' | 'casual', length: 'short' | 'long', unsure: boolean, text: string): HeldoutExample => ({ id, source: id, label, length, unsure, text });
    const long = `Dear Ms. Ortiz,\n${'I would like to confirm the terms we agreed regarding the renewal and the onboarding schedule for your team. '.repeat(4)}\nKind regards,\nJohn`;
    const s = scoreHeldout([
      ex('a', 'formal', 'long', false, long), // read formal, long: right on both
      ex('b', 'casual', 'short', false, 'hey lol yeah cool, gonna grab it!!'), // casual, short: right on both
      ex('c', 'formal', 'short', true, 'hey lol yeah cool, gonna grab it!!'), // read casual: a formality miss (unsure)
      ex('d', 'casual', 'long', false, long), // read formal and long: formality miss, length right
    ]);
    expect(s.formality.confusion).toEqual({ formal: { formal: 1, casual: 1 }, casual: { formal: 1, casual: 1 } });
    expect(s.formality.accuracy).toBe(0.5);
    expect(s.length.confusion).toEqual({ short: { short: 2, long: 0 }, long: { short: 0, long: 2 } });
    expect(s.sure).toEqual({ total: 3, correct: 2, accuracy: 2 / 3 });
    expect(s.misses.map((m) => m.id)).toEqual(['c', 'd']);
  });
});
