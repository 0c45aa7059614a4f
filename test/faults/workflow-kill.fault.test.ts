import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import type { Store } from '../../db/client.ts';
import { leads, opportunities, tasks } from '../../db/schema/index.ts';
import { registry } from '../../tools/index.ts';
import type { RunView } from '../../tools/automation/workflows/view.ts';
import { createTestStore } from '../helpers/db.ts';
import { ago } from '../helpers/deals.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../helpers/org.ts';
import { digestOf, knownIds, normalize, runWorker, tableRows, twinStores, type Twins } from './harness.ts';

// kill -9 during workflows (tools/automation/workflows/engine.ts), at named points, in a real worker process
// on the `pg` driver; a second worker resumes the run (workflow_run with run). The same calls run
// uninterrupted on a twin store; the affected tables must match row for row (digest equal).

const TABLES = ['opportunities', 'opportunity_stage_history', 'opportunity_field_history', 'tasks', 'leads', 'lead_stage_history', 'lead_field_history', 'score_history', 'audit_log', 'workflow_runs', 'workflow_steps', 'approvals', 'tool_results'];

interface Scenario {
  name: string;
  actor: keyof FixtureOrg['users'];
  input: Record<string, unknown>;
  killAt: string;
  status: string;
}

describe('kill -9 during a workflow, then a restart that resumes it', () => {
  let base: Store;
  let org: FixtureOrg;
  let twins: Twins;
  let known: Set<string>;
  const deals = { cancel: fixtureId(), midStep: fixtureId(), undo: fixtureId(), startUndo: fixtureId() };
  const lead = fixtureId();
  // the nurture task's title would pass 200 characters: the last step fails and the earlier ones are undone
  const longName = `Initech renewal ${'x'.repeat(180)}`;

  beforeAll(async () => {
    base = await createTestStore();
    org = await createFixtureOrg(base.db);
    const anna = org.users.repAnna.userId;
    const deal = { accountId: org.accounts.acme, ownerId: anna, valueMinor: 40_000_00, stage: 'proposal' as const, probability: 50, stageEnteredAt: ago(10), createdAt: ago(40) };
    await base.db.insert(opportunities).values([
      { ...deal, id: deals.cancel, name: 'Acme kill before step row' },
      { ...deal, id: deals.midStep, name: 'Acme kill mid step' },
      { ...deal, id: deals.undo, name: longName },
      { ...deal, id: deals.startUndo, name: `Globex renewal ${'y'.repeat(180)}` },
    ]);
    for (const [dealId, n] of Object.entries(deals).map(([, id]) => [id, 3] as const)) {
      await base.db.insert(tasks).values(Array.from({ length: n }, (_, i) => ({ title: `Open task ${i + 1}`, ownerId: anna, opportunityId: dealId, dueAt: ago(-2 - i), createdAt: ago(5) })));
    }
    await base.db.insert(leads).values({ id: lead, fullName: 'Kim Killed', email: 'kim@example.com', ownerId: anna, createdAt: ago(3) });
    twins = await twinStores(base);
    known = knownIds(await tableRows(twins.reference.db, TABLES));
  });
  afterAll(async () => {
    await twins?.close();
    await base?.close();
  });

  const scenarios: Scenario[] = [
    { name: 'after cancel_tasks committed all its writes, before its step row', actor: 'managerEast', input: { workflow: 'close_lost', opportunity: deals.cancel, reason: 'budget moved to next year' }, killAt: 'wf:before-save:cancel_tasks', status: 'succeeded' },
    { name: 'in the middle of a multi-call step (the first of three task_update calls committed)', actor: 'managerEast', input: { workflow: 'close_lost', opportunity: deals.midStep, reason: 'went with a competitor' }, killAt: 'after-commit:task_update', status: 'succeeded' },
    { name: 'after scoring committed (score history) and before its step row', actor: 'managerEast', input: { workflow: 'onboard_lead', lead }, killAt: 'wf:before-save:score', status: 'succeeded' },
    { name: 'in the middle of compensation (one undo committed)', actor: 'managerEast', input: { workflow: 'close_lost', opportunity: deals.undo, reason: 'no budget' }, killAt: 'wf:after-undo:cancel_tasks', status: 'failed' },
    { name: 'after the run was marked compensating, before any undo', actor: 'managerEast', input: { workflow: 'close_lost', opportunity: deals.startUndo, reason: 'no budget' }, killAt: 'wf:compensating', status: 'failed' },
  ];

  for (const s of scenarios) {
    it(`killed ${s.name}: the resumed run leaves the same store as an uninterrupted one`, async () => {
      const actor = org.users[s.actor];
      const reference = await registry.execute('workflow_run', s.input, actor, { db: twins.reference.db, log: silentLogger, now: ORG_NOW, embedder: createLocalEmbedder() });
      expect(reference.ok && (reference.data as { runs: RunView[] }).runs[0]!.status).toBe(s.status);

      const job = { dbUrl: twins.dbUrl, now: ORG_NOW.toISOString(), actor, op: 'tool', tool: 'workflow_run', input: s.input };
      const killed = await runWorker(job, s.killAt);
      expect([killed.signal, killed.result], killed.stderr).toEqual(['SIGKILL', undefined]);
      const key = s.input.opportunity ?? s.input.lead;
      const found = await twins.faulted.db.execute(sql`select id, status from workflow_runs where input->>'opportunity' = ${key} or input->>'lead' = ${key}`);
      const [interrupted] = (found as unknown as { rows: { id: string; status: string }[] }).rows;
      expect(interrupted!.status).toMatch(/^(running|compensating)$/);

      const resumed = await runWorker({ ...job, input: { run: interrupted!.id } });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect((resumed.result as { ok: true; data: { runs: RunView[] } }).data.runs[0]!.status).toBe(s.status);

      // workflow_run's own audit row says how it was called (started, then resumed after the kill): not compared
      const own = (rows: Record<string, unknown[]>) => ({ ...rows, audit_log: rows.audit_log!.filter((r) => (r as { tool: string }).tool !== 'workflow_run') });
      const want = normalize(own(await tableRows(twins.reference.db, TABLES)), known);
      const got = normalize(own(await tableRows(twins.faulted.db, TABLES)), known);
      const resumedAudit = await twins.faulted.db.execute(sql`select 1 from audit_log where tool = 'workflow_run' and action = 'workflow.resumed' and input->>'run' = ${interrupted!.id}`);
      expect((resumedAudit as unknown as { rows: unknown[] }).rows).toHaveLength(1);
      expect(got).toEqual(want);
      expect(digestOf(got)).toBe(digestOf(want));
    });
  }
});
