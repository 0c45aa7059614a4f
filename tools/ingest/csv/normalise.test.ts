import { describe, expect, it } from 'vitest';
import { CellError, canonicalProduct, normaliseIndustry, normaliseStage, parseDate, parseInteger, parseMoney, parsePercent } from './normalise.ts';

describe('CSV value normalisers', () => {
  it('maps stage names from Maven, Salesforce and HubSpot, custom names first', () => {
    expect(['Prospecting', 'Engaging', 'Won', 'Lost'].map((s) => normaliseStage(s, {}))).toEqual(['prospecting', 'discovery', 'closed_won', 'closed_lost']);
    expect(['Id. Decision Makers', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'closed_lost'].map((s) => normaliseStage(s, {}))).toEqual(['discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost']);
    expect(normaliseStage('appointmentscheduled', { appointmentscheduled: 'qualification' })).toBe('qualification');
    expect(normaliseStage('  ', {})).toBeNull();
    expect(() => normaliseStage('Maybe Later', {})).toThrow(CellError);
  });

  it('canonicalises product spellings against the catalog and aliases', () => {
    const catalog = new Map([['gtxpro', 'GTX Pro']]);
    expect(['GTXPro', 'gtx-pro', 'GTX  Pro'].map((p) => canonicalProduct(p, {}, catalog))).toEqual(['GTX Pro', 'GTX Pro', 'GTX Pro']);
    expect(canonicalProduct('GTXPro', { GTXPro: 'GTX Pro' }, new Map())).toBe('GTX Pro');
    expect(canonicalProduct('New Thing', {}, catalog)).toBe('New Thing');
  });

  it('corrects an industry typo to the vocabulary, in its spelling, and leaves unknown values alone', () => {
    expect(['technolgy', 'Technolgy', 'retail', 'telecomunications'].map((i) => normaliseIndustry(i, {}))).toEqual(['Technology', 'Technology', 'Retail', 'Telecommunications']);
    expect(normaliseIndustry('Space mining', {})).toBe('Space mining');
    expect(normaliseIndustry('fintech', { fintech: 'Financial Services' })).toBe('Financial Services');
    // short words are not "corrected": "media" vs "medic" is a different word, not a slip
    expect(normaliseIndustry('medic', {})).toBe('medic');
  });

  it('parses money in the usual spellings to minor units', () => {
    expect(parseMoney('1054')).toEqual({ minor: 105400, currency: null });
    expect(parseMoney('$54,000.00')).toEqual({ minor: 5400000, currency: 'USD' });
    expect(parseMoney('1.234,50 €')).toEqual({ minor: 123450, currency: 'EUR' });
    expect(parseMoney('EUR 1,234')).toEqual({ minor: 123400, currency: 'EUR' });
    expect(parseMoney('12,5')).toEqual({ minor: 1250, currency: null });
    expect(parseMoney('(1,200)')).toEqual({ minor: -120000, currency: null });
    // Maven revenue is in millions: 1100.04 -> 1,100,040,000.00
    expect(parseMoney('1100.04', 1_000_000)).toEqual({ minor: 110004000000, currency: null });
    expect(parseMoney('')).toBeNull();
    expect(() => parseMoney('n/a')).toThrow(CellError);
  });

  it('parses ISO and day/month-ordered dates and refuses impossible ones', () => {
    expect(parseDate('2017-03-01', 'mdy')).toBe('2017-03-01');
    expect(parseDate('3/1/2017', 'mdy')).toBe('2017-03-01');
    expect(parseDate('3/1/2017', 'dmy')).toBe('2017-01-03');
    expect(parseDate('2026-06-15T10:00:00Z', 'mdy')).toBe('2026-06-15');
    expect(() => parseDate('2017-02-30', 'mdy')).toThrow('not a date');
    expect(() => parseDate('31/31/2026', 'dmy')).toThrow(CellError);
  });

  it('parses whole numbers and percentages', () => {
    expect(parseInteger('2,822')).toBe(2822);
    expect(() => parseInteger('12.5')).toThrow(CellError);
    expect(parsePercent('40')).toBe(40);
    expect(parsePercent('12.25%')).toBe(12.3);
    expect(() => parsePercent('140')).toThrow(CellError);
  });
});
