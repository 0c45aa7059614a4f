import { randomUUID } from 'node:crypto';
import type { Executor } from '../../../db/client.ts';
import { bulkInsertSourceItems } from '../../../db/repos/ingest-bulk.ts';
import { rejection, reasonOf, undoAll, writeChunks, type BatchResult, type Done, type Pending } from './batch.ts';
import { sourceItemRow } from './source-row.ts';
import type { BulkHandler, IngestOptions, PreparedItem } from './types.ts';

// BulkHandler batches: every item is prepared (planned, no writes) first; then one transaction inserts
// the batch's source items in one statement, lets the handler write its rows set-based, and inserts
// the chunks. Atomicity per item holds because nothing is written for an item that failed to prepare,
// and the rest commit or roll back together (a failed batch is retried one item per transaction).

class ConcurrentImport extends Error {
  constructor() {
    super('another import stored some of these items meanwhile');
  }
}

export async function commitBulk<P, R>(db: Executor, batch: Pending<P>[], handler: BulkHandler<P, R>, options: IngestOptions): Promise<BatchResult | undefined> {
  const result: BatchResult = { done: [], rejected: [], unchanged: 0, chunks: 0 };
  const planned: (PreparedItem<P, R> & { hash: string })[] = [];
  const base = { db, now: options.now, scope: options.scope, actor: options.actor, embedder: options.embedder, log: options.log };
  await handler.prefetch?.(batch.map((b) => b.item), base);
  for (const { item, hash } of batch) {
    const undo: (() => void)[] = [];
    const sourceItemId = randomUUID();
    try {
      const prepared = await handler.prepare(item, { ...base, sourceItemId, contentHash: hash, onRollback: (fn) => undo.push(fn) });
      planned.push({ item, sourceItemId, value: prepared.value, hash });
      const done: Done = {
        created: { position: item.position, sourceItemId, interactionId: prepared.interactionId ?? null, title: item.title ?? null, occurredAt: item.occurredAt ?? null, chunks: 0 },
        embedText: prepared.embedText ?? item.text ?? item.rawText,
        chunks: prepared.chunks,
        counts: prepared.counts ?? {},
        undo,
      };
      result.done.push(done);
    } catch (error) {
      for (const fn of undo.reverse()) fn();
      result.rejected.push(rejection(item, reasonOf(error)));
    }
  }
  if (planned.length === 0) return result;
  try {
    await db.transaction(async (tx) => {
      const inserted = await bulkInsertSourceItems(tx, planned.map((p) => sourceItemRow(p.item, p.hash, options.now, p.sourceItemId)));
      if (inserted.size !== planned.length) throw new ConcurrentImport();
      await handler.write(tx, planned, { now: options.now, scope: options.scope, log: options.log });
      result.chunks = await writeChunks(tx, result.done, options);
    });
    return result;
  } catch (error) {
    undoAll(result.done);
    if (batch.length > 1) return undefined;
    if (error instanceof ConcurrentImport) return { done: [], rejected: [], unchanged: 1, chunks: 0 };
    return { done: [], rejected: [rejection(batch[0]!.item, reasonOf(error))], unchanged: 0, chunks: 0 };
  }
}
