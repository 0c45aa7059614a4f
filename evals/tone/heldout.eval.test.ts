import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadToneExamples, sharedDataPresent, SHARED_DATA } from './dataset.ts';
import { loadHeldout, scoreHeldout, type HeldoutExample } from './heldout.ts';

// The held-out set is a measurement, not a target: its accuracy goes to evals/reports/tone-heldout.md
// (npm run eval:tone:heldout). These tests keep the set honest and the scoring right.
describe('held-out tone set', () => {
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

  it.skipIf(!sharedDataPresent())('every message comes from the data set it names', () => {
    // build.py drops quoted-reply markers ("> ") from forwarded mail: compare without them
    const squash = (s: string) => s.replace(/[\s>]+/g, '');
    const files = new Map<string, string>();
    for (const e of set) {
      const file = e.source.split('#')[0] as string;
      if (!files.has(file)) files.set(file, squash(readFileSync(`${SHARED_DATA}/${file}`, 'utf8').replace(/""/g, '"')));
      expect(files.get(file)!.includes(squash(e.text.slice(0, 80))), e.id).toBe(true);
    }
  });

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
