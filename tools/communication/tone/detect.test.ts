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

  it('reads a short, plainly correct line as formal: length alone is no casual cue', () => {
    expect(readTone('Please reschedule.')).toMatchObject({ formality: 'formal', score: 1, cues: ['1 polite or full form(s)'] });
    expect(readTone('Is there a warranty?  If so, how long?')).toMatchObject({ formality: 'formal', score: 0, cues: [] });
  });

  it('scores each chat cue as its weight says (hand-computed)', () => {
    // slang "okay" and ":)" (2 x -2), a speech opener (-2), one proper contraction (-0.5)
    expect(readTone("Well that's okay, I take credit too :)").score).toBe(-6.5);
    // a spoken idiom (-2)
    expect(readTone('Can you throw in a spare tire?')).toMatchObject({ formality: 'casual', score: -2 });
    // no space after a comma (uncorrected typing, -2) and a one-liner left without closing punctuation (-1)
    expect(readTone('Agree,small amounts matter')).toMatchObject({ formality: 'casual', score: -3 });
    // dropped apostrophes count once (-2), plus the open end (-1)
    expect(readTone('Im sure thats fine')).toMatchObject({ score: -3, features: { droppedApostrophes: 2 } });
    // a statement asked as a question is spoken register (-1); a real question after a comma is not
    expect(readTone('I can bring you $1290 right now?')).toMatchObject({ formality: 'casual', score: -1 });
    expect(readTone('I would like ear buds too, can we add that to the deal?').features.statementQuestions).toBe(0);
  });

  it('does not mistake a possessive, a unit or a title in the body for a cue', () => {
    expect(readTone("The children's fund is open.").features.contractions).toBe(0);
    expect(readTone('Gas use: kWh deal must have a fixed price. Call me.').features.lowercaseStarts).toBe(0);
    expect(readTone('I think Fletch has a good CPA.\nI am still doing my own.').features.signatureBlock).toBe(false);
    expect(readTone('Call me.\nBuck Buckner, P.E., MBA\n505-798-6424')).toMatchObject({ score: 2, features: { signatureBlock: true } });
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
