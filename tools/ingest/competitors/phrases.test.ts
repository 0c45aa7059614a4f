import { describe, expect, it } from 'vitest';
import { candidatesOf } from './candidates.ts';
import { competitorPhrases } from './phrases.ts';

// Issue 16, point 4: competitors not on any list, read from how people name them.

describe('competitor phrases', () => {
  it('reads "X quoted us $45" with its price', () => {
    expect(competitorPhrases('We are aiming for about $42 per unit. Sensortec quoted us $45 per unit last week.')).toEqual([
      { name: 'Sensortec', phrase: 'quoted', quote: 'Sensortec quoted us $45 per unit last week', price: { amountMinor: 4500, currency: 'USD' } },
    ]);
  });
  it('reads "also talking to", "going with" and "evaluating", multi-word names included', () => {
    const hits = competitorPhrases("We're also talking to Rollwerk about it. If it slips we're going with Volt Core Systems. We are evaluating ScanPoint too.");
    expect(hits.map((h) => [h.name, h.phrase])).toEqual([['Rollwerk', 'talking to'], ['Volt Core Systems', 'going with'], ['ScanPoint', 'considering']]);
  });
  it('ignores pronouns and plain verbs', () => {
    expect(competitorPhrases('We quoted them last week. I am talking to the team. They quoted $10.')).toEqual([]);
  });
  it('lists one candidate per name, leaves out confirmed ones and the account itself', () => {
    const deal = {
      dealId: 'd', accountName: 'Koepp Inc.', competitors: ['Trackon'],
      interactions: [
        { sourceItemId: 's1', occurredAt: '2026-06-01T00:00:00Z', body: 'Sensortec quoted us $45. Trackon quoted $50.' },
        { sourceItemId: 's2', occurredAt: '2026-06-03T00:00:00Z', body: "We're also talking to Sensortec. Koepp quoted internally." },
      ],
    };
    expect(candidatesOf(deal)).toEqual([{ name: 'Sensortec', phrase: 'talking to', quote: 'also talking to Sensortec', price: { amountMinor: 4500, currency: 'USD' }, sourceItemId: 's2', at: '2026-06-03T00:00:00.000Z' }]);
  });
});
