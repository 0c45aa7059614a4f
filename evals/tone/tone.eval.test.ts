import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadToneExamples, scoreTone, sharedDataPresent, SHARED_DATA } from './dataset.ts';

// The tone detector (tools/communication/tone) measured on hand-labelled real messages; evals may import
// the product, never the other way round.
describe('tone eval', () => {
  it('is right on at least 90% of the hand-labelled real messages (evals/datasets/tone.jsonl)', () => {
    const examples = loadToneExamples();
    expect(examples.length).toBeGreaterThanOrEqual(40);
    const score = scoreTone(examples);
    expect(score.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(score.byLabel.formal.total).toBeGreaterThan(10);
    expect(score.byLabel.casual.total).toBeGreaterThan(10);
  });

  it.skipIf(!sharedDataPresent())('every labelled snippet comes from the data set it names', () => {
    for (const e of loadToneExamples()) {
      const file = e.source.split('#')[0] as string;
      const squash = (s: string) => s.replace(/\s+/g, '');
      const source = squash(readFileSync(`${SHARED_DATA}/${file}`, 'utf8').replace(/""/g, '"'));
      expect(source.includes(squash(e.text.slice(0, 80))), e.id).toBe(true);
    }
  });
});
