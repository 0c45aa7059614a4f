import { describe, expect, it } from 'vitest';
import { citationsFromOutputs } from './citations.ts';

describe('citationsFromOutputs', () => {
  it('collects evidence rows from nested tool outputs, once each, capped', () => {
    const email = { sourceId: 'i1', kind: 'email', date: '2026-06-01T10:00:00Z', quote: 'We need this before Q3' };
    const outputs = [
      { deals: [{ name: 'Acme', evidence: [email, { sourceId: 'i2', kind: 'call', date: null, quote: 'budget is approved' }] }] },
      { evidence: [email] },
      { commit: 12 },
    ];
    expect(citationsFromOutputs(outputs)).toEqual([
      { kind: 'email', id: 'i1', quote: 'We need this before Q3' },
      { kind: 'call', id: 'i2', quote: 'budget is approved' },
    ]);
    const many = { evidence: Array.from({ length: 20 }, (_, i) => ({ sourceId: `s${i}`, kind: 'note', date: null, quote: 'x' })) };
    expect(citationsFromOutputs([many])).toHaveLength(8);
  });
});
