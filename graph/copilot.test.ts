import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStepResult, ToolCall } from '../agents/models/types.ts';
import { fixedClock } from '../core/clock.ts';
import { parseEnv } from '../core/env.ts';
import { silentLogger } from '../core/logger.ts';
import { approvals, auditLog, leads, users } from '../db/schema/index.ts';
import { createFixtureRuntime } from '../test/helpers/runtime.ts';
import { ORG_NOW, type FixtureOrg } from '../test/helpers/org.ts';
import { scriptedModel, type Script } from '../test/helpers/scripted-model.ts';
import { copilotServices } from '../tools/copilot/services.ts';
import { registry } from '../tools/index.ts';
import { openRuntime, type Runtime } from '../tools/runtime.ts';
import { createCopilot, type Copilot, type CopilotEvent } from './copilot.ts';

// The graph end to end over a real store and the real registry, driven by a scripted tool-calling model.

const answerOf = (text: string): AgentStepResult => ({ kind: 'answer', text });

const script: Script = {
  route(text) {
    if (/explode/i.test(text)) throw new Error('model went away');
    if (/weather/i.test(text)) return { kind: 'decline', text: 'I can only help with sales work here.' };
    if (/ and the pipeline/i.test(text)) return { kind: 'plan', steps: [{ agent: 'lead', request: 'find dana' }, { agent: 'opportunity', request: 'the pipeline' }] };
    if (/draft/i.test(text)) return { kind: 'plan', steps: [{ agent: 'communication', request: text }] };
    if (/pipeline/i.test(text)) return { kind: 'plan', steps: [{ agent: 'opportunity', request: text }] };
    return { kind: 'plan', steps: [{ agent: 'lead', request: text }] };
  },
  step(request, turn) {
    const text = request.request;
    if (request.agent.name === 'opportunity') {
      const summary = turn.parsed('pipeline_summary');
      if (!summary) return { kind: 'tool_calls', calls: [{ id: 'c-pipe', name: 'pipeline_summary', input: {} }] };
      return answerOf(`Pipeline has ${(summary as { totals?: { count?: number } }).totals?.count ?? 0} open deals.`);
    }
    if (/find dana/i.test(text)) {
      const found = turn.parsed('lead_search') as { leads: { fullName: string }[]; page: { total: number } } | undefined;
      if (!found) return { kind: 'tool_calls', calls: [{ id: 'c-search', name: 'lead_search', input: { query: 'Dana' } }] };
      return answerOf(`Found ${found.page.total} lead: ${found.leads.map((l) => l.fullName).join(', ')}.`);
    }
    if (/what stage/i.test(text)) {
      const lead = request.context.focus.find((f) => f.kind === 'lead');
      if (!lead) return { kind: 'clarify', text: 'Which lead?' };
      const got = turn.parsed('lead_get') as { lead: { fullName: string; lifecycleStage: string } } | undefined;
      if (!got) return { kind: 'tool_calls', calls: [{ id: `c-get-${request.messages.length}`, name: 'lead_get', input: { lead: lead.id } }] };
      return answerOf(`${got.lead.fullName} is at ${got.lead.lifecycleStage}.`);
    }
    if (/two writes/i.test(text)) {
      if (turn.results.length === 0) {
        return {
          kind: 'tool_calls',
          calls: [
            { id: `c-stage-${request.messages.length}`, name: 'lead_set_stage', input: { lead: 'Dana Kim', stage: 'qualified', reason: 'budget confirmed' } },
            { id: `c-owner-${request.messages.length}`, name: 'lead_upsert', input: { lead: 'Dana Kim', phone: '+1 617 555 0100' } },
          ],
        };
      }
      return answerOf(turn.results.map((r) => `${r.name}: ${r.ok ? 'done' : 'not done'}`).join('; '));
    }
    if (/qualify dana|both/i.test(text)) {
      if (turn.results.length === 0) {
        const calls: ToolCall[] = [{ id: `c-move-${request.messages.length}`, name: 'lead_set_stage', input: { lead: 'Dana Kim', stage: 'qualified', reason: 'budget confirmed on the call' } }];
        if (/both/i.test(text)) calls.unshift({ id: `c-read-${request.messages.length}`, name: 'lead_search', input: { query: 'Dana' } });
        return { kind: 'tool_calls', calls };
      }
      const move = turn.results.find((r) => r.name === 'lead_set_stage')!;
      if (!move.ok) return answerOf(`Nothing changed: ${move.content}`);
      const out = JSON.parse(move.content) as { from: string; to: string };
      return answerOf(`Dana moved from ${out.from} to ${out.to}.`);
    }
    if (/nobody/i.test(text)) {
      if (turn.results.length === 0) return { kind: 'tool_calls', calls: [{ id: 'c-bad', name: 'lead_get', input: { lead: 'Nobody Atall' } }] };
      if (turn.results.length === 1) return { kind: 'tool_calls', calls: [{ id: 'c-recover', name: 'lead_search', input: { query: 'Dana' } }] };
      return answerOf('No Nobody Atall, but I found Dana Kim.');
    }
    if (/score dana/i.test(text)) {
      if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `c-score-${request.messages.length}`, name: 'lead_score', input: { lead: 'Dana Kim' } }] };
      return answerOf(turn.last.ok ? 'Scored.' : `Failed: ${turn.last.content}`);
    }
    if (/remember/i.test(text)) {
      if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `c-mem-${request.messages.length}`, name: 'lead_remember', input: { lead: 'Dana Kim', note: 'prefers calls before 10am' } }] };
      return answerOf('Noted.');
    }
    if (request.agent.name === 'communication') {
      const notes = request.context.leadNotes?.map((lead) => `${lead.lead}: ${lead.notes.join('; ')}`).join(' | ') ?? 'none';
      return answerOf(`Draft using what we know: ${notes}`);
    }
    if (/assign/i.test(text)) return { kind: 'tool_calls', calls: [{ id: 'c-assign', name: 'lead_assign', input: { lead: 'Dana Kim' } }] };
    return answerOf('ok');
  },
};

async function collect(events: AsyncIterable<CopilotEvent>): Promise<CopilotEvent[]> {
  const out: CopilotEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}
const of = <T extends CopilotEvent['type']>(events: CopilotEvent[], type: T) => events.filter((e): e is Extract<CopilotEvent, { type: T }> => e.type === type);
const threadOf = (events: CopilotEvent[]) => of(events, 'thread')[0]!.threadId;

let runtime: Runtime;
let org: FixtureOrg;
let danaId: string;
let memoryThread: string;
const restarted: Runtime[] = [];

function copilotOn(rt: Runtime, model = scriptedModel(script)): Copilot {
  return createCopilot({ model, services: copilotServices(rt, registry) });
}

/** A new process: the store dumped and reopened, a new runtime, a new copilot. */
async function restart(rt: Runtime): Promise<Runtime> {
  const blob = await rt.store.pglite!.dumpDataDir('none');
  const next = await openRuntime({ env: parseEnv({ SEED_ON_EMPTY: 'false' }), clock: fixedClock(ORG_NOW), log: silentLogger, storeOptions: { kind: 'pglite', loadDataDir: blob } });
  restarted.push(next);
  return next;
}

const stageOf = async (rt: Runtime) => (await rt.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.id, danaId)))[0]!.stage;

beforeAll(async () => {
  ({ runtime, org } = await createFixtureRuntime());
  const [dana] = await runtime.db
    .insert(leads)
    .values({ fullName: 'Dana Kim', firstName: 'Dana', email: 'dana@acme.com', ownerId: org.users.repAnna.userId, accountId: org.accounts.acme, lifecycleStage: 'contacted' })
    .returning({ id: leads.id });
  danaId = dana!.id;
  await runtime.db.insert(leads).values({ fullName: 'Sam Lee', email: 'sam@globex.com', ownerId: org.users.repBen.userId, accountId: org.accounts.globex });
});

afterAll(async () => {
  for (const rt of restarted) await rt.close();
  await runtime.close();
});

describe('copilot graph', () => {
  it('routes to an agent, runs its tool through the registry as the caller, and answers from the result', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'find dana', actor: org.users.repAnna }));
    expect(events.map((e) => e.type)).toEqual(['thread', 'agent', 'tool_start', 'tool_end', 'answer']);
    expect(of(events, 'tool_end')[0]).toMatchObject({ agent: 'lead', name: 'lead_search', ok: true });
    expect(of(events, 'answer')[0]).toMatchObject({ text: 'Found 1 lead: Dana Kim.', agents: ['lead'] });
  });

  it('scopes tool calls to the caller: Ben (another rep) does not see Dana', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'find dana', actor: org.users.repBen }));
    expect(of(events, 'answer')[0]!.text).toBe('Found 0 lead: .');
  });

  it('visits several agents in order for a compound request and returns one answer', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'find dana and the pipeline', actor: org.users.repAnna }));
    expect(of(events, 'agent').map((e) => e.agent)).toEqual(['lead', 'opportunity']);
    const answer = of(events, 'answer')[0]!;
    expect(answer.agents).toEqual(['lead', 'opportunity']);
    expect(answer.text).toMatch(/^Found 1 lead: Dana Kim\.\n\nPipeline has \d+ open deals\.$/);
  });

  it('declines out-of-scope requests without running a tool', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'what is the weather', actor: org.users.repAnna }));
    expect(events.map((e) => e.type)).toEqual(['thread', 'answer']);
    expect(of(events, 'answer')[0]!.text).toContain('sales work');
  });

  it('remembers the thread: "she" resolves from the focus', async () => {
    const first = await collect(copilotOn(runtime).send({ message: 'find dana', actor: org.users.repAnna }));
    const threadId = threadOf(first);
    const second = await collect(copilotOn(runtime).send({ threadId, message: 'what stage is she at', actor: org.users.repAnna }));
    expect(of(second, 'answer')[0]!.text).toBe('Dana Kim is at contacted.');
    memoryThread = threadId;
    const view = await copilotOn(runtime).thread(threadId, org.users.repAnna);
    expect(view?.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['find dana', 'what stage is she at']);
    expect(view?.focus[0]).toEqual({ kind: 'lead', id: danaId, name: 'Dana Kim' });
    expect(await copilotOn(runtime).thread(threadId, org.users.repBen)).toBeUndefined();
  });

  it('keeps what a conversation says about a lead on the lead, and the communication agent reads it later', async () => {
    const first = await collect(copilotOn(runtime).send({ message: 'remember Dana prefers calls before 10', actor: org.users.repAnna }));
    expect(of(first, 'approval_required')).toEqual([]);
    expect(of(first, 'tool_end')[0]).toMatchObject({ name: 'lead_remember', ok: true });
    // a new thread: the note lives on the lead, found through the focus the lookup sets
    const lookup = await collect(copilotOn(runtime).send({ message: 'find dana', actor: org.users.repAnna }));
    const draft = await collect(copilotOn(runtime).send({ threadId: threadOf(lookup), message: 'draft her a follow-up', actor: org.users.repAnna }));
    expect(of(draft, 'answer')[0]!.text).toBe('Draft using what we know: Dana Kim: prefers calls before 10am');
  });

  it('reports a model failure as an error event, and the thread carries on with the next message', async () => {
    const failed = await collect(copilotOn(runtime).send({ message: 'explode', actor: org.users.repAnna }));
    expect(failed.at(-1)).toEqual({ type: 'error', code: 'internal', message: 'The copilot failed: model went away' });
    const next = await collect(copilotOn(runtime).send({ threadId: threadOf(failed), message: 'find dana', actor: org.users.repAnna }));
    expect(of(next, 'answer')[0]!.text).toBe('Found 1 lead: Dana Kim.');
  });

  it('runs two messages sent at once on one thread one after the other', async () => {
    const first = await collect(copilotOn(runtime).send({ message: 'find dana', actor: org.users.repAnna }));
    const copilot = copilotOn(runtime);
    const threadId = threadOf(first);
    const [a, b] = await Promise.all([
      collect(copilot.send({ threadId, message: 'what stage is she at', actor: org.users.repAnna })),
      collect(copilot.send({ threadId, message: 'find dana', actor: org.users.repAnna })),
    ]);
    expect(of(a, 'answer')[0]!.text).toBe('Dana Kim is at contacted.');
    expect(of(b, 'answer')[0]!.text).toBe('Found 1 lead: Dana Kim.');
    const view = await copilot.thread(threadId, org.users.repAnna);
    expect(view!.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['find dana', 'what stage is she at', 'find dana']);
  });

  it('keeps someone else out of a thread', async () => {
    const first = await collect(copilotOn(runtime).send({ message: 'find dana', actor: org.users.repAnna }));
    const events = await collect(copilotOn(runtime).send({ threadId: threadOf(first), message: 'find dana', actor: org.users.repBen }));
    expect(events).toEqual([{ type: 'error', code: 'not_found:thread', message: `No conversation ${threadOf(first)}` }]);
  });

  it('gives an expected miss back to the model, which recovers', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'look up nobody', actor: org.users.repAnna }));
    expect(of(events, 'tool_end').map((e) => [e.name, e.ok, e.error?.code])).toEqual([
      ['lead_get', false, 'not_found:lead'],
      ['lead_search', true, undefined],
    ]);
    expect(of(events, 'answer')[0]!.text).toBe('No Nobody Atall, but I found Dana Kim.');
  });

  it('shows a rep only the tools a rep may call, and an exec no writes', async () => {
    const model = scriptedModel(script);
    await collect(copilotOn(runtime, model).send({ message: 'find dana', actor: org.users.repAnna }));
    await collect(copilotOn(runtime, model).send({ message: 'find dana', actor: org.users.exec }));
    const toolsOf = (role: string) => model.steps.find((s) => s.context.actor.role === role)!.tools.map((t) => t.name);
    const [repTools, execTools] = [toolsOf('rep'), toolsOf('exec')];
    expect(repTools).toContain('lead_set_stage');
    expect(repTools).not.toContain('lead_assign');
    expect(execTools).toContain('lead_search');
    expect(execTools!.filter((name) => !registry.get(name)!.annotations.readOnlyHint)).toEqual([]);
    for (const step of model.steps) {
      for (const tool of step.tools) {
        expect(tool.inputSchema.properties).not.toHaveProperty('dryRun');
        expect(tool.inputSchema).not.toHaveProperty('$schema');
      }
    }
  });

  it('refuses a tool the caller may not call even when the model asks for it', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'assign dana', actor: org.users.repAnna }));
    expect(of(events, 'tool_end')[0]).toMatchObject({ name: 'lead_assign', ok: false, error: { code: 'forbidden' } });
  });
});

describe('approvals inside an agent', () => {
  it('pauses a stage change with its dry-run preview; in a new process the thread remembers and the manager approves', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'qualify dana', actor: org.users.repAnna }));
    const pending = of(events, 'approval_required');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ tool: 'lead_set_stage', agent: 'lead', preview: { from: 'contacted', to: 'qualified', changed: true } });
    expect(of(events, 'answer')).toEqual([]);
    expect(await stageOf(runtime)).toBe('contacted');

    const later = await restart(runtime);
    const model = scriptedModel(script);
    const memory = await collect(copilotOn(later, model).send({ threadId: memoryThread, message: 'what stage is she at now', actor: org.users.repAnna }));
    expect(of(memory, 'answer')[0]!.text).toBe('Dana Kim is at contacted.');
    // the whole thread came back: three user messages, earlier answers included
    expect(model.routes[0]!.messages.filter((m) => m.role === 'user')).toHaveLength(3);

    const other = await collect(copilotOn(later).decide({ actor: org.users.repBen, approvalId: pending[0]!.approvalId, decision: 'approve' }));
    expect(other).toEqual([expect.objectContaining({ type: 'error', code: 'not_found:approval' })]);

    const decided = await collect(copilotOn(later).decide({ actor: org.users.managerEast, approvalId: pending[0]!.approvalId, decision: 'approve' }));
    expect(of(decided, 'tool_end')[0]).toMatchObject({ name: 'lead_set_stage', ok: true });
    expect(of(decided, 'answer')[0]!.text).toBe('Dana moved from contacted to qualified.');
    expect(await stageOf(later)).toBe('qualified');
    const [row] = await later.db.select().from(approvals).where(eq(approvals.id, pending[0]!.approvalId));
    expect(row).toMatchObject({ status: 'approved', decidedBy: org.users.managerEast.userId, result: { ok: true } });
    const audits = await later.db.select().from(auditLog).where(and(eq(auditLog.tool, 'approvals'), eq(auditLog.action, 'approval.approved')));
    expect(audits).toHaveLength(1);
    // deciding twice is refused
    const again = await collect(copilotOn(later).decide({ actor: org.users.admin, approvalId: pending[0]!.approvalId, decision: 'approve' }));
    expect(again[0]).toMatchObject({ type: 'error', code: 'conflict' });
    await later.db.update(leads).set({ lifecycleStage: 'contacted' }).where(eq(leads.id, danaId));
    await runtime.db.update(leads).set({ lifecycleStage: 'contacted' }).where(eq(leads.id, danaId));
  });

  it('runs an approved write with the requester\'s role as it is when the decision comes, not as the thread stored it', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'qualify dana', actor: org.users.repAnna }));
    const approvalId = of(events, 'approval_required')[0]!.approvalId;
    // Anna becomes an exec (who changes nothing) before her manager approves
    await runtime.db.update(users).set({ role: 'exec' }).where(eq(users.id, org.users.repAnna.userId));
    try {
      const decided = await collect(copilotOn(runtime).decide({ actor: org.users.managerEast, approvalId, decision: 'approve' }));
      expect(of(decided, 'tool_end')[0]).toMatchObject({ name: 'lead_set_stage', ok: false, error: { code: 'forbidden' } });
      expect(await stageOf(runtime)).toBe('contacted');
    } finally {
      await runtime.db.update(users).set({ role: 'rep' }).where(eq(users.id, org.users.repAnna.userId));
    }
  });

  it('never asks about writes that only record derived values (a score), which are still audited', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'score dana', actor: org.users.repAnna }));
    expect(of(events, 'approval_required')).toEqual([]);
    expect(of(events, 'answer')[0]!.text).toBe('Scored.');
    const audits = await runtime.db.select().from(auditLog).where(and(eq(auditLog.tool, 'lead_score'), eq(auditLog.dryRun, false)));
    expect(audits.length).toBeGreaterThan(0);
  });

  it('tells the model about a rejection and changes nothing', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'qualify dana', actor: org.users.repAnna }));
    const approvalId = of(events, 'approval_required')[0]!.approvalId;
    const decided = await collect(copilotOn(runtime).decide({ actor: org.users.repAnna, approvalId, decision: 'reject' }));
    expect(of(decided, 'answer')[0]!.text).toMatch(/^Nothing changed: .*rejected/);
    expect(await stageOf(runtime)).toBe('contacted');
  });

  it('re-previews an edit as a new approval, then runs the edited input', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'qualify dana', actor: org.users.repAnna }));
    const first = of(events, 'approval_required')[0]!;
    const edited = await collect(copilotOn(runtime).decide({ actor: org.users.repAnna, approvalId: first.approvalId, decision: 'edit', input: { stage: 'opportunity' } }));
    const second = of(edited, 'approval_required');
    expect(second).toHaveLength(1);
    expect(second[0]!.approvalId).not.toBe(first.approvalId);
    expect(second[0]).toMatchObject({ input: { stage: 'opportunity' }, preview: { from: 'contacted', to: 'opportunity' } });
    expect(await stageOf(runtime)).toBe('contacted');
    const done = await collect(copilotOn(runtime).decide({ actor: org.users.repAnna, approvalId: second[0]!.approvalId, decision: 'approve' }));
    expect(of(done, 'answer')[0]!.text).toBe('Dana moved from contacted to opportunity.');
    expect(await stageOf(runtime)).toBe('opportunity');
    await runtime.db.update(leads).set({ lifecycleStage: 'contacted' }).where(eq(leads.id, danaId));
  });

  it('runs parallel calls as separate tasks: approving the write does not re-run the read', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'do both', actor: org.users.repAnna }));
    expect(of(events, 'tool_end').map((e) => e.name)).toEqual(['lead_search']);
    const approvalId = of(events, 'approval_required')[0]!.approvalId;
    const decided = await collect(copilotOn(runtime).decide({ actor: org.users.repAnna, approvalId, decision: 'approve' }));
    expect(of(decided, 'tool_start').map((e) => e.name)).toEqual(['lead_set_stage']);
    expect(of(decided, 'answer')[0]!.text).toBe('Dana moved from contacted to qualified.');
    await runtime.db.update(leads).set({ lifecycleStage: 'contacted' }).where(eq(leads.id, danaId));
  });

  it('after one of two approvals in one step is rejected, the resumed turn asks only about the other', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'two writes', actor: org.users.repAnna }));
    const asked = of(events, 'approval_required');
    expect(asked.map((e) => e.tool).sort()).toEqual(['lead_set_stage', 'lead_upsert']);
    const stage = asked.find((e) => e.tool === 'lead_set_stage')!;
    const owner = asked.find((e) => e.tool === 'lead_upsert')!;
    const rejected = await collect(copilotOn(runtime).decide({ actor: org.users.repAnna, approvalId: stage.approvalId, decision: 'reject' }));
    expect(of(rejected, 'approval_required').map((e) => e.approvalId)).toEqual([owner.approvalId]);
    expect(of(rejected, 'answer')).toHaveLength(0);
    const done = await collect(copilotOn(runtime).decide({ actor: org.users.repAnna, approvalId: owner.approvalId, decision: 'reject' }));
    expect(of(done, 'approval_required')).toHaveLength(0);
    expect(of(done, 'answer')[0]!.text).toBe('lead_set_stage: not done; lead_upsert: not done');
    expect(await stageOf(runtime)).toBe('contacted');
  });

  it('expires a pending approval when the user moves on', async () => {
    const events = await collect(copilotOn(runtime).send({ message: 'qualify dana', actor: org.users.repAnna }));
    const approvalId = of(events, 'approval_required')[0]!.approvalId;
    await collect(copilotOn(runtime).send({ threadId: threadOf(events), message: 'find dana', actor: org.users.repAnna }));
    const [row] = await runtime.db.select().from(approvals).where(eq(approvals.id, approvalId));
    expect(row!.status).toBe('expired');
  });
});
