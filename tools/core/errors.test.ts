import { describe, expect, it } from 'vitest';
import { ambiguous, plural } from './errors.ts';

describe('ambiguous matches', () => {
  it('names the record kind in the plural English uses', () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ id: `d${i}`, label: `Deal ${i}` }));
    expect(ambiguous('opportunity', 'expansion', five).message).toBe('"expansion" matches 5 opportunities');
    expect(ambiguous('lead', 'sam lee', five.slice(0, 2)).message).toBe('"sam lee" matches 2 leads');
    expect([plural('account', 2), plural('day', 2), plural('box', 2), plural('campaign', 1)]).toEqual(['accounts', 'days', 'boxes', 'campaign']);
  });
});
