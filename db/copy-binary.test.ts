import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './client.ts';
import { createTestStore } from '../test/helpers/db.ts';
import { CopyBinaryWriter } from './copy-binary.ts';
import { copyBinaryInto, pgliteConnection } from './pglite-copy.ts';
import { rows } from './rows.ts';

// The binary COPY path must store exactly what the text path would: ids, NULLs, UTF-8 text (multi-byte
// and quotes), integers, float4 vectors and timestamps to the millisecond.

let store: Store;
beforeAll(async () => {
  store = await createTestStore();
  await store.db.execute(sql`create temporary table copy_probe (id uuid, n int, t text, v vector(3), at timestamptz)`);
});
afterAll(() => store.close());

describe('binary COPY into PGlite', () => {
  it('round-trips every field type, NULLs included, inside a transaction', async () => {
    const writer = new CopyBinaryWriter();
    writer.row(5).uuid('0f8fad5b-d9cb-469f-a165-70867728950e').int4(-7).text('Zoë\'s "quote" — 5 × €1,200\ttab').vector([0.5, -0.25, 1e-6]).timestamptz(new Date('2026-06-15T12:34:56.789Z'));
    writer.row(5).uuid(null).int4(2147483647).text(null).vector([0, 0, 1]).timestamptz(new Date('1999-12-31T23:59:59.999Z'));
    await store.db.transaction(async (tx) => {
      const connection = pgliteConnection(tx);
      expect(connection).toBeDefined();
      await copyBinaryInto(connection!, 'copy_probe', ['id', 'n', 't', 'v', 'at'], writer.finish());
    });
    const got = await rows<{ id: string | null; n: number; t: string | null; v: string; at: string }>(
      store.db,
      sql`select id::text, n, t, v::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as at from copy_probe order by n`,
    );
    expect(got).toEqual([
      { id: '0f8fad5b-d9cb-469f-a165-70867728950e', n: -7, t: 'Zoë\'s "quote" — 5 × €1,200\ttab', v: '[0.5,-0.25,1e-06]', at: '2026-06-15T12:34:56.789' },
      { id: null, n: 2147483647, t: null, v: '[0,0,1]', at: '1999-12-31T23:59:59.999' },
    ]);
  });

  it('rolls back with the transaction and rejects a vector of the wrong width', async () => {
    const before = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from copy_probe`);
    const writer = new CopyBinaryWriter().row(5).uuid(null).int4(1).text('x').vector([1, 2]).timestamptz(new Date(0));
    await expect(
      store.db.transaction(async (tx) => copyBinaryInto(pgliteConnection(tx)!, 'copy_probe', ['id', 'n', 't', 'v', 'at'], writer.finish())),
    ).rejects.toThrow(/expected 3 dimensions, not 2/);
    expect(await rows<{ n: number }>(store.db, sql`select count(*)::int as n from copy_probe`)).toEqual(before);
  });

  it('writes float4 and jsonb as their binary forms', async () => {
    await store.db.execute(sql`create temporary table copy_probe2 (r real, j jsonb)`);
    const writer = new CopyBinaryWriter();
    writer.row(2).float4(-0.375).jsonb({ signals: [{ kind: 'price', text: 'Zoë: "$1,200"' }], n: 3 });
    writer.row(2).float4(null).jsonb(undefined);
    await copyBinaryInto(pgliteConnection(store.db)!, 'copy_probe2', ['r', 'j'], writer.finish());
    const got = await rows<{ r: number | null; j: unknown }>(store.db, sql`select r, j from copy_probe2 order by r nulls last`);
    expect(got).toEqual([{ r: -0.375, j: { n: 3, signals: [{ kind: 'price', text: 'Zoë: "$1,200"' }] } }, { r: null, j: null }]);
  });

  it('refuses values it cannot encode before writing anything', () => {
    expect(() => new CopyBinaryWriter().row(1).uuid('not-a-uuid')).toThrow(/not a uuid/);
    expect(() => new CopyBinaryWriter().row(1).int4(1.5)).toThrow(/not an integer/);
    expect(() => new CopyBinaryWriter().row(1).vector([Number.NaN])).toThrow(/finite/);
    expect(() => new CopyBinaryWriter().row(1).float4(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});
