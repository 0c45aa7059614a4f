import { describe, expect, it } from 'vitest';
import { SALES_SYNONYM_GROUPS, salesSynonyms } from './sales-synonyms.ts';

describe('salesSynonyms', () => {
  it('brings the rest of the group of each word, plurals folded, own words left out', () => {
    const found = salesSynonyms('who pushed back on costs');
    expect(found).toEqual(SALES_SYNONYM_GROUPS[0]!.filter((w) => w !== 'cost'));
    expect(found).toContain('price');
  });

  it('unions the groups of several words and finds nothing for words outside every group', () => {
    const found = salesSynonyms('legal review of the pilot');
    expect(found).toContain('msa');
    expect(found).toContain('trial');
    expect(found).not.toContain('legal');
    expect(salesSynonyms('the weather in Lisbon')).toEqual([]);
  });
});
