// Checks the held-out copilot set against the demo org (seed 42, scale 1, now 2026-06-15T12:00Z):
// every labelled call of a registry tool is run as its actor (writes as dry runs) and must succeed;
// every call of a tool not built yet must use the agreed argument names, and its lead/deal references
// must resolve for the actor; every "ambiguous" turn is probed and must come back ambiguous.
//   npx tsx evals/copilot/heldout-check.ts [--set heldout2 | --set path/to/set.jsonl] [path/to/store-dump.tar]
// The set defaults to copilot-heldout.jsonl. With a dump path the seeded store is loaded from it (or written
// there after seeding, ~40 s). A set's ambiguous turns are probed with the calls in its sidecar
// `<set>.probes.json` (turn text -> call) when there is one, else with the list below (the first set's).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore, type Store } from '../../db/client.ts';
import { findUserByEmail, type Actor } from '../../db/repos/scope.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { parsePeriod } from '../../tools/analytics/period.ts';
import { registry } from '../../tools/index.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';
import type { ToolResult } from '../../tools/registry.ts';

export const EVAL_NOW = new Date('2026-06-15T12:00:00Z');
const DATASET = new URL('../datasets/copilot-heldout.jsonl', import.meta.url).pathname;

/** A set name ("heldout2" -> evals/datasets/copilot-heldout2.jsonl) or a path to a JSONL file. */
export function datasetPath(set: string | undefined): string {
  if (!set) return DATASET;
  if (set.endsWith('.jsonl')) return set;
  return new URL(`../datasets/copilot-${set}.jsonl`, import.meta.url).pathname;
}

type Args = Record<string, unknown>;
interface Call { tool: string; args: Args }
type Expect = { calls: Call[] } | { clarify: true } | { decline: true };
export interface Conversation { id: string; category: string; actor: string; turns: { user: string; expect: Expect }[] }

/** The catalog tools that are not in the registry yet, with the argument names agreed for labelling them. */
export const FUTURE_TOOLS: Record<string, string[]> = {
  draft_email: ['lead', 'opportunity', 'purpose', 'tone'],
  draft_sequence: ['lead', 'purpose', 'steps'],
  draft_message: ['lead', 'channel', 'purpose'],
  call_script: ['lead', 'opportunity'],
  objection_response: ['objection', 'lead'],
  meeting_brief: ['lead', 'opportunity', 'account'],
  meeting_summary: ['interaction', 'text', 'createTasks'],
  interaction_log: ['lead', 'kind', 'text'],
  task_list: ['status', 'period', 'lead', 'opportunity'],
  task_create: ['title', 'lead', 'opportunity', 'due', 'priority'],
  task_update: ['task', 'status', 'due', 'priority'],
  followups_due: [],
  automation_run: [],
  workflow_run: ['workflow', 'lead', 'opportunity'],
  briefing_generate: ['audience'],
  schedule_upsert: ['cron', 'timezone', 'audience', 'channel'],
  schedule_list: [],
  audit_undo: ['auditId', 'last'],
  lead_remember: ['lead', 'note'],
};

// What each "ambiguous" turn names, as a call that must come back ambiguous for its actor.
const AMBIGUOUS_PROBES: Record<string, Call> = {
  'pull up Abe Boyle': { tool: 'lead_get', args: { lead: 'Abe Boyle' } },
  'score Emery Aufderhar': { tool: 'lead_get', args: { lead: 'Emery Aufderhar' } },
  'qualify Gaston Bosco': { tool: 'lead_get', args: { lead: 'Gaston Bosco' } },
  "what's the next step with Ike Schmitt?": { tool: 'lead_get', args: { lead: 'Ike Schmitt' } },
  'show me Noemy Ryan': { tool: 'lead_get', args: { lead: 'Noemy Ryan' } },
  'move Shad Conn to contacted, I called him': { tool: 'lead_get', args: { lead: 'Shad Conn' } },
  'score Abe Boyle': { tool: 'lead_get', args: { lead: 'Abe Boyle' } },
  'who is Noemy Ryan?': { tool: 'lead_get', args: { lead: 'Noemy Ryan' } },
  "what's the status of the Acme deal?": { tool: 'opportunity_get', args: { opportunity: 'Acme Corporation' } },
  'win probability on Carter & Hane': { tool: 'opportunity_get', args: { opportunity: 'Carter & Hane' } },
  'move Balistreri & Yost to negotiation': { tool: 'opportunity_get', args: { opportunity: 'Balistreri & Yost' } },
  'deal strategy for Heidenreich & Fahey': { tool: 'opportunity_get', args: { opportunity: 'Heidenreich & Fahey' } },
  'open the Actual Machinery deal': { tool: 'opportunity_get', args: { opportunity: 'Actual Machinery' } },
  'lead details for Shad Conn': { tool: 'lead_get', args: { lead: 'Shad Conn' } },
  'how likely are we to win Bahringer & Weimann?': { tool: 'opportunity_get', args: { opportunity: 'Bahringer & Weimann' } },
  'next best action for the Actual Machinery deal': { tool: 'opportunity_get', args: { opportunity: 'Actual Machinery' } },
  'details on Klocko Financial': { tool: 'opportunity_get', args: { opportunity: 'Klocko Financial' } },
  "what's the win probability on Emmerich Software": { tool: 'opportunity_get', args: { opportunity: 'Emmerich Software' } },
  'strategy for Howe Co.': { tool: 'opportunity_get', args: { opportunity: 'Howe Co.' } },
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A label's period (vocabulary or {from, to} inclusive) as inclusive first and last days. */
export function periodDays(period: unknown, now: Date): { from: string; to: string } {
  if (typeof period === 'string') {
    const p = parsePeriod(period, now);
    return { from: isoDay(p.start), to: isoDay(new Date(p.end.getTime() - 1)) };
  }
  const { from, to } = period as { from: string; to: string };
  return { from, to };
}

/** Label arguments -> the tool's own input: tools that take from/to get the label's period as a range. */
function toInput(tool: string, args: Args, now: Date): Args {
  const { period, ...rest } = args;
  if (period === undefined) return rest;
  const shape = registry.get(tool)!.input.shape as Record<string, unknown>;
  // a vocabulary period goes as it is to a tool that takes one; a {from, to} period goes as a range
  if ('period' in shape && typeof period === 'string') return args;
  const { from, to } = periodDays(period, now);
  if (tool === 'semantic_search') return { ...rest, from: `${from}T00:00:00Z`, to: `${to}T23:59:59.999Z` };
  return { ...rest, from, to };
}

// ingestion from server paths needs files this check does not have: those inputs are validated only
const VALIDATE_ONLY = new Set(['ingest_email', 'ingest_transcript', 'ingest_crm_csv']);

export async function seededStore(dumpPath?: string): Promise<Store> {
  if (dumpPath && existsSync(dumpPath)) return openStore({ kind: 'pglite', loadDataDir: new Blob([readFileSync(dumpPath)]) });
  const store = await createTestStore();
  const embedder = createLocalEmbedder();
  await seedDemoOrg(store.db, { seed: 42, scale: 1, now: EVAL_NOW, embedder });
  await refreshDealEmbeddings(store.db, embedder, EVAL_NOW);
  if (dumpPath && store.pglite) writeFileSync(dumpPath, Buffer.from(await (await store.pglite.dumpDataDir('none')).arrayBuffer()));
  return store;
}

export function loadHeldout(path: string = DATASET): Conversation[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Conversation);
}

/** The probes for a set's ambiguous turns: its sidecar file when present, else the first set's list. */
function probesFor(path: string): Record<string, Call> {
  const sidecar = path.replace(/\.jsonl$/, '.probes.json');
  return existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, Call>) : AMBIGUOUS_PROBES;
}

// Calls that only make sense after something happened (a change to undo, a workflow run waiting for a
// decision): the seeded org has neither, so the check makes that state first, as a real call, and runs the
// labelled call (a dry run) in the same transaction, which is then rolled back.
const WORKFLOW_STARTERS: Record<string, { rep: string; opportunity: string }> = {
  'daniel.okafor@dealwise.demo': { rep: 'lucas.moreau@dealwise.demo', opportunity: 'Rowe Group - Engage Sequences' },
  'sofia.alvarez@dealwise.demo': { rep: 'tom.becker@dealwise.demo', opportunity: 'Leffler Brands - Pipeline Cloud' },
  'rachel.kim@dealwise.demo': { rep: 'carlos.mendes@dealwise.demo', opportunity: 'Weber Networks - Data Connect' },
  'admin@dealwise.demo': { rep: 'tom.becker@dealwise.demo', opportunity: 'Leffler Brands - Pipeline Cloud' },
};
type Run = (name: string, input: Args, actor: Actor, db?: Store['db']) => Promise<ToolResult>;
const PRECONDITIONS: Record<string, (run: Run, actor: Actor, email: string, db: Store['db']) => Promise<ToolResult>> = {
  audit_undo: (run, actor, _email, db) => run('task_create', { title: 'heldout check: a change to undo', due: 'tomorrow' }, actor, db),
  workflow_decide: async (run, _actor, email, db) => {
    const starter = WORKFLOW_STARTERS[email];
    const rep = starter && (await findUserByEmail(db, starter.rep));
    if (!starter || !rep) return { ok: false, error: { code: 'not_found:precondition', message: `no workflow starter for ${email}` } };
    return run('workflow_run', { workflow: 'close_lost', opportunity: starter.opportunity, reason: 'heldout check: a run to decide' }, rep, db);
  },
};
class Rollback extends Error {}

async function main() {
  const { values, positionals } = parseArgs({ options: { set: { type: 'string' }, dump: { type: 'string' } }, allowPositionals: true });
  const path = datasetPath(values.set);
  const probes = probesFor(path);
  const store = await seededStore(values.dump ?? positionals[0]);
  const services = { db: store.db, log: silentLogger, now: EVAL_NOW, embedder: createLocalEmbedder() };
  const run: Run = (name, input, actor, db) => registry.execute(name, input, actor, db ? { ...services, db } : services);
  /** A call after its precondition, inside a transaction that is rolled back. */
  async function runAfter(name: string, input: Args, actor: Actor, email: string): Promise<ToolResult> {
    let result: ToolResult | undefined;
    await store.db
      .transaction(async (tx) => {
        const ready = await PRECONDITIONS[name]!(run, actor, email, tx as unknown as Store['db']);
        result = ready.ok ? await run(name, input, actor, tx as unknown as Store['db']) : { ok: false, error: { ...ready.error, message: `precondition failed: ${ready.error.message}` } };
        throw new Rollback();
      })
      .catch((e: unknown) => { if (!(e instanceof Rollback)) throw e; });
    return result!;
  }
  const problems: string[] = [];
  let checked = 0;
  const conversations = loadHeldout(path);
  console.log(`${path}: ${conversations.length} conversations`);
  for (const conv of conversations) {
    const actor = await findUserByEmail(store.db, conv.actor);
    if (!actor) { problems.push(`${conv.id}: no user ${conv.actor}`); continue; }
    for (const turn of conv.turns) {
      if ('clarify' in turn.expect && conv.category === 'ambiguous') {
        const probe = probes[turn.user];
        if (!probe) { problems.push(`${conv.id}: no probe for "${turn.user}"`); continue; }
        const r = await run(probe.tool, probe.args, actor);
        checked++;
        if (r.ok || !r.error.code.startsWith('ambiguous')) problems.push(`${conv.id}: expected ambiguous, got ${r.ok ? 'a match' : r.error.code}`);
      }
      if (!('calls' in turn.expect)) continue;
      for (const call of turn.expect.calls) {
        checked++;
        const definition = registry.get(call.tool);
        if (!definition) {
          const allowed = FUTURE_TOOLS[call.tool];
          if (!allowed) { problems.push(`${conv.id}: unknown tool ${call.tool}`); continue; }
          const extra = Object.keys(call.args).filter((k) => !allowed.includes(k));
          if (extra.length) problems.push(`${conv.id}: ${call.tool} has unexpected args ${extra.join(', ')}`);
          for (const [key, tool] of [['lead', 'lead_get'], ['opportunity', 'opportunity_get']] as const) {
            if (typeof call.args[key] !== 'string') continue;
            const r = await run(tool, { [key]: call.args[key] }, actor);
            if (!r.ok) problems.push(`${conv.id}: ${call.tool}.${key} "${String(call.args[key])}" -> ${r.error.code}`);
          }
          continue;
        }
        const input = toInput(call.tool, call.args, EVAL_NOW);
        if (VALIDATE_ONLY.has(call.tool) && typeof input.path === 'string') {
          const parsed = registry.inputSchemaOf(definition).safeParse(input);
          if (!parsed.success) problems.push(`${conv.id}: ${call.tool} input invalid: ${parsed.error.message}`);
          continue;
        }
        const callInput = definition.annotations.readOnlyHint ? input : { ...input, dryRun: true };
        const r = call.tool in PRECONDITIONS ? await runAfter(call.tool, callInput, actor, conv.actor) : await run(call.tool, callInput, actor);
        if (!r.ok) problems.push(`${conv.id}: ${call.tool} ${JSON.stringify(call.args).slice(0, 120)} -> ${r.error.code}: ${r.error.message}`);
      }
    }
  }
  console.log(`${checked} calls and probes checked, ${problems.length} problems`);
  for (const p of problems) console.log(' -', p);
  await store.close();
  process.exitCode = problems.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
