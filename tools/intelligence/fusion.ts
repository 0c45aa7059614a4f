// Pure pieces of hybrid search: reciprocal rank fusion, one passage per record, collapsing identical passages. No database here.

/** RRF's k: 60 is the value of Cormack et al. (2009); it damps the difference between rank 1 and rank 2. */
export const RRF_K = 60;

export interface Fused {
  id: string;
  score: number;
  /** 1-based rank in each input ranking, null where the id is absent */
  ranks: (number | null)[];
}

/** Reciprocal rank fusion: score = sum over rankings of weight / (k + rank). Ties go to the smaller id. */
export function reciprocalRankFusion(rankings: readonly (readonly string[])[], options: { k?: number; weights?: readonly number[] } = {}): Fused[] {
  const k = options.k ?? RRF_K;
  const byId = new Map<string, Fused>();
  rankings.forEach((ranking, r) => {
    const weight = options.weights?.[r] ?? 1;
    ranking.forEach((id, i) => {
      let entry = byId.get(id);
      if (!entry) {
        entry = { id, score: 0, ranks: rankings.map(() => null) };
        byId.set(id, entry);
      }
      if (entry.ranks[r] !== null) return; // a ranking naming an id twice counts it once, at its best rank
      entry.ranks[r] = i + 1;
      entry.score += weight / (k + i + 1);
    });
  });
  return [...byId.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The form under which two passages count as the same: case and runs of whitespace ignored. */
export const sameTextKey = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

export interface Collapsed<T> {
  first: T;
  /** every member's text, the first's included (for counting all copies in the store) */
  texts: string[];
  members: number;
}

/** Groups items with the same text, in the order of each group's best item; keeps the first `limit` groups. */
export function collapseSameText<T>(items: readonly T[], textOf: (item: T) => string, limit: number): Collapsed<T>[] {
  const groups = new Map<string, Collapsed<T>>();
  for (const item of items) {
    const key = sameTextKey(textOf(item));
    const group = groups.get(key);
    if (group) {
      group.members += 1;
      if (!group.texts.includes(textOf(item))) group.texts.push(textOf(item));
    } else {
      if (groups.size >= limit) continue;
      groups.set(key, { first: item, texts: [textOf(item)], members: 1 });
    }
  }
  return [...groups.values()];
}

/** A record's passages are alternatives: its best-ranked one stands for it (a passage with no link stands alone). */
export function bestPerRecord<T extends { id: string; interactionId: string | null; sourceItemId: string | null }>(ranked: readonly T[]): T[] {
  const seen = new Set<string>();
  return ranked.filter((h) => {
    const record = h.interactionId ?? h.sourceItemId ?? h.id;
    if (seen.has(record)) return false;
    seen.add(record);
    return true;
  });
}
