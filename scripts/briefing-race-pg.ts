// The briefing claim under real concurrency: N scheduler processes (test/helpers/briefing-worker.ts) on a
// real PostgreSQL, each claiming the same S slots at once behind a barrier; prints posts per slot.
// PGlite serialises sessions, so this needs a Postgres server. PostgreSQL 15 here has no pgvector, so
// create only the tables involved, e.g.:
//   pg_ctlcluster 15 main start && su postgres -c "psql -c 'create database brief_race'"
//   printf "export * from './db/schema/enums.ts';\nexport * from './db/schema/org.ts';\nexport * from './db/schema/schedules.ts';\n" > race-schema.ts
//   npx drizzle-kit export --dialect=postgresql --schema=./race-schema.ts | psql postgres://postgres:postgres@127.0.0.1:5432/brief_race
//   npx tsx scripts/briefing-race-pg.ts postgres://postgres:postgres@127.0.0.1:5432/brief_race 4 20
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { StandInPlatform } from '../test/helpers/briefing-channel.ts';
import { serveStandIn, startBarrier } from '../test/helpers/briefing-stand-in.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [dbUrl = 'postgres://postgres:postgres@127.0.0.1:5432/brief_race', workers = '4', slots = '20'] = process.argv.slice(2);
const N = Number(workers), S = Number(slots);
const client = new pg.Client(dbUrl); await client.connect();
await client.query('truncate schedules, schedule_runs, briefing_deliveries, briefing_outbox, users, teams cascade');
const { rows: [u] } = await client.query(`insert into users (email, full_name, role) values ('anna@x.test', 'Anna', 'rep') returning id`);
for (let i = 0; i < S; i++) await client.query(`insert into schedules (name, cron, time_zone, audience_user_id, audience_role, channel, target, created_at) values ($1, '0 9 * * *', 'UTC', $2, 'rep', 'slack', $3, '2026-06-15T08:00:00Z')`, [`s${i}`, u.id, `C${i}`]);
const platform = new StandInPlatform();
const standIn = await serveStandIn(platform);
const barrier = await startBarrier(N);
const t0 = Date.now();
const runs = await Promise.all(Array.from({ length: N }, () => new Promise<string>((resolve) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/briefing-worker.ts'], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, BRIEFING_WORKER: JSON.stringify({ dbUrl, standInUrl: standIn.url, now: '2026-06-15T09:00:00Z', barrierPort: barrier.port }) } });
  let out = ''; child.stdout.on('data', (c) => (out += c)); child.stderr.on('data', (c) => (out += c));
  child.on('exit', () => resolve(out));
})));
const reports = runs.map((r) => JSON.parse(r.split('\n').find((l) => l.startsWith('REPORT '))!.slice(7)));
const claimed = reports.map((r) => r.claimed.length), lost = reports.map((r) => r.lost.length);
const targets = platform.posted.map((m) => m.target);
const { rows: [c] } = await client.query(`select count(*)::int runs, (select count(*)::int from briefing_deliveries where status = 'sent') sent from schedule_runs`);
console.log({ workers: N, schedules: S, claimedPerWorker: claimed, lostPerWorker: lost, posts: targets.length, distinctTargets: new Set(targets).size, ...c, errors: reports.flatMap((r) => r.errors), ms: Date.now() - t0 });
await client.end(); await standIn.close(); await barrier.close();
