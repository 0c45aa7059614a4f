import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore, type Store } from '../../db/client.ts';
import { loadScope, type Actor } from '../../db/repos/scope.ts';
import { insertRun } from '../../db/repos/workflows.ts';
import { approvals, auditLog, leads, opportunities, tasks, workflowSteps } from '../../db/schema/index.ts';
import { createTestStore, dumpStore } from '../../test/helpers/db.ts';
import { ago } from '../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import { registry } from '../index.ts';
import { stepRowGate } from './workflows/approval-gate.ts';
import { advance } from './workflows/engine.ts';
import type { WorkflowDefinition } from './workflows/types.ts';
import type { RunView } from './workflows/view.ts';

describe('workflow_run / workflow_decide', () => {
  let store: Store;
  let org: FixtureOrg;
  const deal = fixtureId();
  const deal2 = fixtureId();
  const dealTask = fixtureId();
  const lead = fixtureId();
  const stores: Store[] = [];

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    const base = { accountId: org.accounts.acme, ownerId: anna, valueMinor: 25_000_00, stage: 'proposal' as const, probability: 50, stageEnteredAt: ago(10), createdAt: ago(50) };
    await store.db.insert(opportunities).values([{ ...base, id: deal, name: 'Acme lost cause' }, { ...base, id: deal2, name: 'Acme second try' }]);
    await store.db.insert(tasks).values({ id: dealTask, title: 'Chase Acme legal', ownerId: anna, opportunityId: deal, dueAt: ago(-2) });
    await store.db.insert(leads).values({ id: lead, fullName: 'Wanda Workflow', email: 'wanda@example.com', ownerId: anna, createdAt: ago(3) });
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await store.close();
  });

  it('close_lost waits at its gate, survives a restart of the database, and finishes when a manager approves', async () => {
    const started = await callOk<{ runs: RunView[] }>(store.db, org.users.repAnna, 'workflow_run', { workflow: 'close_lost', opportunity: 'Acme lost cause', reason: 'budget moved to next year' });
    const run = started.runs[0]!;
    expect(run.status).toBe('waiting_approval');
    expect(run.waitingFor).toEqual({ step: 'approve_close', title: 'Close Acme lost cause as lost: budget moved to next year', approverRole: 'manager' });
    expect((await store.db.select().from(opportunities).where(eq(opportunities.id, deal)))[0]!.stage).toBe('proposal');

    // "restart": the data directory is dumped and opened by a brand-new database instance
    const restarted = await openStore({ kind: 'pglite', loadDataDir: await dumpStore(store) });
    stores.push(restarted);
    const later = new Date(ORG_NOW.getTime() + 3 * 86_400_000);
    const rep = await call(restarted.db, org.users.repAnna, 'workflow_decide', { run: run.runId, decision: 'approve' }, later);
    expect(rep.ok ? 'ok' : rep.error.code).toBe('forbidden');
    const west = await call(restarted.db, org.users.managerWest, 'workflow_decide', { decision: 'approve' }, later);
    expect(west.ok ? 'ok' : west.error.code).toBe('nothing_pending');
    const decided = await callOk<{ run: RunView }>(restarted.db, org.users.managerEast, 'workflow_decide', { decision: 'approve', note: 'agreed' }, later);
    expect(decided.run.status).toBe('succeeded');
    expect(decided.run.steps.map((s) => [s.key, s.status])).toEqual([['deal', 'done'], ['approve_close', 'done'], ['set_stage', 'done'], ['cancel_tasks', 'done'], ['nurture', 'done']]);

    // the gate was a row of the one approvals mechanism, decided by the manager and audited there
    const [gate] = await restarted.db.select().from(approvals).where(eq(approvals.key, `workflow:${run.runId}:approve_close`));
    expect(gate).toMatchObject({ source: 'workflow', threadId: run.runId, requesterId: org.users.repAnna.userId, status: 'approved', decidedBy: org.users.managerEast.userId });
    const gateAudit = await restarted.db.select().from(auditLog).where(eq(auditLog.action, 'approval.approved'));
    expect(gateAudit.map((a) => a.actorId)).toEqual([org.users.managerEast.userId]);

    // each step was its own registry call with its own audit row, tagged with the run and step
    const stepAudits = await restarted.db.select().from(auditLog).where(like(auditLog.requestId, `wf:${run.runId}:%`)).orderBy(auditLog.seq);
    expect(stepAudits.map((a) => [a.requestId, a.tool, a.actorId])).toEqual([
      [`wf:${run.runId}:set_stage`, 'opportunity_set_stage', org.users.repAnna.userId],
      [`wf:${run.runId}:cancel_tasks`, 'task_update', org.users.repAnna.userId],
      [`wf:${run.runId}:nurture`, 'task_create', org.users.repAnna.userId],
    ]);
    const [closed] = await restarted.db.select().from(opportunities).where(eq(opportunities.id, deal));
    expect(closed).toMatchObject({ stage: 'closed_lost', outcome: 'lost', lostReason: 'budget moved to next year' });
    const [cancelled] = await restarted.db.select().from(tasks).where(eq(tasks.id, dealTask));
    expect(cancelled!.status).toBe('cancelled');
    const [nurture] = await restarted.db.select().from(tasks).where(like(tasks.title, 'Nurture:%'));
    // 90 days after the decision, end of the working day in Anna's zone (New York): 17:00 EDT = 21:00Z
    expect(nurture).toMatchObject({ ownerId: org.users.repAnna.userId, opportunityId: deal, dueAt: new Date('2026-09-16T21:00:00Z') });
  });

  it('a rejected gate ends the run with nothing changed', async () => {
    const started = await callOk<{ runs: RunView[] }>(store.db, org.users.repAnna, 'workflow_run', { workflow: 'close_lost', opportunity: deal2, reason: 'went dark' });
    const out = await callOk<{ run: RunView }>(store.db, org.users.managerEast, 'workflow_decide', { run: started.runs[0]!.runId, decision: 'reject', note: 'keep trying' });
    expect([out.run.status, out.run.error]).toEqual(['rejected', 'approve_close rejected: keep trying']);
    expect((await store.db.select().from(opportunities).where(eq(opportunities.id, deal2)))[0]!.stage).toBe('proposal');
  });

  it('a failing step undoes the earlier ones and leaves no partial rows', async () => {
    const failing: WorkflowDefinition = {
      name: 'test_fail', description: 'three writes, then a step that fails', requires: [],
      steps: [
        { key: 'stage', compensate: true, run: async (c) => ({ output: await c('lead_set_stage', { lead, stage: 'contacted', reason: 'workflow test' }) }) },
        { key: 'task', compensate: true, run: async (c) => ({ output: await c('task_create', { title: 'Workflow temp task', lead }) }) },
        { key: 'touch', compensate: true, run: async (c, s) => ({ output: await c('task_update', { task: (s.outputs.task as { task: { id: string } }).task.id, priority: 'urgent' }) }) },
        { key: 'boom', run: async (c) => ({ output: await c('opportunity_set_stage', { opportunity: deal2, stage: 'closed_won', reason: 'no won reason given' }) }) },
      ],
    };
    const actor: Actor = org.users.repAnna;
    const ctx = {
      actor, scope: await loadScope(store.db, actor), db: store.db, log: silentLogger, now: ORG_NOW, embedder: createLocalEmbedder(),
      callTool: (name: string, input: unknown, o: { requestId: string; actor?: Actor }) =>
        registry.execute(name, input, o.actor ?? actor, { db: store.db, log: silentLogger, now: ORG_NOW, embedder: createLocalEmbedder(), requestId: o.requestId }),
    };
    const run = await insertRun(store.db, { workflow: 'test_fail', status: 'running', actorId: actor.userId, actorRole: actor.role, actorTeamId: actor.teamId, input: {} });
    const done = await advance(ctx, failing, run.id, stepRowGate);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/^boom failed: opportunity_set_stage: wonReason/);
    const steps = await store.db.select().from(workflowSteps).where(eq(workflowSteps.runId, run.id)).orderBy(workflowSteps.position);
    expect(steps.map((s) => [s.key, s.status])).toEqual([['stage', 'compensated'], ['task', 'compensated'], ['touch', 'compensated'], ['boom', 'failed']]);
    expect((await store.db.select().from(leads).where(eq(leads.id, lead)))[0]!.lifecycleStage).toBe('new');
    expect(await store.db.select().from(tasks).where(eq(tasks.title, 'Workflow temp task'))).toEqual([]);
  });

  it('onboard_lead run by a manager: assigns, scores, passes its own gate, skips the draft this build lacks, creates the call task', async () => {
    const out = await callOk<{ runs: RunView[] }>(store.db, org.users.managerEast, 'workflow_run', { workflow: 'onboard_lead', lead: 'Wanda Workflow' });
    const run = out.runs[0]!;
    expect(run.status).toBe('succeeded');
    const status = Object.fromEntries(run.steps.map((s) => [s.key, s.status]));
    expect(status).toMatchObject({ lead: 'done', dedupe: 'done', assign: 'done', score: 'done', approve_outreach: 'done', call_task: 'done' });
    expect(['done', 'skipped']).toContain(status.intro_draft);
    const [task] = await store.db.select().from(tasks).where(eq(tasks.title, 'Intro call with Wanda Workflow'));
    expect(task).toMatchObject({ type: 'call', priority: 'high', leadId: lead });
    const missing = await call(store.db, org.users.repAnna, 'workflow_run', { workflow: 'close_lost', opportunity: deal2 });
    expect(missing.ok ? 'ok' : missing.error.message).toBe('reason: close_lost needs reason');
  });
});
