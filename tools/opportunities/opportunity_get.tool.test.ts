import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { interactions, leads, opportunities, opportunityContacts, opportunityFieldHistory, opportunityStageHistory, tasks } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface GetOut {
  opportunity: { id: string; stage: string; daysInStage: number; value: { amountMinor: number }; probability: number | null };
  account: { name: string };
  contacts: { name: string; role: string | null; primary: boolean }[];
  stageHistory: { from: string | null; to: string; daysInStage: number; current: boolean; probability: number | null }[];
  fieldHistory: { field: string; from: unknown; to: unknown }[];
  competitors: string[];
  decisionCriteria: string[];
  nextSteps: string | null;
  interactions: { total: number; recent: { id: string; summary: string }[] };
  openTasks: { id: string; title: string; owner: string }[];
  evidence: { sourceId: string; kind: string; quote: string }[];
}

describe('opportunity_get', () => {
  let store: Store;
  let org: FixtureOrg;
  const deal = fixtureId();
  const [dana, sam, pat] = [fixtureId(), fixtureId(), fixtureId()];
  const [callId, emailId, futureId] = [fixtureId(), fixtureId(), fixtureId()];
  const [openTask, doneTask] = [fixtureId(), fixtureId()];
  const at = (day: string) => new Date(`${day}T12:00:00Z`);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    const acme = org.accounts.acme;
    await store.db.insert(leads).values([
      { id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', title: 'VP Operations', accountId: acme, ownerId: anna },
      { id: sam, fullName: 'Sam Lee', email: 'sam@acme.com', title: 'CFO', accountId: acme, ownerId: anna },
      { id: pat, fullName: 'Pat Kim', email: 'pat@acme.com', title: 'IT lead', accountId: acme, ownerId: anna },
    ]);
    await store.db.insert(opportunities).values({
      id: deal, name: 'Acme Platform', accountId: acme, ownerId: anna, primaryContactId: dana, valueMinor: 40_000_00, stage: 'proposal',
      stageEnteredAt: at('2026-05-31'), probability: 40, expectedCloseDate: '2026-07-31', competitors: ['Globex Soft'],
      decisionCriteria: ['SSO', 'price'], nextSteps: 'send the revised proposal', createdAt: at('2026-05-01'),
    });
    await store.db.insert(opportunityContacts).values([
      { opportunityId: deal, leadId: sam, role: 'economic_buyer' },
      { opportunityId: deal, leadId: pat, role: 'influencer' },
    ]);
    await store.db.insert(opportunityStageHistory).values([
      { opportunityId: deal, fromStage: null, toStage: 'prospecting', probability: 10, changedById: anna, changedAt: at('2026-05-01') },
      { opportunityId: deal, fromStage: 'prospecting', toStage: 'discovery', probability: 20, reason: 'pain confirmed', changedById: anna, changedAt: at('2026-05-11') },
      { opportunityId: deal, fromStage: 'discovery', toStage: 'proposal', probability: 40, reason: 'asked for pricing', changedById: anna, changedAt: at('2026-05-31') },
    ]);
    await store.db.insert(opportunityFieldHistory).values({ opportunityId: deal, field: 'probability', oldValue: 20, newValue: 40, changedById: anna, changedAt: at('2026-06-01') });
    await store.db.insert(interactions).values([
      { id: callId, type: 'call', direction: 'outbound', opportunityId: deal, leadId: dana, userId: anna, body: 'Discussed SSO requirements at length.', summary: 'SSO is a must-have', occurredAt: at('2026-06-02') },
      { id: emailId, type: 'email', direction: 'inbound', opportunityId: deal, leadId: sam, userId: anna, subject: 'Pricing', body: 'Can you do 10% off?', occurredAt: at('2026-06-10') },
      { id: futureId, type: 'meeting', direction: 'outbound', opportunityId: deal, leadId: dana, userId: anna, body: 'Planned review', occurredAt: at('2026-06-20') },
    ]);
    await store.db.insert(tasks).values([
      { id: openTask, title: 'Send revised proposal', ownerId: anna, opportunityId: deal, dueAt: at('2026-06-17') },
      { id: doneTask, title: 'Book demo', ownerId: anna, opportunityId: deal, status: 'done' },
    ]);
  });
  afterAll(() => store.close());

  it('returns the deal with contacts, stage stays in days, field history, interactions up to now and open tasks', async () => {
    const out = await callOk<GetOut>(store.db, org.users.repAnna, 'opportunity_get', { opportunity: 'Acme Platform', interactionLimit: 1 });
    expect(out.opportunity).toMatchObject({ id: deal, stage: 'proposal', daysInStage: 15, value: { amountMinor: 40_000_00 }, probability: 40 });
    expect(out.account.name).toBe('Acme Corp');
    // primary first (no role row), then by name
    expect(out.contacts.map((c) => [c.name, c.role, c.primary])).toEqual([
      ['Dana Ruiz', null, true],
      ['Pat Kim', 'influencer', false],
      ['Sam Lee', 'economic_buyer', false],
    ]);
    // prospecting 05-01 -> 05-11 = 10 days; discovery 05-11 -> 05-31 = 20 days; proposal 05-31 -> now (06-15) = 15 days
    expect(out.stageHistory.map((s) => [s.from, s.to, s.daysInStage, s.current])).toEqual([
      [null, 'prospecting', 10, false],
      ['prospecting', 'discovery', 20, false],
      ['discovery', 'proposal', 15, true],
    ]);
    expect(out.fieldHistory).toMatchObject([{ field: 'probability', from: 20, to: 40 }]);
    expect([out.competitors, out.decisionCriteria, out.nextSteps]).toEqual([['Globex Soft'], ['SSO', 'price'], 'send the revised proposal']);
    // the 06-20 meeting is after now: not counted, not shown
    expect(out.interactions.total).toBe(2);
    expect(out.interactions.recent.map((i) => [i.id, i.summary])).toEqual([[emailId, 'Can you do 10% off?']]);
    expect(out.openTasks.map((t) => [t.id, t.owner])).toEqual([[openTask, 'Anna Rep']]);
    expect(out.evidence.map((e) => e.sourceId)).toContain(emailId);
    expect(out.evidence.find((e) => e.kind === 'stage_change' && e.quote.includes('asked for pricing'))?.quote).toBe('discovery -> proposal: asked for pricing');
  });

  it('uses the summary when there is one, and the default interaction page', async () => {
    const out = await callOk<GetOut>(store.db, org.users.managerEast, 'opportunity_get', { opportunity: deal });
    expect(out.interactions.recent.map((i) => i.summary)).toEqual(['Can you do 10% off?', 'SSO is a must-have']);
  });

  it('hides the deal from other reps and other teams', async () => {
    for (const actor of [org.users.repBen, org.users.managerWest]) {
      const result = await call(store.db, actor, 'opportunity_get', { opportunity: deal });
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found:opportunity' } });
    }
    const missing = await call(store.db, org.users.repAnna, 'opportunity_get', { opportunity: '' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'opportunity' }] } });
  });
});
