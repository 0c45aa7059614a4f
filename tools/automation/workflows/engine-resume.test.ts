import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../../core/embeddings/local.ts';
import { silentLogger } from '../../../core/logger.ts';
import type { Store } from '../../../db/client.ts';
import { loadScope, type Actor } from '../../../db/repos/scope.ts';
import { getRun, insertRun } from '../../../db/repos/workflows.ts';
import { auditLog, leads, scoreHistory, tasks, toolResults, workflowSteps } from '../../../db/schema/index.ts';
import { createTestStore } from '../../../test/helpers/db.ts';
import { ago } from '../../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../../test/helpers/org.ts';
import { call } from '../../../test/helpers/tools.ts';
import { registry } from '../../index.ts';
import { stepRowGate } from './approval-gate.ts';
import { advance } from './engine.ts';
import type { WorkflowDefinition } from './types.ts';

// A process dying between a step's committed calls and its step row, or in the middle of undoing, stands in
// here as an exception thrown at that point (advance() lets anything but StepFailed through, as a kill would
// leave it); the next advance() is the restart. npm run test:faults does the same with real SIGKILLs.

class Crash extends Error {}

describe('workflow engine: resuming after an interruption', () => {
  let store: Store;
  let org: FixtureOrg;
  const lead = fixtureId();
  const lead2 = fixtureId();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(leads).values([
      { id: lead, fullName: 'Rita Resume', email: 'rita@example.com', ownerId: org.users.repAnna.userId, createdAt: ago(3) },
      { id: lead2, fullName: 'Una Undo', email: 'una@example.com', ownerId: org.users.repAnna.userId, createdAt: ago(3) },
    ]);
  });
  afterAll(() => store.close());

  const context = async (actor: Actor, afterCall?: (name: string) => void) => ({
    actor, scope: await loadScope(store.db, actor), db: store.db, log: silentLogger, now: ORG_NOW, embedder: createLocalEmbedder(),
    callTool: async (name: string, input: unknown, o: { requestId: string; actor?: Actor; idempotencyKey?: string }) => {
      const result = await registry.execute(name, input, o.actor ?? actor, { db: store.db, log: silentLogger, now: ORG_NOW, embedder: createLocalEmbedder(), requestId: o.requestId, idempotencyKey: o.idempotencyKey });
      afterCall?.(name);
      return result;
    },
  });

  it('a step whose calls committed before the crash is not written again on resume: its results come back by key', async () => {
    let crash = true;
    const def: WorkflowDefinition = {
      name: 'test_resume', description: 'score, then a task, then a crash before the step row', requires: [],
      steps: [
        {
          key: 'work',
          run: async (c) => {
            const scored = await c('lead_score', { lead });
            const task = await c('task_create', { title: 'Resume test task', lead });
            if (crash) throw new Crash('killed before the step row was saved');
            return { output: { score: (scored as { results: { score: number }[] }).results[0]!.score, task: (task as { task: { id: string } }).task.id } };
          },
        },
      ],
    };
    const actor: Actor = org.users.repAnna;
    const run = await insertRun(store.db, { workflow: 'test_resume', status: 'running', actorId: actor.userId, actorRole: actor.role, actorTeamId: actor.teamId, input: {} });
    await expect(advance(await context(actor), def, run.id, stepRowGate)).rejects.toThrow(Crash);
    expect(await store.db.select().from(workflowSteps).where(eq(workflowSteps.runId, run.id))).toEqual([]);
    crash = false;
    const done = await advance(await context(actor), def, run.id, stepRowGate);
    expect(done.status).toBe('succeeded');
    const made = await store.db.select().from(tasks).where(eq(tasks.title, 'Resume test task'));
    expect(made).toHaveLength(1);
    expect(await store.db.select().from(scoreHistory).where(eq(scoreHistory.leadId, lead))).toHaveLength(1);
    expect(done.state).toEqual({ work: { score: expect.any(Number), task: made[0]!.id } });
    // one audit row per write, both under the step's request id; one stored result per call
    const audits = await store.db.select().from(auditLog).where(eq(auditLog.requestId, `wf:${run.id}:work`));
    expect(audits.map((a) => a.tool).sort()).toEqual(['lead_score', 'task_create']);
    expect((await store.db.select().from(toolResults).where(like(toolResults.key, `wf:${run.id}:%`))).map((r) => r.key).sort()).toEqual([`wf:${run.id}:work#0`, `wf:${run.id}:work#1`]);
  });

  it('a compensation killed after one undo finishes on resume without undoing anything twice', async () => {
    let crashAfterUndo = true;
    const def: WorkflowDefinition = {
      name: 'test_undo', description: 'two compensable writes, then a failing step', requires: [],
      steps: [
        { key: 'stage', compensate: true, run: async (c) => ({ output: await c('lead_set_stage', { lead: lead2, stage: 'contacted', reason: 'undo test' }) }) },
        {
          key: 'tasks', compensate: true,
          run: async (c) => {
            await c('task_create', { title: 'Undo test A', lead: lead2 });
            await c('task_create', { title: 'Undo test B', lead: lead2 });
            return { output: {} };
          },
        },
        { key: 'boom', run: async (c) => ({ output: await c('lead_set_stage', { lead: lead2, stage: 'no_such_stage' }) }) },
      ],
    };
    const actor: Actor = org.users.repAnna;
    const run = await insertRun(store.db, { workflow: 'test_undo', status: 'running', actorId: actor.userId, actorRole: actor.role, actorTeamId: actor.teamId, input: {} });
    const killer = (name: string) => {
      if (name === 'audit_undo' && crashAfterUndo) throw new Crash('killed after the first undo committed');
    };
    await expect(advance(await context(actor, killer), def, run.id, stepRowGate)).rejects.toThrow(Crash);
    expect((await getRun(store.db, run.id))!.status).toBe('compensating');
    expect(await store.db.select().from(tasks).where(like(tasks.title, 'Undo test %'))).toHaveLength(1);
    crashAfterUndo = false;
    const done = await advance(await context(actor), def, run.id, stepRowGate);
    expect([done.status, done.error]).toEqual(['failed', expect.stringMatching(/^boom failed: lead_set_stage:/)]);
    const steps = await store.db.select().from(workflowSteps).where(eq(workflowSteps.runId, run.id)).orderBy(workflowSteps.position);
    expect(steps.map((s) => [s.key, s.status])).toEqual([['stage', 'compensated'], ['tasks', 'compensated'], ['boom', 'failed']]);
    expect(await store.db.select().from(tasks).where(like(tasks.title, 'Undo test %'))).toEqual([]);
    expect((await store.db.select().from(leads).where(eq(leads.id, lead2)))[0]!.lifecycleStage).toBe('new');
    // three writes, three undos: none twice
    const undos = await store.db.select().from(auditLog).where(and(eq(auditLog.tool, 'audit_undo'), like(auditLog.requestId, `wf:${run.id}:%`)));
    expect(undos).toHaveLength(3);
    // a resume of a finished run changes nothing
    expect((await advance(await context(actor), def, run.id, stepRowGate)).status).toBe('failed');
  });

  it('the same idempotency key with another call is refused, never answered with the first result', async () => {
    const services = { db: store.db, log: silentLogger, now: ORG_NOW, embedder: createLocalEmbedder(), idempotencyKey: 'test:reuse' };
    const first = await registry.execute('task_create', { title: 'Key reuse A', lead }, org.users.repAnna, services);
    const again = await registry.execute('task_create', { title: 'Key reuse A', lead }, org.users.repAnna, services);
    const other = await registry.execute('task_create', { title: 'Key reuse B', lead }, org.users.repAnna, services);
    expect(first.ok && again.ok && again.data).toEqual(first.ok && first.data);
    expect(other.ok ? 'ok' : other.error.code).toBe('conflict:idempotency_key');
    expect(await store.db.select().from(tasks).where(like(tasks.title, 'Key reuse %'))).toHaveLength(1);
    // a dry run neither uses nor stores the key
    expect((await call(store.db, org.users.repAnna, 'task_create', { title: 'Key reuse C', lead, dryRun: true })).ok).toBe(true);
  });
});
