import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { Executor } from '../client.ts';
import { storeMeta } from '../schema/index.ts';

export async function getMeta<T>(ex: Executor, key: string): Promise<T | undefined> {
  const rows = await ex.select({ value: storeMeta.value }).from(storeMeta).where(eq(storeMeta.key, key));
  return rows[0]?.value as T | undefined;
}

export async function setMeta(ex: Executor, key: string, value: unknown): Promise<void> {
  await ex
    .insert(storeMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: storeMeta.key, set: { value, updatedAt: sql`now()` } });
}

export interface EmbeddingStamp {
  model: string;
  dimensions: number;
}

/**
 * Vectors from two models are not comparable. The first embedder to write into the store stamps it;
 * a later start with another model or width is refused with a clear error instead of returning garbage matches.
 */
export async function ensureEmbeddingStamp(ex: Executor, current: EmbeddingStamp): Promise<void> {
  const stored = await getMeta<EmbeddingStamp>(ex, 'embedding');
  if (!stored) {
    await setMeta(ex, 'embedding', current);
    return;
  }
  if (stored.model !== current.model || stored.dimensions !== current.dimensions) {
    throw new AppError(
      'config:embedding_mismatch',
      `The store holds ${stored.dimensions}-d embeddings from '${stored.model}' but the configured embedder is '${current.model}' (${current.dimensions}-d)`,
      { hint: 'set EMBEDDINGS back to what the store was built with, or start from an empty DATA_DIR / database' },
    );
  }
}
