import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';

const texts = (s: string): string[] => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('splits on . ? ! and keeps offsets into the input', () => {
    const input = 'Thanks for the call. Can you send the deck? Great!';
    const spans = splitSentences(input);
    expect(spans.map((s) => s.text)).toEqual(['Thanks for the call.', 'Can you send the deck?', 'Great!']);
    for (const s of spans) expect(input.slice(s.start, s.end)).toBe(s.text);
    expect(spans[1]?.start).toBe(21); // "Thanks for the call." is 20 chars, then one space
  });

  it('does not split after abbreviations, initials, decimals or money', () => {
    expect(texts('We spoke with Acme Inc. about pricing, e.g. the $1.5k setup fee and a 2.7% uplift.')).toHaveLength(1);
    expect(texts('Mr. Kenneth L. Lay, Chairman of Enron Corp. will attend on Oct. 10th at 4pm.')).toHaveLength(1);
    expect(texts('I mailed it to 4303 Pate Rd. #29, College Station.')).toHaveLength(1);
  });

  it('splits on blank lines, bullets and short greeting lines', () => {
    expect(texts('Hi Dana,\nThanks for today.\n\nNext steps:\n- Send the MSA\n- Book the demo')).toEqual([
      'Hi Dana,', 'Thanks for today.', 'Next steps:', '- Send the MSA', '- Book the demo',
    ]);
  });

  it('keeps a hard-wrapped sentence together', () => {
    expect(texts('we need the color printer as soon as possible because the team is\nmoving to the 19th floor next week.')).toHaveLength(1);
  });

  it('handles empty and whitespace-only input', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('  \n\n ')).toEqual([]);
  });
});
