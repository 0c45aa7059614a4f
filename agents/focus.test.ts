import { describe, expect, it } from 'vitest';
import { FOCUS_CAP, focusFromToolCall, mergeFocus } from './focus.ts';

describe('focusFromToolCall', () => {
  it('takes flat id/name pairs from a change', () => {
    expect(focusFromToolCall('opportunity_set_stage', { opportunityId: 'o1', opportunity: 'Acme renewal', from: 'proposal', to: 'negotiation' })).toEqual([
      { kind: 'opportunity', id: 'o1', name: 'Acme renewal' },
    ]);
  });

  it('takes the record of a get and the nested account, owner and deals', () => {
    const output = {
      lead: { id: 'l1', fullName: 'Dana Kim', account: { id: 'a1', name: 'Acme' } },
      owner: { id: 'u1', name: 'Rita Rep', email: 'r@x' },
      opportunities: [{ id: 'o1', name: 'Data Connect' }],
    };
    expect(focusFromToolCall('lead_get', output)).toEqual([
      { kind: 'lead', id: 'l1', name: 'Dana Kim' },
      { kind: 'account', id: 'a1', name: 'Acme' },
      { kind: 'user', id: 'u1', name: 'Rita Rep' },
      { kind: 'opportunity', id: 'o1', name: 'Data Connect' },
    ]);
  });

  it('uses the tool name for the items of a short search, and ignores long lists', () => {
    expect(focusFromToolCall('lead_search', { items: [{ id: 'l2', fullName: 'Sam Lee' }] })).toEqual([{ kind: 'lead', id: 'l2', name: 'Sam Lee' }]);
    const many = Array.from({ length: 8 }, (_, i) => ({ id: `o${i}`, name: `Deal ${i}` }));
    expect(focusFromToolCall('opportunity_search', { items: many })).toEqual([]);
  });

  it('finds nothing in figures', () => {
    expect(focusFromToolCall('forecast', { commit: 120000, best: 150000 })).toEqual([]);
  });
});

describe('mergeFocus', () => {
  it('puts the newest first, dedupes and caps', () => {
    const old = Array.from({ length: FOCUS_CAP }, (_, i) => ({ kind: 'lead' as const, id: `l${i}`, name: `Lead ${i}` }));
    const merged = mergeFocus(old, [{ kind: 'lead', id: 'l5', name: 'Lead 5' }, { kind: 'account', id: 'a1', name: 'Acme' }]);
    expect(merged).toHaveLength(FOCUS_CAP);
    expect(merged.slice(0, 3).map((e) => e.id)).toEqual(['l5', 'a1', 'l0']);
    expect(merged.filter((e) => e.id === 'l5')).toHaveLength(1);
  });
});
