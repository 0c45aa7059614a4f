import { fileURLToPath } from 'node:url';
import type { Formality, Length } from '../../tools/communication/tone/detect.ts';
import { readTone } from '../../tools/communication/tone/detect.ts';
import { loadToneExamples, type ToneExample } from './dataset.ts';

// The held-out tone sets, labelled by hand before the detector ever ran on them. The first
// (tone-heldout.jsonl, tone-heldout-provenance/build.py) was scored once, then its misses were read and it
// became tuning material; the second (tone-heldout2.jsonl, tone-heldout2-provenance/) was built before that
// tuning and is the detector's honest accuracy on unseen real messages.

export interface HeldoutExample extends ToneExample {
  length: Length;
  /** the labeller hesitated over this one */
  unsure: boolean;
}

export const HELDOUT_DATASET = fileURLToPath(new URL('../datasets/tone-heldout.jsonl', import.meta.url));

/** held-out sets by name: "heldout" (the first, now tuning material) and "heldout2" (built before tuning) */
export const HELDOUT_SETS = ['heldout', 'heldout2'] as const;

export function heldoutPath(name: string): string {
  if (!(HELDOUT_SETS as readonly string[]).includes(name)) throw new Error(`set: unknown held-out tone set "${name}" (known: ${HELDOUT_SETS.join(', ')})`);
  return fileURLToPath(new URL(`../datasets/tone-${name}.jsonl`, import.meta.url));
}

export const loadHeldout = (path = HELDOUT_DATASET): HeldoutExample[] => loadToneExamples(path) as HeldoutExample[];

/** confusion[label][read] = how many messages labelled `label` the detector read as `read` */
export type Confusion<L extends string> = Record<L, Record<L, number>>;

export interface HeldoutScore {
  total: number;
  formality: { correct: number; accuracy: number; confusion: Confusion<Formality> };
  length: { correct: number; accuracy: number; confusion: Confusion<Length> };
  /** formality on the labels given without hesitation */
  sure: { total: number; correct: number; accuracy: number };
  misses: { id: string; label: Formality; got: Formality; score: number; cues: string[]; text: string }[];
}

export function scoreHeldout(examples: readonly HeldoutExample[]): HeldoutScore {
  const formality: Confusion<Formality> = { formal: { formal: 0, casual: 0 }, casual: { formal: 0, casual: 0 } };
  const length: Confusion<Length> = { short: { short: 0, long: 0 }, long: { short: 0, long: 0 } };
  const sure = { total: 0, correct: 0, accuracy: 0 };
  const misses: HeldoutScore['misses'] = [];
  for (const e of examples) {
    const got = readTone(e.text);
    formality[e.label][got.formality] += 1;
    length[e.length][got.length] += 1;
    const right = got.formality === e.label;
    if (!e.unsure) {
      sure.total += 1;
      if (right) sure.correct += 1;
    }
    if (!right) misses.push({ id: e.id, label: e.label, got: got.formality, score: got.score, cues: got.cues, text: e.text.slice(0, 140) });
  }
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  const fCorrect = formality.formal.formal + formality.casual.casual;
  const lCorrect = length.short.short + length.long.long;
  sure.accuracy = ratio(sure.correct, sure.total);
  return {
    total: examples.length,
    formality: { correct: fCorrect, accuracy: ratio(fCorrect, examples.length), confusion: formality },
    length: { correct: lCorrect, accuracy: ratio(lCorrect, examples.length), confusion: length },
    sure,
    misses,
  };
}
