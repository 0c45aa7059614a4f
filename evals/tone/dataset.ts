import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Formality } from '../../tools/communication/tone/detect.ts';
import { readTone } from '../../tools/communication/tone/detect.ts';

// The labelled tone set (evals/datasets/tone.jsonl, built by tone-provenance/build.py from ../shared/data)
// and the detector's accuracy on it.

export interface ToneExample {
  id: string;
  source: string;
  label: Formality;
  text: string;
}

export const TONE_DATASET = fileURLToPath(new URL('../datasets/tone.jsonl', import.meta.url));
/** where the source texts live; the eval names them, the test skips without them */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));

export function loadToneExamples(path = TONE_DATASET): ToneExample[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ToneExample);
}

export const sharedDataPresent = (): boolean => existsSync(SHARED_DATA);

export interface ToneScore {
  total: number;
  correct: number;
  accuracy: number;
  byLabel: Record<Formality, { total: number; correct: number }>;
  misses: { id: string; label: Formality; got: Formality; score: number; text: string }[];
}

export function scoreTone(examples: readonly ToneExample[]): ToneScore {
  const byLabel: ToneScore['byLabel'] = { formal: { total: 0, correct: 0 }, casual: { total: 0, correct: 0 } };
  const misses: ToneScore['misses'] = [];
  for (const e of examples) {
    const got = readTone(e.text);
    byLabel[e.label].total += 1;
    if (got.formality === e.label) byLabel[e.label].correct += 1;
    else misses.push({ id: e.id, label: e.label, got: got.formality, score: got.score, text: e.text.slice(0, 120) });
  }
  const correct = byLabel.formal.correct + byLabel.casual.correct;
  return { total: examples.length, correct, accuracy: examples.length === 0 ? 0 : correct / examples.length, byLabel, misses };
}
