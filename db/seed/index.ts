import { getTableName, sql } from 'drizzle-orm';
import { EMBEDDING_DIMENSIONS } from '../../core/embeddings/dimensions.ts';
import type { Embedder } from '../../core/embeddings/embedder.ts';
import type { Logger } from '../../core/logger.ts';
import type { Db, Executor } from '../client.ts';
import * as s from '../schema/index.ts';
import { writeDemoFiles } from './files/index.ts';
import { generateDemoOrg } from './generate.ts';
import { loadChunks } from './load/chunks.ts';
import { insertBatched } from './load/insert.ts';
import type { Dataset } from './model.ts';

export { generateDemoOrg } from './generate.ts';
export { truncateAll } from './load/insert.ts';

// The deterministic demo org: a sales team with 18 months of history, built in memory from a
// seed and loaded in one transaction. Same seed + scale + now = identical rows, ids included.

export interface SeedOptions {
  seed: number;
  /** multiplies accounts, leads, deals, interactions, events and tasks; users, teams and products stay fixed */
  scale: number;
  /** every date is relative to this instant; nothing is dated after it */
  now: Date;
  embedder: Embedder;
  /** when given, sample MBOX files and transcripts for the ingestion tools are written here */
  filesDir?: string;
  log?: Logger;
}

export interface SeedReport {
  counts: Record<string, number>;
  ms: number;
  seed: number;
  scale: number;
}

/** true when the users table has no rows: a store without people has never been seeded or used */
export async function isStoreEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: s.users.id }).from(s.users).limit(1);
  return rows.length === 0;
}

// insert order follows the foreign keys
const LOAD_ORDER: readonly (readonly [keyof Dataset, Parameters<typeof insertBatched>[1]])[] = [
  ['teams', s.teams], ['users', s.users], ['products', s.products], ['campaigns', s.campaigns], ['templates', s.templates],
  ['abTests', s.abTests], ['accounts', s.accounts], ['leads', s.leads], ['leadStageHistory', s.leadStageHistory],
  ['leadFieldHistory', s.leadFieldHistory],
  ['opportunities', s.opportunities], ['opportunityContacts', s.opportunityContacts], ['opportunityStageHistory', s.opportunityStageHistory],
  ['opportunityFieldHistory', s.opportunityFieldHistory], ['campaignTouches', s.campaignTouches], ['interactions', s.interactions],
  ['engagementEvents', s.engagementEvents], ['tasks', s.tasks], ['alerts', s.alerts], ['schedules', s.schedules],
];

export async function seedDemoOrg(db: Db, options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const { seed, scale, now, embedder, log } = options;
  if (!(scale > 0)) throw new Error(`seedDemoOrg: scale must be > 0, got ${scale}`);
  if (embedder.dimensions !== EMBEDDING_DIMENSIONS) {
    throw new Error(`seedDemoOrg: the store holds ${EMBEDDING_DIMENSIONS}-d embeddings but '${embedder.model}' makes ${embedder.dimensions}-d ones`);
  }
  const generated = generateDemoOrg(seed, scale, now);
  const { data } = generated.ctx;
  log?.debug({ ms: Math.round(performance.now() - started) }, 'demo org generated in memory');

  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    for (const [key, table] of LOAD_ORDER) {
      counts[getTableName(table)] = await insertBatched(tx, table, data[key] as never[]);
    }
    log?.debug({ ms: Math.round(performance.now() - started) }, 'demo rows inserted');
    counts.chunks = await loadChunks(tx, embedder, data.interactions, generated.ctx.id);
    log?.debug({ ms: Math.round(performance.now() - started) }, 'demo chunks embedded and indexed');
    await writeMeta(tx, 'embedding', { model: embedder.model, dimensions: embedder.dimensions }, now);
    await writeMeta(tx, 'demo_seed', { seed, scale, now: now.toISOString() }, now);
    counts.store_meta = 2;
  });
  // Planner statistics for the freshly loaded tables: PGlite runs no autovacuum, and without them the planner
  // guesses a handful of rows per table and picks nested loops that crawl at scale (a Postgres server would
  // analyse by itself, later).
  await db.execute(sql`analyze`);
  log?.debug({ ms: Math.round(performance.now() - started) }, 'demo tables analysed');
  if (options.filesDir) counts.demo_files = await writeDemoFiles(options.filesDir, generated);
  return { counts, ms: Math.round(performance.now() - started), seed, scale };
}

async function writeMeta(ex: Executor, key: string, value: unknown, now: Date): Promise<void> {
  await ex.insert(s.storeMeta).values({ key, value, updatedAt: now }).onConflictDoUpdate({ target: s.storeMeta.key, set: { value, updatedAt: now } });
}

