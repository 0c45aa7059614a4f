import { describe, expect, it } from 'vitest';
import { extractSignals } from './extract.ts';

const now = new Date('2026-06-15T12:00:00Z');
const pct = (text: string) => {
  const s = extractSignals(text, { now });
  return { margins: s.margins.map((m) => m.percent), discounts: s.discounts.map((d) => d.percent) };
};

describe('margins and discounts', () => {
  it('reads discounts', () => {
    expect(pct('We can offer 15% off if you sign by August 3.')).toEqual({ margins: [], discounts: [15] });
    expect(pct('Deal desk approved up to 18% discount.').discounts).toEqual([18]);
    expect(pct('Save up to 50% today, or take a discount of 12.5 percent.').discounts).toEqual([50, 12.5]);
  });

  it('reads margins', () => {
    expect(pct('Gross margin of 30% on services, 45% margin on licences.').margins).toEqual([30, 45]);
    expect(pct("it's gonna be fifty percent profit").margins).toEqual([50]);
  });

  it('ignores percentages that are neither', () => {
    expect(pct('The loan is 75% of appraised value at a 10% annual interest rate; Vastar owns 68 % of it.')).toEqual({ margins: [], discounts: [] });
    expect(pct('a 50% interest in the profits of the project')).toEqual({ margins: [], discounts: [] });
  });
});
