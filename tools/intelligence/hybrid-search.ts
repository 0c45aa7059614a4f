import type { Executor } from '../../db/client.ts';
import type { Scope } from '../../db/repos/scope.ts';
import { relatedWords } from '../../core/embeddings/related-words.ts';
import { salesConcepts } from '../../core/text/sales-concepts.ts';
import { salesSynonyms } from '../../core/text/sales-synonyms.ts';
import { chunkTableSize, idf, queryTerms, sameTextCounts, textRanking, vectorRanking, wordTerms, type VectorPlan } from '../../db/repos/semantic-rank.ts';
import { chunkDetails, narrowFilters, type ChunkFilters, type ScopedChunkHit } from '../../db/repos/semantic.ts';
import { bestPerRecord, collapseSameText, reciprocalRankFusion } from './fusion.ts';

// Hybrid retrieval: the vector ranking and the full-text ranking, each over what the caller may see, fused by
// reciprocal rank; identical passages come back once with how many visible passages say the same.

export const SEARCH_MODES = ['hybrid', 'vector', 'text'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

/**
 * Up to this many chunks the exact scan is fast enough (measured: 15k chunks 20-45 ms in PGlite) and exact;
 * above it the HNSW index serves the vector ranking. A deal, lead or account filter keeps the scan exact at
 * any size: it keeps a small slice, which an index walk would have to dig for.
 */
export const EXACT_SCAN_MAX_CHUNKS = 40_000;
/** ef_search for index queries, chosen by measured recall@10 against exact on real queries (evals/search). */
export const HNSW_EF_SEARCH = 400;
/** Words in more than this share of passages say nothing about the topic ("customer", "team"). */
const COMMON_SHARE = 0.2;
/** A related word (query expansion) weighs this share of its idf times its similarity: less than the asked word. */
export const EXPANSION_WEIGHT = 0.5;
/** A sales synonym (core/text/sales-synonyms) weighs this share of its idf: a hand-made equivalence, trusted more than a related word. */
export const SYNONYM_WEIGHT = 0.7;
/**
 * A word of the question's sales concept (core/text/sales-concepts) weighs this share of its idf times its weight
 * in the concept: passages about the concept rank up however the question was worded. The validation dev questions
 * gave full-text P@5 0.59 at 0.3, 0.60 at 0.5, 0.54 at 0.7, 0.45 at 1, 0.39 at 2.
 */
export const CONCEPT_WEIGHT = 0.5;
/** The vector ranking's weight in reciprocal rank fusion against the full-text ranking's 1: the validation dev questions gave P@5 0.61 at 0.25, 0.59 at 0.5, 0.41 at 1 (lexical embedder). */
export const VECTOR_FUSION_WEIGHT = 0.25;

export function vectorPlanFor(tableSize: number, filters: ChunkFilters, efSearch = HNSW_EF_SEARCH): VectorPlan {
  return tableSize <= EXACT_SCAN_MAX_CHUNKS || narrowFilters(filters) ? { kind: 'exact' } : { kind: 'hnsw', efSearch };
}

export interface SearchRequest {
  query: string;
  embedding: number[];
  model: string;
  limit: number;
  mode?: SearchMode;
  filters?: ChunkFilters;
  asOf?: Date;
  /** add words related to the question's (offline word vectors) to the full-text ranking; default true */
  expand?: boolean;
  /** add the question's sales synonyms (pricing/cost/discount...) to the full-text ranking; default true */
  synonyms?: boolean;
  /** add the words of the question's sales concept (price, security, pilot...) to the full-text ranking; default true */
  concepts?: boolean;
  /** the concept words' share of their idf (default CONCEPT_WEIGHT; evals sweep it) */
  conceptWeight?: number;
  /** the vector ranking's weight in the fusion, the full-text ranking's being 1 (default VECTOR_FUSION_WEIGHT) */
  vectorWeight?: number;
  /** force a plan (evals compare exact and index) */
  plan?: VectorPlan;
}

export interface SearchHit extends ScopedChunkHit {
  /** 1-based rank in the vector and full-text rankings, null where absent */
  vectorRank: number | null;
  textRank: number | null;
  /** visible passages with exactly this text, this one included */
  sameText: number;
}

export async function searchPassages(db: Executor, scope: Scope, req: SearchRequest): Promise<SearchHit[]> {
  const mode = req.mode ?? 'hybrid';
  const filters = req.filters ?? {};
  const depth = Math.max(50, req.limit * 5);
  const common = { model: req.model, depth, filters, ...(req.asOf ? { asOf: req.asOf } : {}) };
  const byVector =
    mode === 'text' ? [] : await vectorRanking(db, scope, req.embedding, req.plan ?? vectorPlanFor(await chunkTableSize(db), filters), common);
  let byText: { id: string }[] = [];
  if (mode !== 'vector') {
    const { terms, total } = await queryTerms(db, req.query, req.model);
    const informative = terms.filter((t) => t.df <= total * COMMON_SHARE);
    const weights = new Map((informative.length > 0 ? informative : terms).map((t) => [t.lexeme, idf(t.df, total)]));
    // the three expansions' words, their document frequencies looked up in one query
    const synonymWords = new Set(req.synonyms ?? true ? salesSynonyms(req.query) : []);
    const concept = new Map((req.concepts ?? true ? salesConcepts().conceptTerms(req.query) : []).map((t) => [t.word, t.weight]));
    const related = new Map((req.expand ?? true ? relatedWords(req.query) : []).map((r) => [r.word, r.similarity]));
    const found = (await wordTerms(db, [...new Set([...synonymWords, ...concept.keys(), ...related.keys()])], req.model)).filter((t) => t.df <= total * COMMON_SHARE);
    for (const t of found) {
      if (synonymWords.has(t.word) && !weights.has(t.lexeme)) weights.set(t.lexeme, SYNONYM_WEIGHT * idf(t.df, total));
    }
    for (const t of found) {
      // a concept word may outweigh the same word asked or implied: it is what passages on the concept say
      const w = (req.conceptWeight ?? CONCEPT_WEIGHT) * (concept.get(t.word) ?? 0) * idf(t.df, total);
      if (w > (weights.get(t.lexeme) ?? 0)) weights.set(t.lexeme, w);
    }
    const expandedBefore = new Set(weights.keys());
    for (const t of found) {
      if (!related.has(t.word) || expandedBefore.has(t.lexeme)) continue;
      weights.set(t.lexeme, Math.max(weights.get(t.lexeme) ?? 0, EXPANSION_WEIGHT * related.get(t.word)! * idf(t.df, total)));
    }
    byText = await textRanking(db, scope, [...weights].map(([lexeme, weight]) => ({ lexeme, weight })), common);
  }
  const fused = reciprocalRankFusion([byVector.map((r) => r.id), byText.map((r) => r.id)], { weights: [req.vectorWeight ?? VECTOR_FUSION_WEIGHT, 1] });
  // enough candidates that keeping one passage per record and collapsing copies still leaves `limit` hits
  const pool = fused.slice(0, req.limit * 8);
  const details = new Map((await chunkDetails(db, scope, pool.map((f) => f.id), req.embedding, common)).map((d) => [d.id, d]));
  const ordered = pool.flatMap((f) => {
    const detail = details.get(f.id);
    return detail ? [{ ...detail, vectorRank: f.ranks[0] ?? null, textRank: f.ranks[1] ?? null }] : [];
  });
  const groups = collapseSameText(bestPerRecord(ordered), (h) => h.text, req.limit);
  const counts = await sameTextCounts(db, scope, groups.flatMap((g) => g.texts), common);
  return groups.map((g) => ({ ...g.first, sameText: Math.max(g.members, g.texts.reduce((n, t) => n + (counts.get(t) ?? 0), 0)) }));
}
