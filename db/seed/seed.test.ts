import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../core/embeddings/index.ts';
import type { Store } from '../client.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createDemoStore } from '../../test/helpers/demo.ts';
import { isStoreEmpty, seedDemoOrg, type SeedReport } from './index.ts';

// Seeds a scale-0.1 demo org into an in-memory PGlite and checks the promises the generator makes,
// with SQL over what was actually stored.

const NOW = new Date('2026-06-15T12:00:00Z');
const SEED = 42;
const SCALE = 0.1;
const embedder = createLocalEmbedder();

async function seededStore(filesDir?: string): Promise<{ store: Store; report: SeedReport; wasEmpty: boolean }> {
  // a freshly migrated store (the run's migrated template)
  const store = await createTestStore();
  const wasEmpty = await isStoreEmpty(store.db);
  const report = await seedDemoOrg(store.db, { seed: SEED, scale: SCALE, now: NOW, embedder, ...(filesDir ? { filesDir } : {}) });
  return { store, report, wasEmpty };
}

let store: Store;
let report: SeedReport;
let wasEmpty: boolean;
let filesDir: string;

async function rows<T>(query: SQL): Promise<T[]> {
  const result = await store.db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}
async function count(query: SQL): Promise<number> {
  const [row] = await rows<{ n: number | string }>(query);
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'dealwise-seed-'));
  ({ store, report, wasEmpty } = await seededStore(filesDir));
});

afterAll(async () => {
  await store?.close();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

describe('seedDemoOrg', () => {
  it('fills an empty store with the fixed org and scaled volumes', async () => {
    expect(wasEmpty).toBe(true);
    expect(await isStoreEmpty(store.db)).toBe(false);
    expect(report.counts).toMatchObject({ teams: 3, users: 15, products: 5, accounts: 40, leads: 200, opportunities: 80 });
    expect(report.counts.interactions).toBeGreaterThan(1000);
    // passage chunking: a long email or transcript is several chunks, every interaction at least one
    expect(report.counts.chunks).toBeGreaterThan(report.counts.interactions ?? Number.POSITIVE_INFINITY);
    for (const [table, n] of Object.entries(report.counts)) {
      if (table !== 'demo_files') expect(await count(sql`select count(*) n from ${sql.identifier(table)}`), table).toBe(n);
    }
    expect(await count(sql`select count(*) n from users where email in ('admin@dealwise.demo', 'exec@dealwise.demo', 'maya.chen@dealwise.demo')`)).toBe(3);
    expect(await count(sql`select count(*) n from teams where manager_id not in (select id from users where role = 'manager')`)).toBe(0);
    expect(await count(sql`select count(*) n from users where role in ('rep', 'manager') and manager_id is null`)).toBe(0);
    expect(await count(sql`select count(*) n from campaigns where cost_minor = 0`)).toBeGreaterThanOrEqual(1);
  });

  it('gives every opportunity an owner and an account, and closed ones an outcome, date and reason', async () => {
    expect(await count(sql`select count(*) n from opportunities o where not exists (select 1 from users u where u.id = o.owner_id) or not exists (select 1 from accounts a where a.id = o.account_id)`)).toBe(0);
    expect(await count(sql`select count(*) n from opportunities where stage in ('closed_won', 'closed_lost') and (outcome is null or closed_at is null)`)).toBe(0);
    expect(await count(sql`select count(*) n from opportunities where stage = 'closed_won' and (outcome <> 'won' or won_reason is null or discount_pct is null)`)).toBe(0);
    expect(await count(sql`select count(*) n from opportunities where stage = 'closed_lost' and (outcome <> 'lost' or lost_reason is null)`)).toBe(0);
    expect(await count(sql`select count(*) n from opportunities where lost_to_competitor is not null and not (lost_to_competitor = any(competitors))`)).toBe(0);
    expect(await count(sql`select count(*) n from opportunities where stage not in ('closed_won', 'closed_lost') and (outcome is not null or closed_at is not null)`)).toBe(0);
    const closedShare = await count(sql`select round(100.0 * count(*) filter (where closed_at is not null) / count(*)) n from opportunities`);
    expect(closedShare).toBeGreaterThanOrEqual(55);
    expect(closedShare).toBeLessThanOrEqual(80);
  });

  it('keeps stage histories time-ordered, moving forward from prospecting to the current stage', async () => {
    const ordered = sql`select h.*, lag(to_stage) over w prev_to, lag(changed_at) over w prev_at,
        row_number() over w rn, count(*) over (partition by opportunity_id) total
      from opportunity_stage_history h window w as (partition by opportunity_id order by changed_at, id)`;
    expect(await count(sql`select count(*) n from (${ordered}) h where rn = 1 and (from_stage is not null or to_stage <> 'prospecting')`)).toBe(0);
    expect(await count(sql`select count(*) n from (${ordered}) h where rn > 1 and (from_stage is distinct from prev_to or changed_at <= prev_at or to_stage <= prev_to)`)).toBe(0);
    expect(await count(sql`select count(*) n from (${ordered}) h join opportunities o on o.id = h.opportunity_id where rn = total and (h.to_stage <> o.stage or h.changed_at <> o.stage_entered_at)`)).toBe(0);
    expect(await count(sql`select count(*) n from (${ordered}) h join opportunities o on o.id = h.opportunity_id where rn = total and o.closed_at is not null and h.changed_at <> o.closed_at`)).toBe(0);
    expect(await count(sql`select count(*) n from opportunities o where not exists (select 1 from opportunity_stage_history h where h.opportunity_id = o.id)`)).toBe(0);
    expect(await count(sql`select count(*) n from opportunity_field_history where changed_at > ${NOW.toISOString()}::timestamptz - interval '7 days'`)).toBeGreaterThan(0);
  });

  it('dates nothing after now', async () => {
    const now = NOW.toISOString();
    const columns: [string, string][] = [
      ['interactions', 'occurred_at'], ['interactions', 'delivered_at'], ['interactions', 'first_opened_at'], ['interactions', 'replied_at'], ['interactions', 'created_at'],
      ['engagement_events', 'occurred_at'], ['lead_stage_history', 'changed_at'], ['opportunity_stage_history', 'changed_at'], ['opportunity_field_history', 'changed_at'],
      ['opportunities', 'created_at'], ['opportunities', 'closed_at'], ['opportunities', 'stage_entered_at'], ['opportunities', 'updated_at'],
      ['leads', 'created_at'], ['leads', 'updated_at'], ['leads', 'last_contacted_at'], ['leads', 'converted_at'], ['accounts', 'created_at'],
      ['campaign_touches', 'touched_at'], ['tasks', 'created_at'], ['tasks', 'completed_at'], ['tasks', 'updated_at'], ['alerts', 'last_seen_at'],
      ['chunks', 'created_at'], ['store_meta', 'updated_at'], ['users', 'created_at'],
    ];
    for (const [table, column] of columns) {
      const late = await count(sql`select count(*) n from ${sql.identifier(table)} where ${sql.identifier(column)} > ${now}::timestamptz`);
      expect(late, `${table}.${column}`).toBe(0);
    }
  });

  it('keeps interactions, leads and accounts consistent', async () => {
    expect(await count(sql`select count(*) n from interactions i join leads l on l.id = i.lead_id where l.account_id <> i.account_id`)).toBe(0);
    expect(await count(sql`select count(*) n from interactions i join opportunities o on o.id = i.opportunity_id where o.account_id <> i.account_id`)).toBe(0);
    expect(await count(sql`select count(*) n from interactions i join leads l on l.id = i.lead_id where i.occurred_at < l.created_at`)).toBe(0);
    expect(await count(sql`select count(*) n from leads l join accounts a on a.id = l.account_id where l.created_at < a.created_at`)).toBe(0);
    expect(await count(sql`select count(*) n from opportunities o join leads l on l.id = o.primary_contact_id where o.created_at < l.created_at`)).toBe(0);
    // deal activity lies within the deal's life (the welcome email after a win is the one exception)
    expect(await count(sql`select count(*) n from interactions i join opportunities o on o.id = i.opportunity_id
      where i.occurred_at < o.created_at or (i.occurred_at > o.closed_at and i.intent <> 'closing_won')`)).toBe(0);
    expect(await count(sql`select count(*) n from leads l where l.last_contacted_at is distinct from
      (select max(occurred_at) from interactions i where i.lead_id = l.id and i.direction = 'outbound')`)).toBe(0);
    expect(await count(sql`select count(*) n from leads l where l.interaction_count <> (select count(*) from interactions i where i.lead_id = l.id)`)).toBe(0);
    // leads that became deals are opportunities or customers
    expect(await count(sql`select count(*) n from opportunities o join leads l on l.id = o.primary_contact_id where l.lifecycle_stage not in ('opportunity', 'customer')`)).toBe(0);
    expect(await count(sql`select count(*) n from opportunities o join leads l on l.id = o.primary_contact_id where o.outcome = 'won' and l.lifecycle_stage <> 'customer'`)).toBe(0);
    // lead stage history is ordered and ends at the lead's stage
    expect(await count(sql`select count(*) n from (select h.*, lag(changed_at) over w prev_at, lag(to_stage) over w prev_to, row_number() over w rn, count(*) over (partition by lead_id) total
      from lead_stage_history h window w as (partition by lead_id order by changed_at, id)) h join leads l on l.id = h.lead_id
      where (rn > 1 and (changed_at <= prev_at or from_stage is distinct from prev_to)) or (rn = total and to_stage <> l.lifecycle_stage)`)).toBe(0);
    expect(await count(sql`select count(*) n from leads l where not exists (select 1 from lead_stage_history h where h.lead_id = l.id)`)).toBe(0);
    // deliberate duplicates for duplicate detection to find
    expect(await count(sql`select count(*) n from (select lower(email) from leads group by lower(email) having count(*) > 1) d`)).toBeGreaterThanOrEqual(1);
  });

  it('keeps the engagement summary columns in agreement with the events', async () => {
    const mismatches = await count(sql`select count(*) n from interactions i left join lateral (
        select count(*) filter (where type = 'opened') opens, count(*) filter (where type = 'clicked') clicks,
          min(occurred_at) filter (where type = 'opened') first_open, min(occurred_at) filter (where type = 'replied') replied,
          min(occurred_at) filter (where type = 'delivered') delivered, min(occurred_at) filter (where type = 'bounced') bounced
        from engagement_events e where e.interaction_id = i.id) e on true
      where i.open_count <> e.opens or i.click_count <> e.clicks or i.first_opened_at is distinct from e.first_open
        or i.replied_at is distinct from e.replied or i.delivered_at is distinct from e.delivered or i.bounced_at is distinct from e.bounced`);
    expect(mismatches).toBe(0);
    expect(await count(sql`select count(*) n from engagement_events e join interactions i on i.id = e.interaction_id where e.occurred_at < i.occurred_at`)).toBe(0);
  });

  it('embeds every interaction into a chunk and stamps the store', async () => {
    expect(await count(sql`select count(*) n from interactions i where not exists (select 1 from chunks c where c.interaction_id = i.id)`)).toBe(0);
    expect(await count(sql`select count(*) n from chunks where embedding_model <> ${embedder.model}`)).toBe(0);
    expect(await count(sql`select count(*) n from pg_indexes where indexname = 'chunks_embedding_hnsw_idx'`)).toBe(1);
    const meta = await rows<{ key: string; value: Record<string, unknown> }>(sql`select key, value from store_meta order by key`);
    expect(meta).toEqual([
      { key: 'demo_seed', value: { seed: SEED, scale: SCALE, now: NOW.toISOString() } },
      { key: 'embedding', value: { model: embedder.model, dimensions: embedder.dimensions } },
    ]);
  });

  it('gives the analytics real differences to find', async () => {
    const reps = await rows<{ name: string; closed: number; rate: number }>(sql`select u.full_name name, count(*)::int closed,
        100.0 * count(*) filter (where o.outcome = 'won') / count(*) rate
      from opportunities o join users u on u.id = o.owner_id where o.outcome is not null group by u.full_name having count(*) >= 5`);
    expect(reps.length).toBeGreaterThanOrEqual(4);
    const ratesByRep = reps.map((r) => Number(r.rate));
    expect(Math.max(...ratesByRep) - Math.min(...ratesByRep)).toBeGreaterThanOrEqual(15);
    const byCompetition = await rows<{ contested: boolean; rate: number }>(sql`select cardinality(competitors) > 0 contested,
        100.0 * count(*) filter (where outcome = 'won') / count(*) rate from opportunities where outcome is not null group by 1`);
    const rate = (contested: boolean) => Number(byCompetition.find((r) => r.contested === contested)?.rate);
    expect(rate(false)).toBeGreaterThan(rate(true));
  });

  it('runs A/B tests whose B arm really wins', async () => {
    const arms = await rows<{ name: string; variant: string; sends: number; rate: number }>(sql`select t.name, i.ab_variant variant, count(*)::int sends,
        avg(case when (t.metric = 'opened' and i.first_opened_at is not null) or (t.metric = 'replied' and i.replied_at is not null) then 1.0 else 0 end) rate
      from interactions i join ab_tests t on t.id = i.ab_test_id group by t.name, i.ab_variant`);
    const names = [...new Set(arms.map((a) => a.name))];
    expect(names).toHaveLength(2);
    for (const name of names) {
      const a = arms.find((x) => x.name === name && x.variant === 'A');
      const b = arms.find((x) => x.name === name && x.variant === 'B');
      expect(a?.sends, name).toBeGreaterThan(10);
      expect(Number(b?.rate), name).toBeGreaterThan(Number(a?.rate));
    }
  });

  it('writes sample MBOX files and transcripts about seeded deals', async () => {
    const files = (await readdir(filesDir)).sort();
    expect(files.filter((f) => f.endsWith('.mbox'))).toHaveLength(2);
    expect(files.filter((f) => /\.(vtt|srt|txt)$/.test(f))).toHaveLength(3);
    const mbox = await readFile(path.join(filesDir, files.find((f) => f.endsWith('.mbox')) as string), 'utf8');
    expect(mbox).toMatch(/^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/m);
    expect(mbox).toMatch(/^In-Reply-To: <[^>]+>$/m);
    expect(mbox).toMatch(/\$[\d,]+/);
    const vtt = await readFile(path.join(filesDir, files.find((f) => f.endsWith('.vtt')) as string), 'utf8');
    expect(vtt.startsWith('WEBVTT')).toBe(true);
    expect(vtt).toMatch(/<v [^>]+>/);
  });

  it('is deterministic: the same seed, scale and now give identical rows in another store', async () => {
    // the run's shared scale-0.1 demo org: seeded by the same call in another store (often another worker)
    const other = { store: await createDemoStore(SCALE, { seed: SEED, now: NOW }) };
    try {
      const digest = async (s: Store, table: string) => {
        const result = await s.db.execute(sql`select md5(string_agg(row_to_json(t)::text, '|' order by t.id)) h from ${sql.identifier(table)} t`);
        return (result as unknown as { rows: { h: string }[] }).rows[0]?.h;
      };
      for (const table of ['opportunities', 'opportunity_stage_history', 'leads', 'interactions', 'engagement_events']) {
        expect(await digest(other.store, table), table).toBe(await digest(store, table));
      }
    } finally {
      await other.store.close();
    }
  });
});
