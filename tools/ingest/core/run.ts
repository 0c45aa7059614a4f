import { performance } from 'node:perf_hooks';
import type { Executor } from '../../../db/client.ts';
import { existingHashes } from '../../../db/repos/ingest-sources.ts';
import { refreshCompetitorCandidates } from '../competitors/candidates.ts';
import { fillContactsFromMail } from '../contacts/from-mail.ts';
import { recorrelatePending } from '../correlation/recorrelate.ts';
import { commitBulk } from './bulk.ts';
import { commitPerItem } from './per-item.ts';
import { contentHash } from './hash.ts';
import {
  isRejection,
  type BulkHandler,
  type IngestInput,
  type IngestOptions,
  type IngestReport,
  type ItemHandler,
  type RejectedItem,
} from './types.ts';
import type { BatchResult, Pending } from './batch.ts';

// The ingestion loop. Items are read in batches of `itemsPerCommit` and each batch is one transaction:
// - an ItemHandler runs each item in its own savepoint (source item + handler writes), so a handler
//   error undoes that item alone (per-item.ts);
// - a BulkHandler plans every item without writing, then the batch is written set-based (bulk.ts).
// Either way an item and its chunks commit together, and a batch whose transaction fails is retried
// one item per transaction, so only the culprit is rejected.

export async function ingestItems<P, R = unknown>(
  db: Executor,
  items: AsyncIterable<IngestInput<P>>,
  handler: ItemHandler<P> | BulkHandler<P, R>,
  options: IngestOptions,
): Promise<IngestReport> {
  const timer = options.timer ?? (() => performance.now());
  const started = timer();
  const batchSize = Math.max(1, Math.floor(options.itemsPerCommit ?? 1));
  const keep = options.keepItems ?? 50;
  const report: IngestReport = { created: 0, unchanged: 0, rejected: [], chunks: 0, counts: {}, items: [], ms: 0, itemsPerSecond: 0 };
  let bytesDone: number | undefined;

  const progress = () => {
    const processed = report.created + report.unchanged + report.rejected.length;
    options.onProgress?.({ processed, created: report.created, unchanged: report.unchanged, rejected: report.rejected.length, ms: timer() - started, bytesDone });
  };

  const fold = (result: BatchResult) => {
    report.unchanged += result.unchanged;
    report.chunks += result.chunks;
    report.rejected.push(...result.rejected);
    for (const d of result.done) {
      report.created++;
      if (report.items.length < keep) report.items.push(d.created);
      for (const [key, n] of Object.entries(d.counts)) report.counts[key] = (report.counts[key] ?? 0) + n;
    }
  };

  const commit = (batch: Pending<P>[]): Promise<BatchResult | undefined> =>
    typeof handler === 'function' ? commitPerItem(db, batch, handler, options) : commitBulk(db, batch, handler, options);

  const flush = async (inputs: IngestInput<P>[]) => {
    if (inputs.length === 0) return;
    const pending: Pending<P>[] = [];
    for (const input of inputs) {
      if (input.sourceOffset !== undefined) bytesDone = input.sourceOffset;
      if (isRejection(input)) {
        const rejected: RejectedItem = { position: input.position, reason: input.rejected };
        if (input.externalId) rejected.externalId = input.externalId;
        if (input.origin) rejected.origin = input.origin;
        report.rejected.push(rejected);
        continue;
      }
      pending.push({ item: input, hash: contentHash(input.kind, input.content ?? input.rawText) });
    }
    const stored = await existingHashes(db, pending.map((p) => p.hash));
    const fresh: Pending<P>[] = [];
    const inBatch = new Set<string>();
    for (const p of pending) {
      if (stored.has(p.hash) || inBatch.has(p.hash)) report.unchanged++;
      else {
        inBatch.add(p.hash);
        fresh.push(p);
      }
    }
    if (fresh.length > 0) {
      const result = await commit(fresh);
      if (result) fold(result);
      else {
        options.log.warn({ size: fresh.length }, 'ingest batch failed; retrying its items one by one');
        for (const p of fresh) fold((await commit([p])) as BatchResult);
      }
    }
    progress();
  };

  let batch: IngestInput<P>[] = [];
  let batchKey: string | undefined;
  for await (const input of items) {
    if (options.batchKey && !isRejection(input)) {
      const key = options.batchKey(input);
      if (batchKey !== undefined && key !== batchKey && batch.length > 0) {
        await flush(batch);
        batch = [];
        if (options.signal?.aborted) break;
      }
      batchKey = key;
    }
    batch.push(input);
    if (batch.length >= batchSize) {
      await flush(batch);
      batch = [];
      if (options.signal?.aborted) break;
    }
  }
  await flush(batch);
  // what this import stored may be the deal, contact or account earlier items were waiting for
  if (report.created > 0 && options.recorrelate !== false) {
    const again = await recorrelatePending(db, { scope: options.scope, actor: options.actor, now: options.now, timer });
    report.recorrelated = { considered: again.considered, placed: again.placed.merged + again.placed.created + again.placed.hidden, pending: again.pending, ms: again.ms };
  }
  // a contact made from an address alone learns its name, title and phone from the mail it sent (either order)
  if (report.created > 0) {
    report.contactsFilled = (await fillContactsFromMail(db, options.now)).filled;
    // competitors named in the mail and calls of the deals this import touched, unconfirmed until a person adds them
    await refreshCompetitorCandidates(db, options.now);
  }
  report.ms = Math.round(timer() - started);
  const processed = report.created + report.unchanged + report.rejected.length;
  report.itemsPerSecond = report.ms > 0 ? Math.round((processed / report.ms) * 1000 * 10) / 10 : 0;
  return report;
}
