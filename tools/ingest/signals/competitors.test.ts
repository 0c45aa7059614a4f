import { describe, expect, it } from 'vitest';
import { extractCompetitors } from './competitors.ts';

const known = ['Closewell', 'Quotient CRM', 'SalesSphere'];

describe('extractCompetitors', () => {
  it('matches known names case-insensitively and returns the canonical spelling with the exact text', () => {
    const hits = extractCompetitors('We looked at closewell and QUOTIENT  CRM last year.', known);
    expect(hits.map((h) => [h.name, h.text, h.start])).toEqual([['Closewell', 'closewell', 13], ['Quotient CRM', 'QUOTIENT  CRM', 27]]);
  });

  it('does not match inside other words and needs a list', () => {
    expect(extractCompetitors('Closewellness and SalesSpheres are not names.', known)).toEqual([]);
    expect(extractCompetitors('Closewell', undefined)).toEqual([]);
    expect(extractCompetitors('Closewell', [' ', ''])).toEqual([]);
  });
});
