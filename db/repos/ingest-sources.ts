import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { sourceItems } from '../schema/index.ts';

// Source items for the ingestion core. A source item is the raw artifact (org-wide, owned by no one):
// its content hash is what makes a re-import a no-op, so these lookups are deliberately unscoped.
// Nothing here returns a source item's text to a caller; tools reach text through scoped interactions.

export type NewSourceItem = typeof sourceItems.$inferInsert;

/** Which of `hashes` are already stored. */
export async function existingHashes(ex: Executor, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const found = await ex.select({ hash: sourceItems.contentHash }).from(sourceItems).where(inArray(sourceItems.contentHash, [...hashes]));
  return new Set(found.map((r) => r.hash));
}

/** Inserts one source item; undefined when an item with the same content hash already exists. */
export async function insertSourceItem(ex: Executor, values: NewSourceItem): Promise<string | undefined> {
  const [row] = await ex.insert(sourceItems).values(values).onConflictDoNothing({ target: sourceItems.contentHash }).returning({ id: sourceItems.id });
  return row?.id;
}

export interface ExternalIdHit {
  externalId: string;
  sourceItemId: string;
  threadKey: string | null;
}

/**
 * Stored items whose external id `system` (e.g. messageId) is one of `ids`, through the GIN index on
 * external_ids (containment, one probe per id).
 */
export async function sourceItemsByExternalId(ex: Executor, system: string, ids: readonly string[]): Promise<ExternalIdHit[]> {
  const unique = [...new Set(ids)].slice(0, 100);
  if (unique.length === 0) return [];
  const probes = unique.map((id) => sql`${sourceItems.externalIds} @> ${JSON.stringify({ [system]: id })}::jsonb`);
  const found = await ex
    .select({ externalId: sql<string>`${sourceItems.externalIds} ->> ${system}`, sourceItemId: sourceItems.id, threadKey: sourceItems.threadKey })
    .from(sourceItems)
    .where(or(...probes));
  return found;
}

export interface SourceItemRef {
  id: string;
  kind: string;
  title: string | null;
  occurredAt: Date | null;
  threadKey: string | null;
}

/** The source item with this content hash (to report what an unchanged import points at). */
export async function sourceItemByHash(ex: Executor, hash: string): Promise<SourceItemRef | undefined> {
  const [row] = await ex
    .select({ id: sourceItems.id, kind: sourceItems.kind, title: sourceItems.title, occurredAt: sourceItems.occurredAt, threadKey: sourceItems.threadKey })
    .from(sourceItems)
    .where(eq(sourceItems.contentHash, hash));
  return row;
}
