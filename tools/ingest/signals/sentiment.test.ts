import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './sentiment.ts';

describe('scoreSentiment', () => {
  it('scores tanh(sum / 2) of the lexicon weights', () => {
    // great = 1.5 -> tanh(0.75) = 0.635
    expect(scoreSentiment('The demo was great.')).toEqual({ label: 'positive', score: 0.635 });
    // frustrated = -2 -> tanh(-1) = -0.762
    expect(scoreSentiment('Dana sounded frustrated.')).toEqual({ label: 'negative', score: -0.762 });
    expect(scoreSentiment('The meeting is at 10am in room 4.')).toEqual({ label: 'neutral', score: 0 });
  });

  it('flips negated words at 0.75 strength', () => {
    // good = 1 -> -0.75 -> tanh(-0.375) = -0.358
    expect(scoreSentiment('That was not good.')).toEqual({ label: 'negative', score: -0.358 });
    // bad = -1.5 -> +1.125 -> tanh(0.5625) = 0.51
    expect(scoreSentiment("Honestly it isn't bad.")).toEqual({ label: 'positive', score: 0.51 });
  });

  it('applies intensifiers and phrases', () => {
    // very x1.5: good 1 -> 1.5 -> tanh(0.75) = 0.635
    expect(scoreSentiment('This is very good.').score).toBe(0.635);
    // "not interested" = -2, "thanks" = 0.75: -1.25 -> tanh(-0.625) = -0.555
    expect(scoreSentiment('Not interested, thanks.')).toEqual({ label: 'negative', score: -0.555 });
  });

  it('weights what follows "but" (x1.5) over what precedes it (x0.5)', () => {
    // nice 1 * 0.5 = 0.5 -> tanh(0.25) = 0.245: neutral, where "The wheels seem nice." alone is 0.462
    expect(scoreSentiment('The wheels seem nice, but they are plain.')).toEqual({ label: 'neutral', score: 0.245 });
    expect(scoreSentiment('The wheels seem nice.')).toEqual({ label: 'positive', score: 0.462 });
    // awesome 2 * 0.5 = 1; "can't afford" -1.5 * 1.5 = -2.25 -> -1.25 -> -0.555
    expect(scoreSentiment("That is awesome but I can't afford to give right now.")).toEqual({ label: 'negative', score: -0.555 });
  });

  it('is neutral on empty text', () => {
    expect(scoreSentiment('')).toEqual({ label: 'neutral', score: 0 });
  });
});
