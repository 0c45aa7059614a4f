import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import type { Scope } from './scope.ts';
import { visibleChunks, type ChunkFilters } from './semantic.ts';

// The two rankings hybrid search fuses: nearest vectors and full-text matches, each over the chunks the caller
// may see. Only ids and scores leave here; details are fetched once for the fused winners (semantic.ts).

export interface RankedChunk {
  id: string;
  score: number;
}

/** How the vector ranking is served: an exact scan, or the HNSW index searched `efSearch` wide. */
export type VectorPlan = { kind: 'exact' } | { kind: 'hnsw'; efSearch: number };

interface RankOptions {
  model: string;
  depth: number;
  filters?: ChunkFilters;
  asOf?: Date;
}

/** Rows in chunks: the planner's estimate when the table has been analysed, else a count. */
export async function chunkTableSize(ex: Executor): Promise<number> {
  const [estimate] = await rows<{ n: number }>(ex, sql`select reltuples::float8 as n from pg_class where oid = 'chunks'::regclass`);
  if (estimate && Number(estimate.n) >= 0) return Number(estimate.n);
  const [counted] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from chunks`);
  return counted?.n ?? 0;
}

/** The `depth` chunks nearest to `embedding` by cosine distance (score = distance, smallest first). */
export async function vectorRanking(ex: Executor, scope: Scope, embedding: number[], plan: VectorPlan, o: RankOptions): Promise<RankedChunk[]> {
  const vector = `[${embedding.join(',')}]`;
  if (plan.kind === 'exact') {
    // "+ 0" makes the sort key an expression the index cannot serve, forcing the exact scan
    const distance = sql`(c.embedding <=> ${vector}::vector) + 0`;
    return rows<RankedChunk>(
      ex,
      sql`select c.id, (${distance})::float8 as score ${visibleChunks(scope, o.model, o.filters, o.asOf)} order by ${distance}, c.id limit ${o.depth}`,
    );
  }
  // Settings local to a transaction, so a pooled connection never keeps them. The iterative scan (pgvector
  // 0.8) keeps walking the graph when scope or filters reject candidates, instead of coming back short;
  // strict order, because LIMIT takes the first rows of the stream and a relaxed stream's first rows need not be the nearest.
  return ex.transaction(async (tx) => {
    await tx.execute(sql`select set_config('hnsw.ef_search', ${String(plan.efSearch)}, true), set_config('hnsw.iterative_scan', 'strict_order', true)`);
    const found = await rows<RankedChunk>(
      tx,
      sql`select c.id, (c.embedding <=> ${vector}::vector)::float8 as score ${visibleChunks(scope, o.model, o.filters, o.asOf)}
          order by c.embedding <=> ${vector}::vector limit ${o.depth}`,
    );
    return found.sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1));
  });
}

export interface QueryTerm {
  lexeme: string;
  /** chunks of the model containing it */
  df: number;
}

/** The query's stemmed words (english config: stop words dropped) with their document frequencies. */
export async function queryTerms(ex: Executor, query: string, model: string): Promise<{ terms: QueryTerm[]; total: number }> {
  const found = await rows<QueryTerm & { total: number }>(
    ex,
    sql`with q as (select distinct unnest(tsvector_to_array(to_tsvector('english', ${query}))) as lexeme)
        select q.lexeme, (select count(*) from chunks c where c.search_text @@ plainto_tsquery('simple', q.lexeme) and c.embedding_model = ${model})::int as df,
               (select count(*) from chunks c where c.embedding_model = ${model})::int as total
        from q order by q.lexeme`,
  );
  return { terms: found.map(({ lexeme, df }) => ({ lexeme, df })), total: found[0]?.total ?? 0 };
}

/** The lexemes (english config) of each of these words, with document frequencies; words that stem to nothing are left out. */
export async function wordTerms(ex: Executor, words: string[], model: string): Promise<(QueryTerm & { word: string })[]> {
  if (words.length === 0) return [];
  const list = sql.join(words.map((w) => sql`(${w})`), sql`, `);
  return rows<QueryTerm & { word: string }>(
    ex,
    sql`with q as (select distinct w.word, unnest(tsvector_to_array(to_tsvector('english', w.word))) as lexeme from (values ${list}) as w(word))
        select q.word, q.lexeme, (select count(*) from chunks c where c.search_text @@ plainto_tsquery('simple', q.lexeme) and c.embedding_model = ${model})::int as df
        from q order by q.word, q.lexeme`,
  );
}

/** BM25's idf: rare words weigh more than common ones, never below zero. */
export const idf = (df: number, total: number) => Math.log((total - df + 0.5) / (df + 0.5) + 1);

/**
 * Full-text ranking: chunks matching any of the weighted terms, scored by the sum of the weights of the terms
 * they contain (an idf-weighted match, which Postgres's ts_rank lacks), slightly discounted by length.
 */
export async function textRanking(ex: Executor, scope: Scope, terms: { lexeme: string; weight: number }[], o: RankOptions): Promise<RankedChunk[]> {
  const usable = terms.filter((t) => t.weight > 0 && /^[\p{L}\p{N}]+$/u.test(t.lexeme));
  if (usable.length === 0) return [];
  const any = usable.map((t) => t.lexeme).join(' | ');
  const score: SQL = sql.join(
    usable.map((t) => sql`(case when c.search_text @@ plainto_tsquery('simple', ${t.lexeme}) then ${t.weight}::float8 else 0 end)`),
    sql` + `,
  );
  return rows<RankedChunk>(
    ex,
    sql`select c.id, ((${score}) / (1 + ln(1 + length(c.search_text)) / 10))::float8 as score
        ${visibleChunks(scope, o.model, o.filters, o.asOf)} and c.search_text @@ to_tsquery('simple', ${any})
        order by score desc, c.id limit ${o.depth}`,
  );
}

/** How many visible chunks carry each of these exact texts (templated mail, forwarded copies). */
export async function sameTextCounts(ex: Executor, scope: Scope, texts: string[], o: Omit<RankOptions, 'depth'>): Promise<Map<string, number>> {
  if (texts.length === 0) return new Map();
  const found = await rows<{ text: string; n: number }>(
    ex,
    sql`select c.text, count(*)::int as n ${visibleChunks(scope, o.model, o.filters, o.asOf)}
        and c.text in (${sql.join(texts.map((t) => sql`${t}`), sql`, `)}) group by c.text`,
  );
  return new Map(found.map((r) => [r.text, r.n]));
}
