import type { Embedder } from '../../../core/embeddings/index.ts';
import type { Logger } from '../../../core/logger.ts';
import type { Executor } from '../../../db/client.ts';
import type { Actor, Scope } from '../../../db/repos/scope.ts';

// The contract between a parser (which yields RawItems), the core (hash, transaction, chunks,
// embeddings, report) and a handler (which turns one item into interactions, links and signals).

export type SourceItemKind = 'email' | 'transcript' | 'crm_csv_row' | 'webhook' | 'note' | 'document';

/** One importable unit, as a parser produced it. P is whatever the parser parsed it into. */
export interface RawItem<P = unknown> {
  kind: SourceItemKind;
  /** 1-based position in the input (message number, row number, file index), for the report */
  position: number;
  /** the raw text kept on the source item (the message, the file, the row as text) */
  rawText: string;
  /**
   * what identifies the item's content, hashed for idempotency (default rawText). Give a stable
   * canonical form when the raw bytes vary for the same item (e.g. an email's Message-ID + body).
   */
  content?: string;
  /** the text chunked and embedded (default rawText); the handler may override it */
  text?: string;
  /** Message-ID, file name, CRM row id... keyed by system */
  externalIds?: Record<string, string>;
  threadKey?: string | null;
  title?: string | null;
  /** where it came from: a file path, an upload name, a webhook route */
  origin?: string | null;
  occurredAt?: Date | null;
  metadata?: Record<string, unknown>;
  /** bytes of the input consumed once this item was read (progress on large files) */
  sourceOffset?: number;
  payload: P;
}

/** A parser's verdict that an input position cannot be imported; reported as rejected, never thrown. */
export interface ItemRejection {
  rejected: string;
  position: number;
  externalId?: string;
  origin?: string | null;
  sourceOffset?: number;
}

export type IngestInput<P> = RawItem<P> | ItemRejection;

export const isRejection = <P>(input: IngestInput<P>): input is ItemRejection => 'rejected' in input;

/** What a handler gets for one item: the item's transaction and the run's services. */
export interface ItemContext {
  /** the item's transaction (a savepoint): everything written through it commits or rolls back with the item */
  tx: Executor;
  /** the source_items row just inserted for this item */
  sourceItemId: string;
  contentHash: string;
  now: Date;
  scope: Scope;
  /** the caller, when there is one (a tool call); undefined for an operator import from the CLI */
  actor: Actor | undefined;
  embedder: Embedder;
  log: Logger;
  /**
   * Register an undo for in-memory state (caches) the item changed: called when the item, or the
   * batch it is committed with, rolls back, so run caches never point at rows that do not exist.
   */
  onRollback(undo: () => void): void;
}

/** What a handler reports back about one item. */
export interface ItemOutcome {
  /** the interaction the item's chunks link to (null/undefined: chunks link to the source item only) */
  interactionId?: string | null;
  /** text to chunk and embed instead of item.text; '' embeds nothing */
  embedText?: string;
  /**
   * chunks already cut and embedded (e.g. in a worker thread) with options.embedder's model; when
   * given, they are stored as they are and embedText is not used
   */
  chunks?: { text: string; embedding: number[] }[];
  /** tallies added to the report's counts (e.g. { interactions: 1, leadsCreated: 1 }) */
  counts?: Record<string, number>;
}

export type ItemHandler<P> = (item: RawItem<P>, ctx: ItemContext) => Promise<ItemOutcome | void>;

/** What a bulk handler's prepare() gets: reads only (no transaction is open yet). */
export interface PrepareContext extends Omit<ItemContext, 'tx'> {
  /** read through this; writes belong in write() */
  db: Executor;
}

/** One item's planned writes: the handler's own rows (`value`) plus what the core needs. */
export interface Prepared<R> extends ItemOutcome {
  value: R;
}

export interface PreparedItem<P, R> {
  item: RawItem<P>;
  sourceItemId: string;
  value: R;
}

/**
 * For high-volume kinds (email): prepare() plans an item's writes without writing (ids made
 * client-side, ctx.sourceItemId included), and write() stores a whole batch set-based, after the core
 * has inserted the batch's source items. An item whose prepare() throws is rejected having written
 * nothing; a batch whose write fails is rolled back whole and retried one item per transaction, so an
 * item is always stored entirely or not at all.
 */
export interface BulkHandler<P, R> {
  /** optional: load in a few queries what the batch's prepare() calls will look up (e.g. participants) */
  prefetch?(items: RawItem<P>[], ctx: Omit<PrepareContext, 'sourceItemId' | 'contentHash' | 'onRollback'>): Promise<void>;
  prepare(item: RawItem<P>, ctx: PrepareContext): Promise<Prepared<R>>;
  write(tx: Executor, batch: PreparedItem<P, R>[], ctx: { now: Date; scope: Scope; log: Logger }): Promise<void>;
}

/** Thrown by a handler for an item it refuses on purpose (the reason is reported as is). */
export class ItemRejected extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ItemRejected';
  }
}

export interface IngestProgress {
  processed: number;
  created: number;
  unchanged: number;
  rejected: number;
  ms: number;
  /** from the last item's sourceOffset, when the parser reports one */
  bytesDone: number | undefined;
}

export interface IngestOptions {
  embedder: Embedder;
  now: Date;
  scope: Scope;
  actor?: Actor | undefined;
  log: Logger;
  /**
   * Items committed together (default 1). Each item still runs in its own savepoint, so a failing
   * item rolls back alone; a crash loses at most the uncommitted batch, never part of an item.
   */
  itemsPerCommit?: number;
  /**
   * Items with different keys never share a batch (a batch is committed early when the key changes):
   * the CSV import keeps a reference file's rows (accounts, products, teams: written row by row) out of
   * the batch of the deals after them, which are then all written set-based. Rejections have no key.
   */
  batchKey?(item: RawItem<unknown>): string;
  /** how many created items the report lists (default 50); counts are always complete */
  keepItems?: number;
  /** monotonic milliseconds for rates (default performance.now); the clock never comes from here */
  timer?: () => number;
  onProgress?: (progress: IngestProgress) => void;
  /** stop early (the current batch is committed first) */
  signal?: AbortSignal;
  /** try pending correlations again once the import stored something (default true; correlation/recorrelate.ts) */
  recorrelate?: boolean;
}

export interface RejectedItem {
  position: number;
  externalId?: string;
  origin?: string | null;
  reason: string;
}

export interface CreatedItem {
  position: number;
  sourceItemId: string;
  interactionId: string | null;
  title: string | null;
  occurredAt: Date | null;
  chunks: number;
}

export interface IngestReport {
  created: number;
  unchanged: number;
  rejected: RejectedItem[];
  chunks: number;
  /** handler tallies summed over created items */
  counts: Record<string, number>;
  /** the first keepItems created items */
  items: CreatedItem[];
  ms: number;
  /** items read (created + unchanged + rejected) per second of wall time */
  itemsPerSecond: number;
  /** pending items tried again after the import (absent when it stored nothing or recorrelate was off) */
  recorrelated?: { considered: number; placed: number; pending: number; ms: number };
  /** contacts whose empty name, title or phone the mail they sent filled (contacts/from-mail.ts) */
  contactsFilled?: number;
}
