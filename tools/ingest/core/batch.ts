import type { Executor } from '../../../db/client.ts';
import { bulkInsertChunks, type BulkChunk } from '../../../db/repos/ingest-bulk.ts';
import { passagesOf } from '../../../core/text/passages.ts';
import { stripNul } from './text.ts';
import type { CreatedItem, IngestOptions, RawItem, RejectedItem } from './types.ts';

// What the two commit strategies (per-item.ts, bulk.ts) share: the batch bookkeeping, rejections, and
// the chunks of a batch embedded in one call and inserted in few statements.

export interface Pending<P> {
  item: RawItem<P>;
  hash: string;
}

export interface Done {
  created: CreatedItem;
  embedText: string;
  /** precomputed chunks (ItemOutcome.chunks) */
  chunks?: { text: string; embedding: number[] }[] | undefined;
  counts: Record<string, number>;
  undo: (() => void)[];
}

/** a committed batch; undefined from a commit means "the transaction failed: retry item by item" */
export interface BatchResult {
  done: Done[];
  rejected: RejectedItem[];
  unchanged: number;
  chunks: number;
}

/** the reason reported for a failed item: a database error's own message, never the SQL and its parameters */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 500);
  const cause = (error as { cause?: unknown }).cause;
  const message = error.message.startsWith('Failed query') && cause instanceof Error ? cause.message : error.message;
  return message.slice(0, 500);
}

export function rejection<P>(item: RawItem<P>, reason: string): RejectedItem {
  const out: RejectedItem = { position: item.position, reason };
  const externalId = item.externalIds ? Object.values(item.externalIds)[0] : undefined;
  if (externalId) out.externalId = externalId;
  if (item.origin) out.origin = item.origin;
  return out;
}

export function undoAll(done: readonly Done[]): void {
  for (const d of [...done].reverse()) for (const undo of [...d.undo].reverse()) undo();
}

/** chunk, embed (one call) and insert (one statement per 500 rows) the chunks of a batch's items */
export async function writeChunks(tx: Executor, done: Done[], options: IngestOptions): Promise<number> {
  const texts: string[] = [];
  const owners: { d: Done; ordinal: number }[] = [];
  const ready: BulkChunk[] = [];
  for (const d of done) {
    if (d.chunks) {
      d.created.chunks = d.chunks.length;
      d.chunks.forEach((c, ordinal) =>
        ready.push({ sourceItemId: d.created.sourceItemId, interactionId: d.created.interactionId, ordinal, text: c.text, embedding: c.embedding, embeddingModel: options.embedder.model, createdAt: options.now }),
      );
      continue;
    }
    // the same passages the demo seed and `npm run reembed` write, so a fresh import needs no reembed
    const pieces = passagesOf(stripNul(d.embedText));
    d.created.chunks = pieces.length;
    pieces.forEach((text, ordinal) => {
      texts.push(text);
      owners.push({ d, ordinal });
    });
  }
  if (texts.length === 0) {
    await bulkInsertChunks(tx, ready);
    return ready.length;
  }
  const vectors = await options.embedder.embed(texts);
  if (vectors.length !== texts.length) throw new Error(`the embedder returned ${vectors.length} vectors for ${texts.length} texts`);
  const rows: BulkChunk[] = owners.map(({ d, ordinal }, i) => ({
    sourceItemId: d.created.sourceItemId,
    interactionId: d.created.interactionId,
    ordinal,
    text: texts[i]!,
    embedding: vectors[i]!,
    embeddingModel: options.embedder.model,
    createdAt: options.now,
  }));
  await bulkInsertChunks(tx, [...ready, ...rows]);
  return ready.length + rows.length;
}
