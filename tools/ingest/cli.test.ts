import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/client.ts';
import { chunkVectorIndexExists } from '../../db/repos/ingest-vector-index.ts';
import { rows } from '../../db/rows.ts';
import { writeMailbox } from '../../test/fixtures/email/generate.ts';
import { migratedTemplateBlob } from '../../test/helpers/db.ts';
import { createFixtureOrg } from '../../test/helpers/org.ts';

// `npm run ingest` as a child process on a 1,500-message mailbox: one uninterrupted import, and one
// killed with SIGKILL a third of the way in and run again. The two stores must hold the same data: no
// partial message survives the kill, and the re-run imports exactly what was missing. (Batches of 100:
// five committed before the kill, ten after; 3,000 messages proved nothing more and took twice as long.)

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MESSAGES = 1500;
const KILL_AFTER = 500;

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
  // the run's migrated template unpacked into the folder: the CLI finds its migrations already applied
  const store = await openStore({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite'), loadDataDir: await migratedTemplateBlob() });
  await createFixtureOrg(store.db);
  await store.close();
  return dataDir;
}

type CliOutcome = { code: number | null; signal: NodeJS.Signals | null; out: string; err: string };

function runCli(dataDir: string, onLine?: (line: string, child: ChildProcess) => void, args = [mbox, '--plain', '--create-leads', '--batch', '100', '--defer-index']): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    // node itself with tsx's loader, not the tsx wrapper: SIGKILL must hit the process doing the import
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/ingest/cli.ts', ...args], {
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
    // correlation records when it ran (an import-time clock) and, for a pending item, its fragment (which names rows by id)
    const sources = await rows(store.db, sql`select kind, content_hash, external_ids, thread_key, title, origin, occurred_at, raw_text, metadata #- '{correlation,at}' #- '{correlation,pending}' as metadata from source_items order by content_hash`);
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
      if (created >= KILL_AFTER && killedAt === 0) {
        killedAt = created;
        child.kill('SIGKILL');
      }
    });
    expect(interrupted.signal).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThanOrEqual(KILL_AFTER);
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

const FIXTURES = path.join(root, 'test/fixtures');

async function query<T>(dataDir: string, text: ReturnType<typeof sql>): Promise<T[]> {
  const store = await openStore({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  try {
    return await rows<T>(store.db, text);
  } finally {
    await store.close();
  }
}

describe('npm run ingest: transcripts and CRM CSV files', () => {
  it('imports a transcript by its extension, with the progress line and a report', async () => {
    const dataDir = await prepareStore('transcript');
    const vtt = path.join(FIXTURES, 'transcripts/teams-discovery.vtt');
    const first = await runCli(dataDir, undefined, [vtt, '--plain', '--create-tasks']);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toContain('ingest: transcripts, 1 file(s)');
    expect(first.err).toMatch(/progress processed=1 created=1 unchanged=0 rejected=0 rate=\d+\/s/);
    expect(first.out).toContain('created      1');
    // the fixture org has no deals: the meeting is correlated with none
    expect(first.out).toContain('0 merged into a deal, 0 opened one, 0 tied (nothing merged), 1 about no known deal');
    expect(first.out).toContain('teams-discovery.vtt: unmatched');
    const [meeting] = await query<{ type: string; subject: string; tasks: number }>(dataDir, sql`select type::text, subject, (select count(*)::int from tasks) as tasks from interactions`);
    // two action items: Anna's becomes her task; Dana's would be the caller's, and an operator import has no caller
    expect(meeting).toEqual({ type: 'meeting', subject: 'Acme discovery call', tasks: 1 });

    const again = await runCli(dataDir, undefined, [vtt, '--quiet']);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('unchanged    1');
  }, 120_000);

  it('imports a CRM CSV with the generic preset, reports rejected rows with line and reason, and skips them all on a re-run', async () => {
    const dataDir = await prepareStore('csv');
    const file = path.join(FIXTURES, 'csv/generic-deals.csv');
    const first = await runCli(dataDir, undefined, [file, '--plain']);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toMatch(/progress processed=7 created=4 unchanged=0 rejected=3 rate=\d+\/s/);
    expect(first.out).toContain('rows         7: 4 created, 0 updated, 0 skipped, 3 rejected');
    expect(first.out).toContain('rejected generic-deals.csv row 4 (line 5): close_date: not a date: "31/31/2026" (expected YYYY-MM-DD or M/D/YYYY)');
    expect(first.out).toContain('rejected generic-deals.csv row 6 (line 7): amount: an amount cannot be negative');
    const deals = await query<{ id: string; value: number }>(dataDir, sql`select external_ids ->> 'csv' as id, value_minor::int as value from opportunities order by 1`);
    expect(deals).toEqual([{ id: 'D-1', value: 5_400_000 }, { id: 'D-2', value: 1_200_000 }, { id: 'D-3', value: 500_000 }, { id: 'D-5', value: 123_450 }]);

    const again = await runCli(dataDir, undefined, [file, '--quiet']);
    expect(again.out).toContain('rows         7: 0 created, 0 updated, 4 skipped, 3 rejected');

    // the Maven layout from a folder with its preset; a custom mapping over the generic one
    const maven = await runCli(dataDir, undefined, [path.join(FIXTURES, 'csv/maven-mini'), '--preset', 'maven', '--quiet']);
    expect(maven.code, maven.err).toBe(0);
    expect(maven.out).toContain('sales_pipeline.csv: imported, 6 rows: 5 created, 0 updated, 0 skipped, 1 rejected');
    const mapping = path.join(dir, 'hubspot-mapping.json');
    await writeFile(mapping, JSON.stringify({ columns: { opportunity: { name: 'Deal Name', amount: 'Amount' }, account: { name: 'Company name' }, owner: { fullName: 'Deal owner' } }, options: { system: 'hubspot' } }));
    const hub = path.join(dir, 'hubspot.csv');
    await writeFile(hub, 'Deal Name,Amount,Company name,Deal owner\nHub deal,1500,Acme Corp,Anna Rep\n');
    const custom = await runCli(dataDir, undefined, [hub, '--mapping', mapping, '--quiet']);
    expect(custom.code, custom.err).toBe(0);
    expect(custom.out).toContain('rows         1: 1 created, 0 updated, 0 skipped, 0 rejected');
    const bad = await runCli(dataDir, undefined, [hub, '--preset', 'nope']);
    expect([bad.code, bad.err.trim()]).toEqual([1, 'ingest: --preset must be one of generic, salesforce, maven, hubspot, pipedrive, zoho, dynamics, got nope']);
  }, 180_000);
});
