import { describe, expect, it } from 'vitest';
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
});
