import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../../core/embeddings/local.ts';
import { silentLogger } from '../../../core/logger.ts';
import type { Store } from '../../../db/client.ts';
import { insertInteraction } from '../../../db/repos/ingest-interactions.ts';
import { rows } from '../../../db/rows.ts';
import { createTestStore } from '../../../test/helpers/db.ts';
import { createFixtureOrg, ORG_NOW } from '../../../test/helpers/org.ts';
import { chunkText } from './chunk.ts';
import { contentHash } from './hash.ts';
import { ingestItems } from './run.ts';
import { ItemRejected, type BulkHandler, type IngestInput, type IngestOptions, type ItemHandler } from './types.ts';
import { bulkInsertInteractions } from '../../../db/repos/ingest-bulk.ts';

let store: Store;
beforeAll(async () => {
  store = await createTestStore();
  await createFixtureOrg(store.db);
});
afterAll(() => store.close());

const options = (extra: Partial<IngestOptions> = {}): IngestOptions => ({
  embedder: createLocalEmbedder(),
  now: ORG_NOW,
  scope: { kind: 'all' },
  log: silentLogger,
  ...extra,
});

async function* from<P>(inputs: IngestInput<P>[]): AsyncIterable<IngestInput<P>> {
  for (const input of inputs) yield input;
}

const note = (position: number, text: string) => ({ kind: 'note' as const, position, rawText: text, title: `note ${position}`, payload: text });

// writes one interaction per note; refuses notes containing "REFUSE", crashes on "CRASH" after writing
const handler: ItemHandler<string> = async (item, ctx) => {
  const interactionId = await insertInteraction(ctx.tx, { type: 'note', direction: 'internal', body: item.payload, occurredAt: ORG_NOW, sourceItemId: ctx.sourceItemId });
  if (item.payload.includes('REFUSE')) throw new ItemRejected('refused on purpose');
  if (item.payload.includes('CRASH')) throw new Error('boom after writing');
  return { interactionId, counts: { notes: 1 } };
};

async function counts() {
  const [row] = await rows<{ sources: number; interactions: number; chunks: number }>(
    store.db,
    sql`select (select count(*) from source_items)::int as sources, (select count(*) from interactions)::int as interactions, (select count(*) from chunks)::int as chunks`,
  );
  return row!;
}

describe('contentHash', () => {
  it('ignores line endings and trailing blanks but not the kind or the words', () => {
    expect(contentHash('note', 'a  \r\nb\r\n\r\n')).toBe(contentHash('note', 'a\nb'));
    expect(contentHash('note', 'a\nb')).not.toBe(contentHash('email', 'a\nb'));
    expect(contentHash('note', 'a\nb')).not.toBe(contentHash('note', 'a\nc'));
  });
});

describe('chunkText', () => {
  it('keeps a short text whole and returns nothing for blank text', () => {
    expect(chunkText('  Hello there.  ')).toEqual(['Hello there.']);
    expect(chunkText(' \n ')).toEqual([]);
  });

  it('packs paragraphs up to max, cuts long ones at sentences, and overlaps', () => {
    const para = (n: number) => `Paragraph ${n} talks about pricing for 40 seats. It has a second sentence here.`; // 78 chars
    const text = Array.from({ length: 30 }, (_, i) => para(i)).join('\n\n');
    const chunks = chunkText(text, { max: 400, overlap: 60 });
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(400);
    // 30 paragraphs of 78 chars + separators: 2,398 chars; 4 paragraphs (318 chars) + a ~52-char carry fit per chunk
    expect(chunks.length).toBeGreaterThanOrEqual(6);
    expect(chunks[1]!.startsWith('It has a second sentence here.')).toBe(true);
    const long = 'This is one sentence of a long paragraph. '.repeat(60).trim(); // 2,519 chars, no blank line
    const cut = chunkText(long, { max: 1000 });
    expect(cut.length).toBe(3);
    for (const c of cut) expect(c.endsWith('.')).toBe(true);
  });
});

describe('ingestItems', () => {
  it('creates, skips what is stored, rejects parser and handler failures without partial rows', async () => {
    const inputs: IngestInput<string>[] = [
      note(1, 'First note about the renewal.'),
      { rejected: 'unreadable header', position: 2, externalId: 'x-2' },
      note(3, 'Second note. REFUSE this one.'),
      note(4, 'Third note. CRASH after writing.'),
      note(5, 'First note about the renewal.\r\n'), // same content as 1 after normalising
      note(6, 'Fourth note.'),
    ];
    const before = await counts();
    const first = await ingestItems(store.db, from(inputs), handler, options());
    expect(first.created).toBe(2); // 1 and 6
    expect(first.unchanged).toBe(1); // 5 duplicates 1 within the run
    expect(first.rejected).toEqual([
      { position: 2, externalId: 'x-2', reason: 'unreadable header' },
      { position: 3, reason: 'refused on purpose' },
      { position: 4, reason: 'boom after writing' },
    ]);
    expect(first.counts).toEqual({ notes: 2 });
    expect(first.chunks).toBe(2);
    const after = await counts();
    // the refused and crashed items left nothing behind: 2 sources, 2 interactions, 2 chunks
    expect(after).toEqual({ sources: before.sources + 2, interactions: before.interactions + 2, chunks: before.chunks + 2 });
    const [link] = await rows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from chunks c join interactions i on i.id = c.interaction_id where i.source_item_id = c.source_item_id`,
    );
    expect(link!.n).toBe(before.chunks + 2);

    const again = await ingestItems(store.db, from(inputs), handler, options({ itemsPerCommit: 4 }));
    expect(again.created).toBe(0);
    expect(again.unchanged).toBe(3);
    expect(again.rejected.map((r) => r.position)).toEqual([2, 3, 4]);
    expect(await counts()).toEqual(after);
  });

  it('batches keep per-item atomicity and undo run caches of rolled-back items', async () => {
    const cache = new Set<string>();
    const caching: ItemHandler<string> = async (item, ctx) => {
      cache.add(item.payload);
      ctx.onRollback(() => cache.delete(item.payload));
      return handler(item, ctx);
    };
    const before = await counts();
    const report = await ingestItems(
      store.db,
      from([note(1, 'batch a'), note(2, 'batch b CRASH'), note(3, 'batch c'), note(4, 'batch d'), note(5, 'batch e')]),
      caching,
      options({ itemsPerCommit: 3 }),
    );
    expect(report.created).toBe(4);
    expect(report.rejected).toEqual([{ position: 2, reason: 'boom after writing' }]);
    expect([...cache].sort()).toEqual(['batch a', 'batch c', 'batch d', 'batch e']);
    const after = await counts();
    expect(after.sources - before.sources).toBe(4);
    expect(after.interactions - before.interactions).toBe(4);
  });

  it('retries a failed batch item by item so only the culprit is rejected', async () => {
    // an embedder that fails on one text: the whole batch's chunk insert fails, then items go one by one
    const embedder = createLocalEmbedder();
    const picky = { ...embedder, embed: async (texts: readonly string[]) => {
      if (texts.some((t) => t.includes('POISON'))) throw new Error('embedder refused POISON');
      return embedder.embed(texts);
    } };
    const before = await counts();
    const report = await ingestItems(
      store.db,
      from([note(1, 'retry a'), note(2, 'retry POISON'), note(3, 'retry c')]),
      handler,
      options({ itemsPerCommit: 10, embedder: picky }),
    );
    expect(report.created).toBe(2);
    expect(report.rejected).toEqual([{ position: 2, reason: 'embedder refused POISON' }]);
    const after = await counts();
    expect(after.sources - before.sources).toBe(2);
    expect(after.chunks - before.chunks).toBe(2);
  });

  it('reports an empty input as zeros and calls progress', async () => {
    const seen: number[] = [];
    const report = await ingestItems(store.db, from<string>([]), handler, options({ onProgress: (p) => seen.push(p.processed) }));
    expect(report).toMatchObject({ created: 0, unchanged: 0, rejected: [], chunks: 0, itemsPerSecond: expect.any(Number) });
    expect(Number.isFinite(report.itemsPerSecond)).toBe(true);
    expect(seen).toEqual([]);
  });

  it('bulk handlers: a failed prepare writes nothing, a failed write is retried item by item', async () => {
    const planned: string[] = [];
    const bulk: BulkHandler<string, { id: string; body: string }> = {
      async prepare(item, ctx) {
        if (item.payload.includes('REFUSE')) throw new ItemRejected('refused in prepare');
        const id = crypto.randomUUID();
        planned.push(item.payload);
        ctx.onRollback(() => planned.splice(planned.indexOf(item.payload), 1));
        return { value: { id, body: item.payload }, interactionId: id, counts: { notes: 1 } };
      },
      async write(tx, batch) {
        // a row that breaks a constraint fails the whole statement, so the batch is retried one by one
        if (batch.some((b) => b.value.body.includes('BADROW'))) await tx.execute(sql`select 1/0`);
        await bulkInsertInteractions(tx, batch.map((b) => ({ id: b.value.id, type: 'note' as const, direction: 'internal' as const, body: b.value.body, occurredAt: ORG_NOW, sourceItemId: b.sourceItemId })));
      },
    };
    const before = await counts();
    const report = await ingestItems(
      store.db,
      from([note(1, 'bulk a'), note(2, 'bulk REFUSE'), note(3, 'bulk BADROW'), note(4, 'bulk d')]),
      bulk,
      options({ itemsPerCommit: 10 }),
    );
    expect(report.created).toBe(2);
    expect(report.rejected).toEqual([
      { position: 2, reason: 'refused in prepare' },
      { position: 3, reason: 'division by zero' },
    ]);
    expect(report.counts).toEqual({ notes: 2 });
    // the retry prepared a and d again; the failed attempt's plans were undone
    expect(planned).toEqual(['bulk a', 'bulk d']);
    const after = await counts();
    expect(after).toEqual({ sources: before.sources + 2, interactions: before.interactions + 2, chunks: before.chunks + 2 });
    const [link] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from interactions i join source_items s on s.id = i.source_item_id where s.raw_text in ('bulk a', 'bulk d')`);
    expect(link!.n).toBe(2);
  });

  it('batchKey: a batch is committed early when the key changes, never mixing two keys; rejections have no key', async () => {
    const batches: string[][] = [];
    const bulk: BulkHandler<string, string> = {
      prepare: async (item) => ({ value: item.payload, embedText: '' }),
      async write(_tx, batch) {
        batches.push(batch.map((b) => b.value));
      },
    };
    const keyed = (position: number, file: string) => ({ ...note(position, `batchkey ${file} ${position}`), payload: `${file}:${position}` });
    const report = await ingestItems(
      store.db,
      from<string>([keyed(1, 'a'), keyed(2, 'a'), { rejected: 'bad row', position: 3 }, keyed(4, 'a'), keyed(5, 'b'), keyed(6, 'b'), keyed(7, 'b'), keyed(8, 'c')]),
      bulk,
      options({ itemsPerCommit: 2, batchKey: (item) => String(item.payload).split(':')[0]! }),
    );
    expect(batches).toEqual([['a:1', 'a:2'], ['a:4'], ['b:5', 'b:6'], ['b:7'], ['c:8']]);
    expect(report.created).toBe(7);
    expect(report.rejected).toEqual([{ position: 3, reason: 'bad row' }]);
  });
});
