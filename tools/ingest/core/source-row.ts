import type { BulkSourceItem } from '../../../db/repos/ingest-bulk.ts';
import { stripNul, stripNulDeep } from './text.ts';
import type { RawItem } from './types.ts';

/** the source_items row of an item (NUL bytes dropped: Postgres refuses them in text and jsonb) */
export function sourceItemRow<P>(item: RawItem<P>, hash: string, now: Date, id: string): BulkSourceItem {
  return {
    id,
    kind: item.kind,
    contentHash: hash,
    externalIds: stripNulDeep(item.externalIds ?? {}),
    threadKey: item.threadKey == null ? null : stripNul(item.threadKey),
    title: item.title == null ? null : stripNul(item.title),
    origin: item.origin == null ? null : stripNul(item.origin),
    occurredAt: item.occurredAt ?? null,
    rawText: stripNul(item.rawText),
    metadata: stripNulDeep(item.metadata ?? {}),
    importedAt: now,
  };
}
