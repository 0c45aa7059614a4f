import { sql } from 'drizzle-orm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import type { Actor } from '../../db/repos/scope.ts';
import { rows } from '../../db/rows.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { DEMO_NOW } from '../../test/helpers/demo.ts';
import { loadCast } from '../../test/role-matrix/records.ts';
import { RULE_KEYS } from '../../tools/automation/rules.ts';
import { registry } from '../../tools/index.ts';
import type { CallServices, ToolResult } from '../../tools/registry.ts';
import { findDemoLeads, type DemoLead } from './demo-leads.ts';
import { latencyTable, measure, type Latency } from './latency.ts';

// `npm run demo:comms [-- --scale 1 --calls 31 --out evals/reports/comms-sample.md]`: issue 11's closing figures.
// Real output of each communication tool for three demo leads found by query (formal, casual, open
// objection), then the latency of each communication and automation tool over varied calls.

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, calls: { type: 'string', default: '31' }, out: { type: 'string', default: 'evals/reports/comms-sample.md' } } });
const scale = Number(values.scale);
const calls = Number(values.calls);

const store = await openStore({ kind: 'pglite' });
await migrateStore(store);
const embedder = createLocalEmbedder();
const seeded = await seedDemoOrg(store.db, { seed: 42, scale, now: DEMO_NOW, embedder });
const services: CallServices = { db: store.db, log: silentLogger, now: DEMO_NOW, embedder };
const run = (tool: string, input: Record<string, unknown>, actor: Actor): Promise<ToolResult> => registry.execute(tool, input, actor, services);
const code = (r: ToolResult) => (r.ok ? 'ok' : r.error.code);
const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  process.stdout.write(`${line}\n`);
};

say('# Communication tools: sample output and latency (issue 11)');
say();
say(`Demo org seed 42 at scale ${scale} (${seeded.counts.opportunities} deals, ${seeded.counts.interactions} interactions), clock ${DEMO_NOW.toISOString()}, no language model (offline drafts). Written by \`npm run demo:comms\`.`);

// ---- sample output for three leads ----
const leads = await findDemoLeads(store.db, registry, services);
say();
say('## The three demo leads (found by query)');
for (const l of leads) say(`- **${l.kind}**: ${l.name} (lead ${l.leadId}${l.opportunityId ? `, deal ${l.opportunityId}` : ''}), called as their owner (${l.owner.role}): ${l.why}`);

const latestInbound = async (leadId: string) =>
  (await rows<{ body: string }>(store.db, sql`select body from interactions where lead_id = ${leadId} and direction = 'inbound' order by occurred_at desc limit 1`))[0]?.body ?? '';
const latestMeeting = async (leadId: string) =>
  (await rows<{ id: string }>(store.db, sql`select id from interactions where lead_id = ${leadId} and type = 'meeting' order by occurred_at desc limit 1`))[0]?.id;
const GIVEN_OBJECTION = 'Honestly the price is more than we budgeted for this year.';
const NOTES = 'Agreed to run a two-week pilot with the operations team. I will send the pilot plan by Friday. Their IT lead reviews the security questionnaire next week.';

async function sampleInputs(l: DemoLead): Promise<[string, Record<string, unknown>, string][]> {
  const meeting = await latestMeeting(l.leadId);
  const target = l.opportunityId ? { opportunity: l.opportunityId } : { lead: l.leadId };
  return [
    ['draft_email', { lead: l.leadId, purpose: l.objection ? 'objection_response' : 'follow_up' }, ''],
    ['draft_sequence', { lead: l.leadId, steps: 4 }, ''],
    ['draft_message', { lead: l.leadId, channel: 'sms' }, ''],
    ['call_script', { lead: l.leadId, ...target }, ''],
    ['objection_response', { objection: l.objection ?? GIVEN_OBJECTION, lead: l.leadId }, l.objection ? 'the objection is the lead\'s own latest message' : 'the objection text is given (this lead raised none)'],
    ['meeting_brief', { lead: l.leadId }, ''],
    ['meeting_summary', meeting ? { interaction: meeting } : { text: NOTES, lead: l.leadId, occurredAt: '2026-06-12T15:00:00Z' }, meeting ? 'the lead\'s latest stored meeting' : 'no stored meeting: notes given as text'],
    ['interaction_log', { lead: l.leadId, kind: 'email', direction: 'inbound', text: (await latestInbound(l.leadId)).slice(0, 4000) || NOTES, dryRun: true }, 'dry run, logging the lead\'s latest message again'],
  ];
}

for (const l of leads) {
  say();
  say(`## ${l.kind}: ${l.name}`);
  for (const [tool, input, note] of await sampleInputs(l)) {
    const result = await run(tool, input, l.owner);
    say();
    say(`### ${tool}${note ? ` (${note})` : ''}`);
    say();
    say(`input: \`${JSON.stringify(input).slice(0, 300)}\``);
    say();
    say('```json');
    say(JSON.stringify(result.ok ? result.data : result.error, null, 2));
    say('```');
  }
}

// ---- latency of each new communication and automation tool ----
const cast = await loadCast(store.db);
const rep = cast.repA;
const mine = await rows<{ id: string; body: string }>(store.db, sql`
  select l.id, coalesce((select body from interactions i where i.lead_id = l.id and i.direction = 'inbound' order by occurred_at desc limit 1), '') as body
  from leads l where l.owner_id = ${rep.userId} order by l.id limit ${calls}`);
// open deals whose contact is one of the rep's leads (a deal with no contact they can see is refused by design)
const deals = await rows<{ id: string }>(store.db, sql`
  select o.id from opportunities o join leads l on l.id = o.primary_contact_id
  where o.owner_id = ${rep.userId} and l.owner_id = ${rep.userId} and o.closed_at is null order by o.id limit ${calls * 2}`);
const lead = (i: number) => mine[i % mine.length]!.id;
const deal = (i: number) => deals[i % deals.length]!.id;
const PURPOSES = ['intro', 'follow_up', 'proposal', 'meeting_request', 'objection_response', 'nurture', 're_engage'];
const OBJECTIONS = ['The price is too high for us.', 'Not a priority until next quarter.', 'I need to run this by our CFO first.', 'We are happy with what we have today.', 'We are also looking at a competitor.', 'We have been burned by vendors before and do not trust the claims.'];
const KINDS = ['call', 'email', 'meeting', 'sms', 'whatsapp'];
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Sydney'];
const day = (i: number) => `2026-06-${String(8 + (i % 10)).padStart(2, '0')}T${String(9 + (i % 8)).padStart(2, '0')}:00:00Z`;
const transcript = (i: number) => `Dana Ruiz: We agreed to go with the ${i % 2 ? 'annual' : 'monthly'} plan.\nMaya Chen: I will send the order form by ${['Friday', 'Monday', 'Wednesday'][i % 3]}.\nDana Ruiz: The price is still a concern for finance.`;

const latencies: Latency[] = [];
const misses: string[] = [];
const time = async (tool: string, note: string, once: (i: number) => Promise<ToolResult>) => {
  const seen = new Set<string>();
  latencies.push(await measure(tool, note, calls, async (i) => {
    const r = await once(i);
    if (!r.ok && !seen.has(r.error.code)) {
      seen.add(r.error.code);
      misses.push(`- ${tool}, call ${i + 1}: \`${r.error.code}\`: ${r.error.message}`);
    }
    return code(r);
  }));
  process.stdout.write(`measured ${tool}\n`);
};

await time('draft_email', 'rep, 7 purposes over the rep\'s leads', (i) => run('draft_email', { lead: lead(i), purpose: PURPOSES[i % 7] }, rep));
await time('draft_sequence', 'rep, 3-6 steps', (i) => run('draft_sequence', { lead: lead(i), steps: 3 + (i % 4) }, rep));
await time('draft_message', 'rep, sms / whatsapp', (i) => run('draft_message', { lead: lead(i), channel: i % 2 ? 'sms' : 'whatsapp', purpose: PURPOSES[i % 7] }, rep));
await time('call_script', 'rep, by lead or by deal', (i) => run('call_script', i % 2 ? { opportunity: deal(i) } : { lead: lead(i) }, rep));
await time('objection_response', 'rep, 6 objection types', (i) => run('objection_response', { objection: OBJECTIONS[i % 6], lead: lead(i) }, rep));
await time('meeting_brief', 'rep, by lead or by deal', (i) => run('meeting_brief', i % 2 ? { opportunity: deal(i) } : { lead: lead(i) }, rep));
await time('meeting_summary', 'rep, transcript text, read only', (i) => run('meeting_summary', { text: transcript(i), opportunity: deal(i), occurredAt: day(i) }, rep));
await time('meeting_summary createTasks', 'rep, real write: tasks from action items', (i) => run('meeting_summary', { text: transcript(i), opportunity: deal(i), occurredAt: day(i), createTasks: true }, rep));
// a log is of what has happened: days before the demo clock (15 June)
const past = (i: number) => `2026-06-${String(1 + (i % 14)).padStart(2, '0')}T${String(9 + (i % 8)).padStart(2, '0')}:00:00Z`;
await time('interaction_log', 'rep, dry run, 5 kinds, the lead\'s own texts', (i) => run('interaction_log', { lead: lead(i), kind: KINDS[i % 5], text: mine[i % mine.length]!.body.slice(0, 2000) || transcript(i), occurredAt: past(i), dryRun: true }, rep));
await time('task_list', 'rep, 7 status filters', (i) => run('task_list', { status: ['open', 'in_progress', 'done', 'cancelled', 'active', 'overdue', 'all'][i % 7] }, rep));
const created: string[] = [];
await time('task_create', 'rep, real write', async (i) => {
  const r = await run('task_create', { title: `Demo follow-up ${i}`, lead: lead(i), due: day(i + 10), priority: ['low', 'medium', 'high', 'urgent'][i % 4], type: 'follow_up' }, rep);
  if (r.ok) created.push((r.data as { task: { id: string } }).task.id);
  return r;
});
await time('task_update', 'rep, real write on the tasks just created', (i) => run('task_update', { task: created[i % created.length], priority: i % 2 ? 'low' : 'urgent' }, rep));
await time('audit_undo', 'rep, real: undoes a task_update made just before (not timed)', async (i) => {
  const before = await run('task_update', { task: created[i % created.length], status: 'in_progress' }, rep);
  if (!before.ok) return before;
  return run('audit_undo', { last: true }, rep);
});
await time('followups_due', 'rep, varied windows', (i) => run('followups_due', { dueSoonHours: 24 + i, coldDays: 14 + (i % 10) }, rep));
await time('automation_run', 'rep, real; first call creates, later ones find nothing new (rule subsets vary)', (i) => run('automation_run', i === 0 ? {} : { rules: RULE_KEYS.slice(0, 1 + (i % RULE_KEYS.length)) }, rep));
await time('briefing_generate', 'rep / manager / exec in turn', (i) => run('briefing_generate', { audience: ['rep', 'manager', 'exec'][i % 3], markRead: false }, [rep, cast.managerA, cast.exec][i % 3]!));
await time('schedule_upsert', 'rep, real, 5 zones, varied cron', (i) => run('schedule_upsert', { cron: `${i % 60} ${6 + (i % 4)} * * 1-5`, timezone: ZONES[i % 5], audience: 'rep', channel: 'web', name: `demo ${i}` }, rep));
await time('schedule_list', 'rep, varied limits', (i) => run('schedule_list', { limit: 5 + i }, rep));
const runs: string[] = [];
await time('workflow_run close_lost', 'rep, real, one deal each; waits at the manager\'s approval gate', async (i) => {
  const r = await run('workflow_run', { workflow: 'close_lost', opportunity: deal(calls + i), reason: `demo ${i}` }, rep);
  if (r.ok) runs.push(...(r.data as { runs: { runId: string }[] }).runs.map((x) => x.runId));
  return r;
});
await time('workflow_decide', 'manager approves each waiting run; the remaining steps run', (i) => run('workflow_decide', { run: runs[i], decision: 'approve' }, cast.managerA));
await time('workflow_run onboard_lead', 'rep, real, one lead each', (i) => run('workflow_run', { workflow: 'onboard_lead', lead: lead(i) }, rep));

say();
say('## Latency at scale ' + scale);
say();
say(`Each tool called ${calls} times through the registry (the first call reported apart, p50/p95 over the other ${calls - 1}), one process, PGlite in memory, local embedder. Outcomes other than ok are the tools' own answers (e.g. a deal already lost).`);
say();
say(latencyTable(latencies));
if (misses.length > 0) {
  say();
  say('Answers other than ok (the first of each kind per tool):');
  for (const m of misses) say(m);
}
mkdirSync('evals/reports', { recursive: true });
writeFileSync(values.out, `${out.join('\n')}\n`);
process.stdout.write(`\nwritten to ${values.out}\n`);
await store.close();
