import { describe, expect, it } from 'vitest';
import { bestPerRecord, collapseSameText, reciprocalRankFusion } from './fusion.ts';
import { EXACT_SCAN_MAX_CHUNKS, HNSW_EF_SEARCH, vectorPlanFor } from './hybrid-search.ts';

describe('reciprocalRankFusion', () => {
  it('sums 1/(k + rank) over the rankings, hand-computed with k = 1', () => {
    const fused = reciprocalRankFusion([['a', 'b', 'c'], ['c', 'a']], { k: 1 });
    // a: 1/2 + 1/3 = 0.8333; c: 1/4 + 1/2 = 0.75; b: 1/3
    expect(fused.map((f) => f.id)).toEqual(['a', 'c', 'b']);
    expect(fused[0]!.score).toBeCloseTo(5 / 6, 10);
    expect(fused[1]!.score).toBeCloseTo(0.75, 10);
    expect(fused.map((f) => f.ranks)).toEqual([[1, 2], [3, 1], [2, null]]);
  });

  it('weights rankings, counts an id once per ranking and breaks ties by id', () => {
    const fused = reciprocalRankFusion([['x', 'x'], ['y']], { k: 0, weights: [1, 1] });
    expect(fused.map((f) => [f.id, f.score])).toEqual([['x', 1], ['y', 1]]);
    const weighted = reciprocalRankFusion([['x'], ['y']], { k: 0, weights: [1, 2] });
    expect(weighted.map((f) => f.id)).toEqual(['y', 'x']);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});

describe('collapseSameText', () => {
  it('keeps the best of identical passages (case and spacing ignored) and counts the others', () => {
    const items = [
      { id: 1, text: 'Send the SOC 2 report' },
      { id: 2, text: 'Pricing is too high' },
      { id: 3, text: 'send the  SOC 2 report ' },
      { id: 4, text: 'Pilot first' },
      { id: 5, text: 'Send the SOC 2 report' },
    ];
    const groups = collapseSameText(items, (i) => i.text, 2);
    expect(groups.map((g) => [g.first.id, g.members])).toEqual([[1, 3], [2, 1]]);
    expect(groups[0]!.texts).toEqual(['Send the SOC 2 report', 'send the  SOC 2 report ']);
  });
});

describe('vectorPlanFor', () => {
  it('scans exactly up to the threshold or under a narrow filter, uses the index with a wide ef_search above', () => {
    expect(vectorPlanFor(EXACT_SCAN_MAX_CHUNKS, {})).toEqual({ kind: 'exact' });
    expect(vectorPlanFor(EXACT_SCAN_MAX_CHUNKS + 1, {})).toEqual({ kind: 'hnsw', efSearch: HNSW_EF_SEARCH });
    expect(vectorPlanFor(150_000, { types: ['email'] })).toEqual({ kind: 'hnsw', efSearch: HNSW_EF_SEARCH });
    expect(vectorPlanFor(150_000, { opportunityId: '00000000-0000-4000-8000-000000000000' })).toEqual({ kind: 'exact' });
  });
});

describe('bestPerRecord', () => {
  it('keeps the best-ranked passage of each record, in rank order; an unlinked passage stands alone', () => {
    const hit = (id: string, interactionId: string | null, sourceItemId: string | null = null) => ({ id, interactionId, sourceItemId });
    const ranked = [hit('p1', 'mail-a'), hit('p2', 'mail-b'), hit('p3', 'mail-a'), hit('p4', null, 'file-x'), hit('p5', null, 'file-x'), hit('p6', null), hit('p7', null)];
    expect(bestPerRecord(ranked).map((h) => h.id)).toEqual(['p1', 'p2', 'p4', 'p6', 'p7']);
  });
});
