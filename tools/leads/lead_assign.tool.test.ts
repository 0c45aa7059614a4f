import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, leads, opportunities, storeMeta, users } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import { ROUND_ROBIN_KEY } from './assign-round-robin.ts';

interface Candidate {
  userId: string;
  name: string;
  score: number;
  components: Record<string, { value: number; weight: number; detail: string }>;
}
interface AssignOut {
  chosen: Candidate;
  runnerUp: Candidate | null;
  reason: string;
  previousOwnerId: string | null;
  changed: boolean;
  candidates: { name: string; score: number }[];
}

describe('lead_assign', () => {
  let store: Store;
  let org: FixtureOrg;
  const lead = fixtureId();
  const [r1, r2, r3] = [fixtureId(), fixtureId(), fixtureId()];

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna, repBen, managerEast } = org.users;
    const { acme, globex } = org.accounts;
    await store.db.update(users).set({ specialisations: ['Manufacturing'] }).where(eq(users.id, repAnna.userId));
    await store.db.update(users).set({ specialisations: ['Software'] }).where(eq(users.id, repBen.userId));
    const own = (ownerId: string, n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ fullName: `${prefix} ${i}`, ownerId }));
    await store.db.insert(leads).values([
      // the lead to assign: owned by the manager, at Acme (America/New_York, Manufacturing), wants Forecast Pro
      { id: lead, fullName: 'Pat Newlead', accountId: acme, ownerId: managerEast.userId, attributes: { productInterest: 'Forecast Pro' } },
      ...own(repAnna.userId, 3, 'Anna lead'),
      ...own(repBen.userId, 1, 'Ben lead'),
      // converted and merged leads are no workload
      { fullName: 'Anna done', ownerId: repAnna.userId, status: 'converted' },
      ...[r1, r2, r3].map((id, i) => ({ id, fullName: `Robin ${i + 1}`, accountId: globex, ownerId: managerEast.userId })),
    ]);
    const deal = (ownerId: string, outcome: 'won' | 'lost' | null, i: number) => ({
      name: `${outcome ?? 'open'} ${i}`, accountId: acme, ownerId, valueMinor: 1_000_00,
      stage: outcome === 'won' ? ('closed_won' as const) : outcome === 'lost' ? ('closed_lost' as const) : ('prospecting' as const),
      outcome, closedAt: outcome ? new Date('2026-05-01T00:00:00Z') : null,
    });
    await store.db.insert(opportunities).values([
      deal(repAnna.userId, null, 1), deal(repAnna.userId, 'won', 1), deal(repAnna.userId, 'won', 2),
      ...[1, 2, 3].map((i) => deal(repBen.userId, 'won', i)), ...[1, 2, 3, 4, 5].map((i) => deal(repBen.userId, 'lost', i)),
    ]);
  });
  afterAll(() => store.close());

  it('scores each rep of the manager\'s team by hand and explains the choice', async () => {
    const out = await callOk<AssignOut>(store.db, org.users.managerEast, 'lead_assign', { lead });
    // both reps are NA-East and Acme's zone America/New_York is NA-East: territory 1 each
    // needs: Manufacturing, Forecast Pro -> Anna 1 of 2 = 0.5, Ben 0
    // load: Anna 3 leads + 1 deal = 4, Ben 1 lead -> workload 1 - 4/4 = 0 and 1 - 1/4 = 0.75
    // pooled win rate (2 + 3) / (2 + 8) = 0.5; Anna (2 + 10*0.5)/(2 + 10) = 0.583, Ben (3 + 5)/(8 + 10) = 0.444
    // Anna 100 * (0.35 + 0.25*0.5 + 0 + 0.2*0.5833) = 59.2; Ben 100 * (0.35 + 0 + 0.2*0.75 + 0.2*0.4444) = 58.9
    expect(out.chosen.name).toBe('Anna Rep');
    expect(out.chosen.score).toBe(59.2);
    expect(out.runnerUp?.name).toBe('Ben Rep');
    expect(out.runnerUp?.score).toBe(58.9);
    expect(Object.fromEntries(Object.entries(out.chosen.components).map(([k, v]) => [k, v.value]))).toEqual({ territory: 1, specialisation: 0.5, workload: 0, winRate: 0.583 });
    expect(Object.fromEntries(Object.entries(out.runnerUp!.components).map(([k, v]) => [k, v.value]))).toEqual({ territory: 1, specialisation: 0, workload: 0.75, winRate: 0.444 });
    expect(out.chosen.components.winRate?.detail).toBe('2 won of 2 closed, with a 10-deal prior at 50%: 58.3%');
    expect(out.reason).toContain('Chose Anna Rep (score 59.2) over Ben Rep (58.9): territory 1 x 0.35 (NA-East matches the account\'s time zone America/New_York)');
    expect(out).toMatchObject({ previousOwnerId: org.users.managerEast.userId, changed: true });
    const [row] = await store.db.select().from(leads).where(eq(leads.id, lead));
    expect(row?.ownerId).toBe(org.users.repAnna.userId);
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.recordId, lead));
    expect(audit.map((a) => a.action)).toEqual(['lead.assigned']);
  });

  it('is idempotent: the lead itself is not counted as workload, so a re-run keeps the owner', async () => {
    const again = await callOk<AssignOut>(store.db, org.users.managerEast, 'lead_assign', { lead });
    expect(again).toMatchObject({ changed: false, chosen: { name: 'Anna Rep', score: 59.2 } });
  });

  it('lets an admin weigh every rep, with half credit for a territory on the same continent', async () => {
    const out = await callOk<AssignOut>(store.db, org.users.admin, 'lead_assign', { lead, dryRun: true });
    // Cara (NA-West, no load, no closed deals -> win rate at the pooled 0.5): 100 * (0.35*0.5 + 0 + 0.2*1 + 0.2*0.5) = 47.5
    expect(out.candidates).toEqual([
      { userId: org.users.repAnna.userId, name: 'Anna Rep', score: 59.2 },
      { userId: org.users.repBen.userId, name: 'Ben Rep', score: 58.9 },
      { userId: org.users.repCara.userId, name: 'Cara Rep', score: 47.5 },
    ]);
  });

  it('rotates round robin in name order, remembering where it stopped', async () => {
    const first = await callOk<AssignOut>(store.db, org.users.managerEast, 'lead_assign', { lead: r1, strategy: 'round_robin' });
    const second = await callOk<AssignOut>(store.db, org.users.managerEast, 'lead_assign', { lead: r2, strategy: 'round_robin' });
    const third = await callOk<AssignOut>(store.db, org.users.managerEast, 'lead_assign', { lead: r3, strategy: 'round_robin' });
    expect([first.chosen.name, second.chosen.name, third.chosen.name]).toEqual(['Anna Rep', 'Ben Rep', 'Anna Rep']);
    expect(second.reason).toBe('Round robin among 2 eligible reps (Anna Rep, Ben Rep): Ben Rep is next after Anna Rep.');
    // the same lead again: nothing changes and the rotation does not move on
    const repeat = await callOk<AssignOut>(store.db, org.users.managerEast, 'lead_assign', { lead: r3, strategy: 'round_robin' });
    expect(repeat).toMatchObject({ changed: false, chosen: { name: 'Anna Rep' } });
    const [meta] = await store.db.select().from(storeMeta).where(eq(storeMeta.key, ROUND_ROBIN_KEY));
    expect(meta?.value).toEqual({ [`team:${org.teams.east}`]: { lastUserId: org.users.repAnna.userId, lastKey: `Anna Rep|${org.users.repAnna.userId}`, lastLeadId: r3 } });
  });

  it('is for managers and admins only, within their team', async () => {
    expect(await call(store.db, org.users.repAnna, 'lead_assign', { lead })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(store.db, org.users.managerWest, 'lead_assign', { lead })).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
    expect(await call(store.db, org.users.managerEast, 'lead_assign', { lead, strategy: 'random' })).toMatchObject({ ok: false, error: { issues: [{ field: 'strategy' }] } });
  });
});
