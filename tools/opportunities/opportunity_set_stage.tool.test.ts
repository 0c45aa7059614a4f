import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, opportunities, opportunityStageHistory } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

describe('opportunity_set_stage', () => {
  let store: Store;
  let org: FixtureOrg;
  const bigDeal = fixtureId();
  const lostDeal = fixtureId();
  const later = new Date('2026-06-20T09:00:00Z');

  const deal = async (id: string) => (await store.db.select().from(opportunities).where(eq(opportunities.id, id)))[0]!;
  const history = (id: string) =>
    store.db.select().from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunityId, id)).orderBy(opportunityStageHistory.changedAt);
  const audits = (id: string) => store.db.select().from(auditLog).where(eq(auditLog.recordId, id)).orderBy(auditLog.at);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(opportunities).values([
      {
        id: bigDeal, name: 'Acme Platform', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, valueMinor: 50_000_00,
        stage: 'proposal', stageEnteredAt: new Date('2026-05-01T00:00:00Z'), probability: 40, expectedCloseDate: '2026-07-31',
      },
      {
        id: lostDeal, name: 'Acme Add-on', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, valueMinor: 8_000_00,
        stage: 'negotiation', stageEnteredAt: new Date('2026-06-01T00:00:00Z'), probability: 60, expectedCloseDate: '2026-06-30',
      },
    ]);
  });
  afterAll(() => store.close());

  it('moves the deal, keeps what it looked like in the history row and audits the move', async () => {
    const out = await callOk(store.db, org.users.repAnna, 'opportunity_set_stage', { opportunity: 'Acme Platform', stage: 'negotiation', reason: 'pricing agreed in principle' });
    expect(out).toEqual({
      opportunityId: bigDeal, opportunity: 'Acme Platform', from: 'proposal', to: 'negotiation', changed: true, reopened: false,
      outcome: null, closedAt: null, probability: 40,
      written: [
        { field: 'stage', from: 'proposal', to: 'negotiation' },
        { field: 'stageEnteredAt', from: '2026-05-01T00:00:00.000Z', to: ORG_NOW.toISOString() },
      ],
    });
    const row = await deal(bigDeal);
    expect([row.stage, row.stageEnteredAt.toISOString()]).toEqual(['negotiation', ORG_NOW.toISOString()]);
    expect((await history(bigDeal)).map((h) => [h.fromStage, h.toStage, h.probability, h.valueMinor, h.expectedCloseDate, h.reason, h.changedById, h.changedAt.toISOString()])).toEqual([
      ['proposal', 'negotiation', 40, 50_000_00, '2026-07-31', 'pricing agreed in principle', org.users.repAnna.userId, ORG_NOW.toISOString()],
    ]);
    expect((await audits(bigDeal)).map((a) => [a.tool, a.action, a.actorId])).toEqual([['opportunity_set_stage', 'opportunity.stage_changed', org.users.repAnna.userId]]);
  });

  it('changes nothing when the deal is already at that stage (idempotent)', async () => {
    const out = await callOk(store.db, org.users.repAnna, 'opportunity_set_stage', { opportunity: bigDeal, stage: 'negotiation', reason: 'pricing agreed in principle' }, later);
    expect(out).toMatchObject({ changed: false, from: 'negotiation', to: 'negotiation' });
    expect(await history(bigDeal)).toHaveLength(1);
    expect((await deal(bigDeal)).stageEnteredAt.toISOString()).toBe(ORG_NOW.toISOString());
    expect((await audits(bigDeal)).map((a) => a.action)).toEqual(['opportunity.stage_changed', 'opportunity.stage_unchanged']);
  });

  it('refuses to close as won without a won reason, naming the field', async () => {
    const result = await call(store.db, org.users.repAnna, 'opportunity_set_stage', { opportunity: bigDeal, stage: 'closed_won', reason: 'signed' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'wonReason' }] } });
    const lost = await call(store.db, org.users.repAnna, 'opportunity_set_stage', { opportunity: lostDeal, stage: 'closed_lost', reason: 'gone quiet' });
    expect(lost).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'lostReason' }] } });
    expect((await deal(bigDeal)).stage).toBe('negotiation');
  });

  it('previews a dry run without writing', async () => {
    const out = await callOk(store.db, org.users.repAnna, 'opportunity_set_stage', { opportunity: bigDeal, stage: 'closed_won', reason: 'signed', wonReason: 'best integration story', dryRun: true });
    expect(out).toMatchObject({ changed: true, outcome: 'won' });
    expect((await deal(bigDeal)).stage).toBe('negotiation');
    expect(await history(bigDeal)).toHaveLength(1);
  });

  it('closes as won: outcome, close time, closed forecast category, probability 100', async () => {
    const out = await callOk(store.db, org.users.repAnna, 'opportunity_set_stage', { opportunity: bigDeal, stage: 'closed_won', reason: 'signed', wonReason: 'best integration story' }, later);
    expect(out).toMatchObject({ changed: true, outcome: 'won', closedAt: later.toISOString(), probability: 100 });
    const row = await deal(bigDeal);
    expect([row.stage, row.outcome, row.closedAt?.toISOString(), row.forecastCategory, row.wonReason, row.probability]).toEqual([
      'closed_won', 'won', later.toISOString(), 'closed', 'best integration story', 100,
    ]);
    expect((await history(bigDeal)).at(-1)).toMatchObject({ fromStage: 'negotiation', toStage: 'closed_won', probability: 100, reason: 'signed' });
    expect((await audits(bigDeal)).at(-1)?.action).toBe('opportunity.closed_won');
  });

  it('closes as lost with the competitor it was lost to', async () => {
    await callOk(store.db, org.users.managerEast, 'opportunity_set_stage', {
      opportunity: lostDeal, stage: 'closed_lost', reason: 'chose another vendor', lostReason: 'price', lostToCompetitor: 'Globex Soft',
    });
    const row = await deal(lostDeal);
    expect([row.outcome, row.lostReason, row.lostToCompetitor, row.probability, row.forecastCategory]).toEqual(['lost', 'price', 'Globex Soft', 0, 'closed']);
  });

  it('refuses to reopen a closed deal unless asked, and only for a manager', async () => {
    const asked = await call(store.db, org.users.repAnna, 'opportunity_set_stage', { opportunity: bigDeal, stage: 'negotiation', reason: 'customer wants to renegotiate' });
    expect(asked).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!asked.ok) expect(asked.error.message).toContain('already closed_won');
    const rep = await call(store.db, org.users.repAnna, 'opportunity_set_stage', { opportunity: bigDeal, stage: 'negotiation', reason: 'customer wants to renegotiate', reopen: true });
    expect(rep).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const reopenedAt = new Date('2026-06-22T10:00:00Z');
    const out = await callOk(store.db, org.users.managerEast, 'opportunity_set_stage', { opportunity: bigDeal, stage: 'negotiation', reason: 'customer wants to renegotiate', reopen: true }, reopenedAt);
    expect(out).toMatchObject({ changed: true, reopened: true, outcome: null, probability: null });
    const row = await deal(bigDeal);
    expect([row.stage, row.outcome, row.closedAt, row.forecastCategory, row.wonReason, row.probability]).toEqual(['negotiation', null, null, 'pipeline', null, null]);
    expect((await audits(bigDeal)).at(-1)?.action).toBe('opportunity.reopened');
  });

  it('keeps other reps out: another rep\'s deal is not found, and an exec may not write', async () => {
    const ben = await call(store.db, org.users.repBen, 'opportunity_set_stage', { opportunity: bigDeal, stage: 'proposal', reason: 'step back' });
    expect(ben).toMatchObject({ ok: false, error: { code: 'not_found:opportunity' } });
    const cara = await call(store.db, org.users.managerWest, 'opportunity_set_stage', { opportunity: 'Acme Platform', stage: 'proposal', reason: 'step back' });
    expect(cara).toMatchObject({ ok: false, error: { code: 'not_found:opportunity' } });
    const exec = await call(store.db, org.users.exec, 'opportunity_set_stage', { opportunity: bigDeal, stage: 'proposal', reason: 'step back' });
    expect(exec).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('names a bad stage and a missing reason', async () => {
    const result = await call(store.db, org.users.repAnna, 'opportunity_set_stage', { opportunity: bigDeal, stage: 'won' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues?.map((i) => i.field).sort()).toEqual(['reason', 'stage']);
  });
});
