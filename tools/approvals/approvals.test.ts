import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import type { Runtime } from '../runtime.ts';
import { ToolMiss } from '../core/errors.ts';
import { createApproval, decideApproval, expireApproval, findApproval, mayDecide } from './approvals.ts';

let runtime: Runtime;
let org: FixtureOrg;

beforeAll(async () => {
  ({ runtime, org } = await createFixtureRuntime());
});
afterAll(async () => runtime.close());

const proposal = (key: string) => ({ key, threadId: 't1', requesterId: org.users.repAnna.userId, tool: 'lead_set_stage', input: { lead: 'Dana', stage: 'qualified' }, preview: { from: 'new', to: 'qualified' } });

async function missOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ToolMiss) return error.code;
    throw error;
  }
  return 'no error';
}

describe('approvals', () => {
  it('creates once per key and starts pending', async () => {
    const first = await createApproval(runtime.db, proposal('k1'));
    const again = await createApproval(runtime.db, { ...proposal('k1'), preview: { other: true } });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ status: 'pending', source: 'copilot', preview: { from: 'new', to: 'qualified' } });
  });

  it('lets the requester, their manager (team or reporting line) and an admin decide; nobody else', async () => {
    const approval = await createApproval(runtime.db, proposal('k2'));
    const { repAnna, managerEast, admin, repBen, managerWest, exec } = org.users;
    expect(await Promise.all([repAnna, managerEast, admin].map((actor) => mayDecide(runtime.db, actor, approval)))).toEqual([true, true, true]);
    expect(await Promise.all([repBen, managerWest, exec].map((actor) => mayDecide(runtime.db, actor, approval)))).toEqual([false, false, false]);
    expect(await missOf(decideApproval(runtime.db, { actor: repBen, approvalId: approval.id, decision: 'approve', now: ORG_NOW }))).toBe('not_found:approval');
    expect((await findApproval(runtime.db, approval.id))!.status).toBe('pending');
  });

  it('records a decision once, audited, and refuses a second', async () => {
    const approval = await createApproval(runtime.db, proposal('k3'));
    const decided = await decideApproval(runtime.db, { actor: org.users.managerEast, approvalId: approval.id, decision: 'reject', now: ORG_NOW });
    expect(decided).toMatchObject({ status: 'rejected', decidedBy: org.users.managerEast.userId, decidedAt: ORG_NOW });
    expect(await missOf(decideApproval(runtime.db, { actor: org.users.admin, approvalId: approval.id, decision: 'approve', now: ORG_NOW }))).toBe('conflict');
    const audits = await runtime.db.select().from(auditLog).where(eq(auditLog.action, 'approval.rejected'));
    expect(audits.map((a) => a.actorId)).toEqual([org.users.managerEast.userId]);
  });

  it('keeps the edited input merged over the proposal, and needs one', async () => {
    const approval = await createApproval(runtime.db, proposal('k4'));
    expect(await missOf(decideApproval(runtime.db, { actor: org.users.repAnna, approvalId: approval.id, decision: 'edit', now: ORG_NOW }))).toBe('conflict');
    const edited = await decideApproval(runtime.db, { actor: org.users.repAnna, approvalId: approval.id, decision: 'edit', input: { stage: 'contacted' }, now: ORG_NOW });
    expect(edited).toMatchObject({ status: 'edited', editedInput: { lead: 'Dana', stage: 'contacted' } });
  });

  it('expires a pending approval without a decider, and says not found for unknown ids', async () => {
    const approval = await createApproval(runtime.db, proposal('k5'));
    expect(await expireApproval(runtime.db, approval.id, ORG_NOW)).toMatchObject({ status: 'expired', decidedBy: null });
    expect(await expireApproval(runtime.db, approval.id, ORG_NOW)).toBeUndefined();
    expect(await missOf(decideApproval(runtime.db, { actor: org.users.admin, approvalId: 'not-an-id', decision: 'approve', now: ORG_NOW }))).toBe('not_found:approval');
  });
});
