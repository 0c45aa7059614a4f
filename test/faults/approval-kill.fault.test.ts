import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, leads, leadStageHistory } from '../../db/schema/index.ts';
import type { CopilotEvent } from '../../graph/copilot.ts';
import { createTestStore } from '../helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../helpers/org.ts';
import { digestOf, knownIds, normalize, runWorker, tableRows, twinStores, type Twins } from './harness.ts';

// kill -9 during a copilot approval: the rep's turn parks lead_set_stage for approval (one worker), the
// approval is decided in another worker that dies (a) after the approved write committed, before the
// approval row and the graph's checkpoint recorded it, or (b) after the decision, before the write ran.
// A third worker decides again. The write must happen exactly once, and the store must equal a twin
// where the same turn was approved without a kill.

const TABLES = ['leads', 'lead_stage_history', 'lead_field_history', 'audit_log', 'approvals', 'tool_results'];

describe('kill -9 during an approval, then a restart and a re-decision', () => {
  let base: Store;
  let org: FixtureOrg;
  let twins: Twins;
  let known: Set<string>;
  const people = { after: { id: fixtureId(), name: 'Cora Committed' }, before: { id: fixtureId(), name: 'Bea Before' } };

  beforeAll(async () => {
    base = await createTestStore();
    org = await createFixtureOrg(base.db);
    for (const p of Object.values(people)) {
      await base.db.insert(leads).values({ id: p.id, fullName: p.name, email: `${p.name.split(' ')[0]!.toLowerCase()}@example.com`, ownerId: org.users.repAnna.userId, lifecycleStage: 'contacted' });
    }
    twins = await twinStores(base);
    known = knownIds(await tableRows(twins.reference.db, TABLES));
  });
  afterAll(async () => {
    await twins?.close();
    await base?.close();
  });

  const job = (dbUrl: string, rest: Record<string, unknown>) => ({ dbUrl, now: ORG_NOW.toISOString(), actor: org.users.repAnna, ...rest });
  const events = (run: { result: unknown }) => (run.result ?? []) as CopilotEvent[];
  const approvalOf = (run: { result: unknown }) => (events(run).find((e) => e.type === 'approval_required') as { approvalId: string } | undefined)?.approvalId;
  const answerOf = (run: { result: unknown }) => (events(run).find((e) => e.type === 'answer') as { text: string } | undefined)?.text;

  for (const [which, killAt] of [['after', 'after-commit:lead_set_stage'], ['before', 'approval:before-call']] as const) {
    const who = people[which];
    it(`killed ${which === 'after' ? 'after the approved write committed' : 'before the approved write ran'}: it happens exactly once after restart`, async () => {
      const message = `move ${who.name} to qualified`;
      // the twin: ask, approve, done
      const refAsked = await runWorker(job(twins.referenceUrl, { op: 'send', message }));
      const refDone = await runWorker(job(twins.referenceUrl, { op: 'decide', approvalId: approvalOf(refAsked) }));
      expect(answerOf(refDone), refDone.stderr).toBe(`${who.name} moved from contacted to qualified.`);

      const asked = await runWorker(job(twins.dbUrl, { op: 'send', message }));
      const approvalId = approvalOf(asked);
      expect(approvalId, asked.stderr).toBeDefined();
      const killed = await runWorker(job(twins.dbUrl, { op: 'decide', approvalId }), killAt);
      expect([killed.signal, killed.result], killed.stderr).toEqual(['SIGKILL', undefined]);
      const history = () => twins.faulted.db.select().from(leadStageHistory).where(eq(leadStageHistory.leadId, who.id));
      expect(await history()).toHaveLength(which === 'after' ? 1 : 0);

      const again = await runWorker(job(twins.dbUrl, { op: 'decide', approvalId }));
      expect(answerOf(again), again.stderr).toBe(`${who.name} moved from contacted to qualified.`);
      expect(await history()).toHaveLength(1);
      const writes = await twins.faulted.db.select().from(auditLog).where(and(eq(auditLog.tool, 'lead_set_stage'), eq(auditLog.recordId, who.id), eq(auditLog.dryRun, false)));
      expect(writes).toHaveLength(1);

      const want = normalize(await tableRows(twins.reference.db, TABLES), known);
      const got = normalize(await tableRows(twins.faulted.db, TABLES), known);
      expect(got).toEqual(want);
      expect(digestOf(got)).toBe(digestOf(want));
    });
  }
});
