/**
 * The ingestion core, shared by every importer (email, transcripts, CRM CSV, webhooks).
 *
 * A parser turns its input into an AsyncIterable of `RawItem<P>` (or `ItemRejection` for a position
 * it cannot read), and a handler turns one item into records. `ingestItems(db, items, handler, options)`
 * does the rest, per item:
 *   1. sha256 of kind + normalised `item.content ?? item.rawText` (contentHash); an item whose hash is
 *      stored already is skipped and counted `unchanged` (re-importing a file changes nothing);
 *   2. in ONE savepoint: the source_items row (kind, hash, externalIds, threadKey, title, origin,
 *      occurredAt, rawText, metadata), then `handler(item, ctx)` writing through `ctx.tx`
 *      (interactions, links, signals...); it returns `{ interactionId?, embedText?, counts? }`;
 *   3. the text (`embedText ?? item.text ?? item.rawText`) is chunked (paragraph/sentence aware,
 *      <= 1000 chars, ~120 chars overlap) and embedded with `options.embedder` into chunks
 *      (sourceItemId + interactionId) in the same commit as the item.
 * A handler that throws (use `ItemRejected` for a deliberate refusal) rolls back its item only; the item
 * is reported in `rejected` with its position and the reason, and the run goes on. `itemsPerCommit`
 * (default 1) commits that many items together, each still in its own savepoint: a crash loses at most
 * the uncommitted batch, never part of an item, and a re-run imports what is missing.
 * High-volume kinds can pass a `BulkHandler` instead ({ prefetch?, prepare, write }): prepare() plans an
 * item's rows without writing (ids made client-side; reads through ctx.db), write() stores the whole
 * batch set-based after the core inserted its source items (db/repos/ingest-bulk.ts: one jsonb
 * parameter per statement). A failed prepare rejects that item having written nothing; a failed write
 * rolls the batch back and retries it one item per transaction. Email uses it.
 * The report: { created, unchanged, rejected: [{ position, externalId?, origin?, reason }], chunks,
 * counts (handler tallies), items (first keepItems created), ms, itemsPerSecond }; `onProgress` is
 * called after each batch (the CLI bar).
 *
 * Also here: `ParticipantMatcher` (addresses -> users / leads in scope, optional lead creation linked
 * to the account by domain; one per run), `interactionSignals` (extractSignals -> metadata.signals with
 * spans and source item id + the interaction's sentiment/objectionType/question columns), `chunkText`,
 * `contentHash`, `stripNul` (also replaces lone surrogates), and in progress.ts the CLI's bar. Handlers must
 * undo any run cache they change via `ctx.onRollback`.
 */
export { chunkText, type ChunkOptions } from './chunk.ts';
export { contentHash, normaliseContent } from './hash.ts';
export {
  ParticipantMatcher,
  domainOf,
  isAutomated,
  isFreeMail,
  nameOf,
  type MatchRequest,
  type ParticipantMatch,
  type Person,
  type StagedLead,
} from './participants.ts';
export { ingestItems } from './run.ts';
export { interactionSignals, storeSignals, type InteractionSignalFields, type InteractionSignals, type StoredSignals } from './signals.ts';
export { stripNul, stripNulDeep } from './text.ts';
export * from './types.ts';
