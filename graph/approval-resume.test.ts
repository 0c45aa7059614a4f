import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvals, auditLog, leads, leadStageHistory, toolResults } from '../db/schema/index.ts';
import { createFixtureRuntime } from '../test/helpers/runtime.ts';
import type { FixtureOrg } from '../test/helpers/org.ts';
import { scriptedModel } from '../test/helpers/scripted-model.ts';
import { stageScript } from '../test/helpers/stage-script.ts';
import { approvedWriteKey } from '../tools/approvals/approvals.ts';
import { copilotServices, type CopilotServices } from '../tools/copilot/services.ts';
import { registry } from '../tools/index.ts';
import type { Runtime } from '../tools/runtime.ts';
import { createCopilot, type CopilotEvent } from './copilot.ts';

// An approved write whose process dies after the write committed but before the approval row (and the
// graph's checkpoint) recorded it: the crash stands in here as recordResult throwing; re-deciding in a new
// copilot must replay the committed write's result, not write again. npm run test:faults does it with SIGKILL.

class Crash extends Error {}

async function collect(events: AsyncIterable<CopilotEvent>): Promise<CopilotEvent[]> {
  const out: CopilotEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe('an approved write interrupted before its result was recorded', () => {
  let runtime: Runtime;
  let org: FixtureOrg;
  let leadId: string;

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    const [row] = await runtime.db.insert(leads).values({ fullName: 'Cora Crash', email: 'cora@example.com', ownerId: org.users.repAnna.userId, lifecycleStage: 'contacted' }).returning({ id: leads.id });
    leadId = row!.id;
  });
  afterAll(() => runtime.close());

  const copilot = (services: CopilotServices) => createCopilot({ model: scriptedModel(stageScript), services });

  it('runs the write once: the re-decision replays the stored result and records it on the approval', async () => {
    const services = copilotServices(runtime, registry);
    const asked = await collect(copilot(services).send({ message: 'move Cora Crash to qualified', actor: org.users.repAnna }));
    const approvalId = asked.find((e) => e.type === 'approval_required')!.approvalId as string;

    const crashing: CopilotServices = { ...services, approvals: { ...services.approvals, recordResult: () => Promise.reject(new Crash('killed before the result was recorded')) } };
    const first = await collect(copilot(crashing).decide({ actor: org.users.repAnna, approvalId, decision: 'approve' }));
    expect(first.at(-1)).toMatchObject({ type: 'error' });
    expect((await runtime.db.select().from(approvals).where(eq(approvals.id, approvalId)))[0]).toMatchObject({ status: 'approved', result: null });
    expect((await runtime.db.select().from(toolResults).where(eq(toolResults.key, approvedWriteKey(approvalId))))).toHaveLength(1);

    const again = await collect(copilot(copilotServices(runtime, registry)).decide({ actor: org.users.repAnna, approvalId, decision: 'approve' }));
    expect(again.find((e) => e.type === 'answer')).toMatchObject({ text: 'Cora Crash moved from contacted to qualified.' });
    expect((await runtime.db.select().from(approvals).where(eq(approvals.id, approvalId)))[0]).toMatchObject({ result: { ok: true, data: { from: 'contacted', to: 'qualified' } } });
    expect(await runtime.db.select().from(leadStageHistory).where(eq(leadStageHistory.leadId, leadId))).toHaveLength(1);
    expect(await runtime.db.select().from(auditLog).where(and(eq(auditLog.tool, 'lead_set_stage'), eq(auditLog.recordId, leadId), eq(auditLog.dryRun, false)))).toHaveLength(1);
    // a third decision is refused: it is done
    const third = await collect(copilot(copilotServices(runtime, registry)).decide({ actor: org.users.repAnna, approvalId, decision: 'approve' }));
    expect(third[0]).toMatchObject({ type: 'error', code: 'conflict' });
  });
});
