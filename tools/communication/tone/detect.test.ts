import { describe, expect, it } from 'vitest';
import { loadToneExamples, scoreTone, sharedDataPresent, SHARED_DATA } from '../../../evals/tone/dataset.ts';
import { readFileSync } from 'node:fs';
import { readTone } from './detect.ts';
import { leadTone } from './lead-tone.ts';

describe('tone detector', () => {
  it('reads register and length from the writer\'s own text', () => {
    const formal = readTone('Dear Ms. Ruiz,\n\nThank you for your time today. I would appreciate it if you could send the signed order form.\n\nKind regards,\nAnna Rep');
    expect(formal.formality).toBe('formal');
    expect(formal.cues).toContain('a formal sign-off');
    const casual = readTone("hey! cool demo lol. can u send the deck? thx");
    expect(casual).toMatchObject({ formality: 'casual', length: 'short' });
    expect(readTone(Array.from({ length: 80 }, () => 'word').join(' ')).length).toBe('long');
  });

  it('averages over a lead\'s messages, and an override wins', () => {
    const texts = [
      { id: 'a', type: 'email', occurredAt: new Date(0), body: 'yeah sounds good!! gonna check w my boss' },
      { id: 'b', type: 'sms', occurredAt: new Date(0), body: 'ok cool, thx' },
    ];
    expect(leadTone(texts)).toMatchObject({ formality: 'casual', source: 'measured', basedOn: ['a', 'b'] });
    expect(leadTone(texts, 'formal')).toMatchObject({ formality: 'formal', source: 'override' });
    expect(leadTone([])).toMatchObject({ formality: 'formal', source: 'default' });
  });

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
