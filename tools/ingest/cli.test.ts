import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { chunkVectorIndexExists } from '../../db/repos/ingest-vector-index.ts';
import { rows } from '../../db/rows.ts';
import { writeMailbox } from '../../test/fixtures/email/generate.ts';
import { createFixtureOrg } from '../../test/helpers/org.ts';

// `npm run ingest` as a child process on a 3,000-message mailbox: one uninterrupted import, and one
// killed with SIGKILL part-way and run again. The two stores must hold the same data: no partial
// message survives the kill, and the re-run imports exactly what was missing.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MESSAGES = 3000;

let dir: string;
let mbox: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dealwise-ingest-'));
  mbox = path.join(dir, 'big.mbox');
  await writeMailbox(mbox, { messages: MESSAGES, seed: 11 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** a DATA_DIR holding the migrated fixture org (users and accounts to match against) */
async function prepareStore(name: string): Promise<string> {
  const dataDir = path.join(dir, name);
  await mkdir(path.join(dataDir, 'pglite'), { recursive: true });
  const store = await openStore({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  await migrateStore(store);
  await createFixtureOrg(store.db);
  await store.close();
  return dataDir;
}

function runCli(dataDir: string, onLine?: (line: string, child: ChildProcess) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    // node itself with tsx's loader, not the tsx wrapper: SIGKILL must hit the process doing the import
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/ingest/cli.ts', mbox, '--plain', '--create-leads', '--batch', '100', '--defer-index'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, SEED_ON_EMPTY: 'false', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (onLine) for (const line of d.toString().split('\n')) onLine(line, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** counts of every table and hashes of the imported content, ids and import-time clocks left out */
async function digest(dataDir: string) {
  const store = await openStore({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  try {
    const tables = await rows<{ name: string }>(store.db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [c] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from ${sql.identifier(name)}`);
      counts[name] = c!.n;
    }
    const sources = await rows(store.db, sql`select kind, content_hash, external_ids, thread_key, title, origin, occurred_at, raw_text, metadata from source_items order by content_hash`);
    const interactions = await rows(store.db, sql`
      select s.content_hash, i.type, i.direction, l.email as lead, u.email as user_email, i.thread_id, i.subject, i.body, i.sentiment, i.sentiment_score,
             i.objection_type, i.question, i.occurred_at, i.account_id,
             replace(i.metadata::text, s.id::text, 'SOURCE') as metadata -- signals name their source item by id
      from interactions i join source_items s on s.id = i.source_item_id left join leads l on l.id = i.lead_id left join users u on u.id = i.user_id
      order by s.content_hash`);
    const chunks = await rows(store.db, sql`
      select s.content_hash, c.ordinal, c.text, c.embedding::text as embedding, c.embedding_model, (c.interaction_id is not null) as linked
      from chunks c join source_items s on s.id = c.source_item_id order by s.content_hash, c.ordinal`);
    const leads = await rows(store.db, sql`select email, full_name, account_id, owner_id, interaction_count, last_contacted_at, source from leads order by email`);
    const index = await chunkVectorIndexExists(store.db);
    return { counts, index, sources: sha(sources), interactions: sha(interactions), chunks: sha(chunks), leads: sha(leads) };
  } finally {
    await store.close();
  }
}

describe('npm run ingest', () => {
  it('gives the same store after kill -9 and a re-run as after one uninterrupted import', async () => {
    const whole = await prepareStore('whole');
    const first = await runCli(whole);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(`created      ${MESSAGES}`);

    const killed = await prepareStore('killed');
    let killedAt = 0;
    const interrupted = await runCli(killed, (line, child) => {
      const created = Number(/created=(\d+)/.exec(line)?.[1] ?? 0);
      if (created >= 1000 && killedAt === 0) {
        killedAt = created;
        child.kill('SIGKILL');
      }
    });
    expect(interrupted.signal).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThanOrEqual(1000);
    expect(killedAt).toBeLessThan(MESSAGES);

    const rerun = await runCli(killed);
    expect(rerun.code, rerun.err).toBe(0);
    const created = Number(/created\s+(\d+)/.exec(rerun.out)?.[1]);
    const unchanged = Number(/unchanged\s+(\d+)/.exec(rerun.out)?.[1]);
    // everything committed before the kill is skipped, the rest is imported now
    expect(created + unchanged).toBe(MESSAGES);
    expect(unchanged).toBeGreaterThanOrEqual(killedAt);
    expect(created).toBeGreaterThan(0);

    const a = await digest(whole);
    const b = await digest(killed);
    expect(a.counts.source_items).toBe(MESSAGES);
    expect(a.counts.interactions).toBe(MESSAGES);
    expect(a.index).toBe(true);
    expect(b).toEqual(a);
  }, 600_000);
});
