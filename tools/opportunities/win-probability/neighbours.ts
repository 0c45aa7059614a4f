import { embedLocalOne } from '../../../core/embeddings/local.ts';
import { createNeighbourIndex, type NeighbourIndex } from './neighbour-index.ts';
import { dealProfileText, type ClosedDeal, type DealFacts } from './profile.ts';

// "Deals like this one": the k most similar closed deals by cosine over deal-profile embeddings.
// Production finds them with pgvector; fitting and the backtests use the exact in-memory index
// below over the training deals only. Either way the model only sees { id, similarity, won }.

export interface Neighbour {
  id: string;
  similarity: number;
  won: boolean;
}

/** Finds up to k closed deals most similar to `deal`, among those `allow` accepts. */
export type NeighbourSearch = (deal: DealFacts, k: number, allow: (id: string) => boolean) => Neighbour[];

export interface NeighbourEvidence {
  /** similarity-weighted win rate, shrunk toward the prior */
  rate: number;
  /** how many neighbours contributed, and their total weight */
  count: number;
  weight: number;
}

/**
 * Weighted win rate of the neighbours, each weighted by similarity squared (near-identical deals
 * count most), pulled toward `prior` as if `shrinkage` extra weight sat at the prior: few or
 * weakly similar neighbours leave the prior nearly untouched.
 */
export function neighbourEvidence(neighbours: readonly Neighbour[], prior: number, shrinkage: number): NeighbourEvidence {
  let weight = 0;
  let wins = 0;
  for (const n of neighbours) {
    const w = Math.max(0, n.similarity) ** 2;
    weight += w;
    if (n.won) wins += w;
  }
  return { rate: (wins + shrinkage * prior) / (weight + shrinkage), count: neighbours.length, weight };
}

export interface MemorySearchOptions {
  /** text -> vector; default the local hashed embedder (what the store uses without an API key) */
  embed?: (text: string) => number[];
  /** stored embeddings by deal id, used instead of embedding the history again */
  vectors?: ReadonlyMap<string, readonly number[]>;
  cacheTop?: number;
}

/** A NeighbourSearch whose pool can be narrowed, e.g. to the deals closed before an as-of date. */
export type MemoryNeighbourSearch = NeighbourSearch & { within(ids: ReadonlySet<string>): MemoryNeighbourSearch };

/** A NeighbourSearch over closed deals held in memory, embedding profiles with dealProfileText. */
export function memoryNeighbourSearch(history: readonly ClosedDeal[], options: MemorySearchOptions = {}): MemoryNeighbourSearch {
  const embed = options.embed ?? ((text: string) => embedLocalOne(text));
  const vectorsByText = new Map<string, number[]>();
  const embedText = (text: string) => {
    let v = vectorsByText.get(text);
    if (!v) {
      v = embed(text);
      vectorsByText.set(text, v);
    }
    return v;
  };
  const wrap = (index: NeighbourIndex): MemoryNeighbourSearch => {
    const search: NeighbourSearch = (deal, k, allow) => {
      const text = dealProfileText(deal);
      return index.search(embedText(text), k, allow, text);
    };
    return Object.assign(search, { within: (ids: ReadonlySet<string>) => wrap(index.within(ids)) });
  };
  return wrap(
    createNeighbourIndex(
      history.map((deal) => {
        const stored = options.vectors?.get(deal.id);
        const text = dealProfileText(deal);
        return stored ? { id: deal.id, won: deal.won, vector: stored } : { id: deal.id, won: deal.won, vector: embedText(text), key: text };
      }),
      { cacheTop: options.cacheTop },
    ),
  );
}
