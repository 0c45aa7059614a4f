import { describe, expect, it } from 'vitest';
import { extractDealTags, normaliseTag, tagFamily } from './tags.ts';

describe('extractDealTags', () => {
  it('reads the same request written several ways as one key', () => {
    expect(extractDealTags('Re: RFQ-1234 pricing')).toEqual(['RFQ-1234']);
    expect(extractDealTags('About RFQ #1234 and rfq 1234 again')).toEqual(['RFQ-1234']);
    expect(extractDealTags('our request for quotation no. 1234')).toEqual(['RFQ-1234']);
  });

  it('reads purchase orders, quotes, RFPs and tenders, in order of mention', () => {
    expect(extractDealTags('PO 5678 covers Quote Q-2291; see RFP 2026-07 and tender #88')).toEqual(['PO-5678', 'QUOTE-2291', 'RFP-2026-07', 'TENDER-88']);
    expect(extractDealTags('P.O. number 5678 / purchase order 5679')).toEqual(['PO-5678', 'PO-5679']);
  });

  it('ignores look-alikes: ids without digits, verbs, lower-case po', () => {
    expect(extractDealTags('Send it to our PO Box, please')).toEqual([]);
    expect(extractDealTags('Can you quote 500 seats for Q3?')).toEqual([]);
    expect(extractDealTags('Ben, please quote RFQ-777 by June 30')).toEqual(['RFQ-777']);
    expect(extractDealTags('the repo 12 and po 55 notes')).toEqual([]);
    expect(extractDealTags('RFQ pending, no number yet')).toEqual([]);
    expect(extractDealTags('')).toEqual([]);
  });

  it('normalises handler tags and names their family', () => {
    expect(normaliseTag('rfq 1234')).toBe('RFQ-1234');
    expect(normaliseTag('opp-77')).toBe('OPP-77');
    expect(tagFamily('RFQ-1234')).toBe('RFQ');
    expect(tagFamily('nothing')).toBeUndefined();
  });
});
