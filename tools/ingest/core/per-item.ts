import { randomUUID } from 'node:crypto';
import type { Executor } from '../../../db/client.ts';
import { insertSourceItem } from '../../../db/repos/ingest-sources.ts';
import { rejection, reasonOf, undoAll, writeChunks, type BatchResult, type Done, type Pending } from './batch.ts';
import { sourceItemRow } from './source-row.ts';
import type { IngestOptions, ItemHandler, RejectedItem } from './types.ts';

// ItemHandler batches: one transaction, one savepoint per item (source item + the handler's writes),
// then the batch's chunks. A handler error rolls back its savepoint only.

class AlreadyStored extends Error {}

export async function commitPerItem<P>(db: Executor, batch: Pending<P>[], handler: ItemHandler<P>, options: IngestOptions): Promise<BatchResult | undefined> {
  const result: BatchResult = { done: [], rejected: [], unchanged: 0, chunks: 0 };
  try {
    await db.transaction(async (tx) => {
      for (const pending of batch) {
        const one = await runItem(tx, pending, handler, options);
        if (one === 'unchanged') result.unchanged++;
        else if ('reason' in one) result.rejected.push(one);
        else result.done.push(one);
      }
      result.chunks = await writeChunks(tx, result.done, options);
    });
    return result;
  } catch (error) {
    undoAll(result.done);
    if (batch.length > 1) return undefined;
    return { done: [], rejected: [rejection(batch[0]!.item, reasonOf(error))], unchanged: 0, chunks: 0 };
  }
}

async function runItem<P>(tx: Executor, { item, hash }: Pending<P>, handler: ItemHandler<P>, options: IngestOptions): Promise<Done | 'unchanged' | RejectedItem> {
  const undo: (() => void)[] = [];
  try {
    return await tx.transaction(async (sp) => {
      const sourceItemId = await insertSourceItem(sp, sourceItemRow(item, hash, options.now, randomUUID()));
      if (!sourceItemId) throw new AlreadyStored();
      const outcome =
        (await handler(item, {
          tx: sp,
          sourceItemId,
          contentHash: hash,
          now: options.now,
          scope: options.scope,
          actor: options.actor,
          embedder: options.embedder,
          log: options.log,
          onRollback: (fn) => undo.push(fn),
        })) ?? {};
      return {
        created: { position: item.position, sourceItemId, interactionId: outcome.interactionId ?? null, title: item.title ?? null, occurredAt: item.occurredAt ?? null, chunks: 0 },
        embedText: outcome.embedText ?? item.text ?? item.rawText,
        chunks: outcome.chunks,
        counts: outcome.counts ?? {},
        undo,
      };
    });
  } catch (error) {
    for (const fn of undo.reverse()) fn();
    if (error instanceof AlreadyStored) return 'unchanged';
    return rejection(item, reasonOf(error));
  }
}
