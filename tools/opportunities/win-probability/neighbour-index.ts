// Exact cosine kNN in memory, for fitting and for offline backtests (production uses pgvector).
// Vectors are stored sparse (hashed text embeddings are mostly zeros) and deals with identical
// profiles share one group; the ranking for a repeated query key is cached (its top `cacheTop`
// groups), so the many filtered searches of cross-validation and as-of replays reuse it.

export interface IndexedDeal {
  id: string;
  won: boolean;
  vector: readonly number[];
  /** deals with the same key share a vector (same profile text) and are compared once */
  key?: string;
}

export interface FoundDeal {
  id: string;
  similarity: number;
  won: boolean;
}

export interface NeighbourIndex {
  search(vector: readonly number[], k: number, allow?: (id: string) => boolean, cacheKey?: string): FoundDeal[];
  /** the same index restricted to these deals (cheap: rankings are shared, members are filtered once) */
  within(ids: ReadonlySet<string>): NeighbourIndex;
}

interface Group {
  index: Int32Array;
  value: Float64Array;
  members: Array<{ id: string; won: boolean }>;
}

interface Ranking {
  order: Int32Array;
  sims: Float64Array;
  complete: boolean;
}

function groupItems(items: readonly IndexedDeal[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const item of items) {
    const key = item.key ?? item.vector.join(',');
    let group = byKey.get(key);
    if (!group) {
      const norm = Math.hypot(...item.vector) || 1;
      const index: number[] = [];
      const value: number[] = [];
      item.vector.forEach((v, i) => {
        if (v !== 0) {
          index.push(i);
          value.push(v / norm);
        }
      });
      group = { index: Int32Array.from(index), value: Float64Array.from(value), members: [] };
      byKey.set(key, group);
    }
    group.members.push({ id: item.id, won: item.won });
  }
  const groups = [...byKey.values()];
  for (const g of groups) g.members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return groups;
}

export function createNeighbourIndex(items: readonly IndexedDeal[], options: { cacheTop?: number } = {}): NeighbourIndex {
  const cacheTop = options.cacheTop ?? 512;
  const groups = groupItems(items);
  const cache = new Map<string, Ranking>();

  // inverted lists: dimension -> (group, value) pairs, so a query touches only its own non-zeros
  const postings = new Map<number, { group: number[]; value: number[] }>();
  groups.forEach((g, gi) => {
    g.index.forEach((dim, j) => {
      const list = postings.get(dim) ?? { group: [], value: [] };
      list.group.push(gi);
      list.value.push(g.value[j]!);
      postings.set(dim, list);
    });
  });

  const rank = (vector: readonly number[], limit: number): Ranking => {
    const norm = Math.hypot(...vector) || 1;
    const sims = new Float64Array(groups.length);
    vector.forEach((q, dim) => {
      const list = q === 0 ? undefined : postings.get(dim);
      if (!list) return;
      for (let j = 0; j < list.group.length; j++) sims[list.group[j]!]! += (q / norm) * list.value[j]!;
    });
    // keep the groups at or above the limit-th best similarity (a native numeric sort finds it),
    // then order those; ties keep insertion order so results never depend on the sort
    let candidates: number[];
    if (limit < groups.length) {
      const threshold = Float64Array.from(sims).sort()[groups.length - limit]!;
      candidates = [];
      for (let i = 0; i < sims.length; i++) if (sims[i]! >= threshold) candidates.push(i);
    } else {
      candidates = Array.from(sims.keys());
    }
    candidates.sort((a, b) => sims[b]! - sims[a]! || a - b);
    return {
      order: Int32Array.from(candidates),
      sims: Float64Array.from(candidates, (i) => sims[i]!),
      complete: candidates.length === groups.length,
    };
  };

  const view = (members: Group['members'][]): NeighbourIndex => {
    const walk = (ranking: Ranking, k: number, allow: (id: string) => boolean) => {
      const found: FoundDeal[] = [];
      for (let r = 0; r < ranking.order.length && found.length < k; r++) {
        for (const m of members[ranking.order[r]!]!) {
          if (found.length >= k) break;
          if (allow(m.id)) found.push({ id: m.id, won: m.won, similarity: Math.round(ranking.sims[r]! * 1e6) / 1e6 });
        }
      }
      return found;
    };
    return {
      search(vector, k, allow = () => true, cacheKey) {
        let ranking = cacheKey === undefined ? undefined : cache.get(cacheKey);
        if (!ranking) {
          ranking = rank(vector, cacheKey === undefined ? groups.length : cacheTop);
          if (cacheKey !== undefined) cache.set(cacheKey, ranking);
        }
        const found = walk(ranking, k, allow);
        // a narrow filter can exhaust the cached head of the ranking: fall back to a full scan
        if (found.length < k && !ranking.complete) return walk(rank(vector, groups.length), k, allow);
        return found;
      },
      within: (ids) => view(members.map((list) => list.filter((m) => ids.has(m.id)))),
    };
  };
  return view(groups.map((g) => g.members));
}
