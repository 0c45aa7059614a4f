import { sql } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { percentile } from '../../core/stats/descriptive.ts';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { rows } from '../../db/rows.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { DEMO_NOW } from '../../test/helpers/demo.ts';
import { loadCast } from '../../test/role-matrix/records.ts';
import { registry } from '../../tools/index.ts';

// `npm run bench:automation [-- --scale 1 --runs 10]`: latency of the automation writes that `npm run bench`
// can only dry-run: a real audit_undo (of a task_update made just before) and whole workflow runs
// (close_lost and onboard_lead started by a manager, so their gates pass and every step runs).

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);
const store = await openStore({ kind: 'pglite' });
await migrateStore(store);
const embedder = createLocalEmbedder();
await seedDemoOrg(store.db, { seed: 42, scale: Number(values.scale), now: DEMO_NOW, embedder });
const cast = await loadCast(store.db);
const services = { db: store.db, log: silentLogger, now: DEMO_NOW, embedder };

async function timed(label: string, n: number, once: (i: number) => Promise<string>) {
  const times: number[] = [];
  const outcomes = new Set<string>();
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    outcomes.add(await once(i));
    times.push(performance.now() - start);
  }
  process.stdout.write(`${label.padEnd(34)} p50 ${percentile(times, 0.5)!.toFixed(1).padStart(8)} ms  p95 ${percentile(times, 0.95)!.toFixed(1).padStart(8)} ms  n ${n}  ${[...outcomes].join(',')}\n`);
}
const code = (r: Awaited<ReturnType<typeof registry.execute>>) => (r.ok ? 'ok' : r.error.code);

const tasks = await rows<{ id: string }>(store.db, sql`select id from tasks where owner_id = ${cast.repA.userId} and status = 'open' order by id limit ${runs}`);
await timed('task_update + audit_undo (real, rep)', tasks.length, async (i) => {
  await registry.execute('task_update', { task: tasks[i]!.id, priority: i % 2 ? 'low' : 'urgent' }, cast.repA, services);
  return code(await registry.execute('audit_undo', { last: true }, cast.repA, services));
});
const deals = await rows<{ id: string }>(store.db, sql`select id from opportunities where owner_id in (select id from users where team_id = ${cast.managerA.teamId}) and closed_at is null order by id limit ${runs}`);
await timed('workflow_run close_lost (manager)', deals.length, async (i) =>
  code(await registry.execute('workflow_run', { workflow: 'close_lost', opportunity: deals[i]!.id, reason: 'bench run' }, cast.managerA, services)));
const leads = await rows<{ id: string }>(store.db, sql`select id from leads where owner_id in (select id from users where team_id = ${cast.managerA.teamId}) and lifecycle_stage = 'new' order by id limit ${runs}`);
await timed('workflow_run onboard_lead (manager)', leads.length, async (i) =>
  code(await registry.execute('workflow_run', { workflow: 'onboard_lead', lead: leads[i]!.id }, cast.managerA, services)));
await store.close();
