import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { interactions, leadQualifications, leads, opportunities, opportunityContacts, scoreHistory, tasks } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

const at = (iso: string) => new Date(iso);
const parts = (n: number) => ({ behavioural: n, demographic: n, fit: n, engagement: n });

interface LeadGetOut {
  lead: { id: string; fullName: string; budget: { minMinor: number | null; maxMinor: number | null; currency: string }; score: number | null };
  account: { name: string; industry: string | null } | null;
  owner: { name: string } | null;
  preferences: { preferredChannel: string | null; preferredContactHour: number | null; timeZone: string | null; attributes: Record<string, unknown> };
  painPoints: string[];
  interactions: { total: number; shown: { id: string; summary: string; opens: number; replied: boolean }[] };
  scoreHistory: { score: number; change: number | null; computedAt: string }[];
  openTasks: { id: string; overdue: boolean }[];
  qualifications: { framework: string; metCount: number; criteriaCount: number }[];
  opportunities: { id: string; primaryContact: boolean; roles: string[] }[];
  evidence: { sourceId: string; kind: string; quote: string }[];
}

describe('lead_get', () => {
  let store: Store;
  let org: FixtureOrg;
  const dana = fixtureId();
  const bare = fixtureId();
  const merged = fixtureId();
  const [i1, i2, i3, iFuture] = [fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const [tOverdue, tLater, tDone] = [fixtureId(), fixtureId(), fixtureId()];
  const [oppAnna, oppCara] = [fixtureId(), fixtureId()];

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    await store.db.insert(leads).values([
      {
        id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: anna, score: 50, grade: 'B',
        preferredChannel: 'email', preferredContactHour: 9, timeZone: 'America/New_York', attributes: { newsletter: 'weekly' },
        painPoints: ['manual forecasting'], budgetMinMinor: 20_000_00, budgetMaxMinor: 50_000_00,
      },
      { id: bare, fullName: 'Bare Lead', ownerId: anna },
      { id: merged, fullName: 'Zed Merged', ownerId: anna, status: 'merged', mergedIntoId: dana },
    ]);
    await store.db.insert(interactions).values([
      { id: i1, type: 'email', direction: 'outbound', leadId: dana, userId: anna, subject: 'Intro', body: 'Hi Dana, quick intro.', occurredAt: at('2026-06-01T10:00:00Z'), openCount: 2, clickCount: 1 },
      { id: i2, type: 'call', direction: 'outbound', leadId: dana, userId: anna, body: 'Discussed the forecast problem at length.', summary: 'Discovery call', occurredAt: at('2026-06-10T15:00:00Z') },
      { id: i3, type: 'email', direction: 'inbound', leadId: dana, body: 'Thanks, budget is approved.', occurredAt: at('2026-06-14T09:00:00Z'), repliedAt: at('2026-06-14T09:00:00Z') },
      // after ctx.now: not part of the timeline yet
      { id: iFuture, type: 'meeting', direction: 'outbound', leadId: dana, body: 'Planned demo', occurredAt: at('2026-06-20T09:00:00Z') },
    ]);
    await store.db.insert(scoreHistory).values([
      { leadId: dana, score: 40, grade: 'C', parts: parts(40), computedAt: at('2026-05-01T00:00:00Z') },
      { leadId: dana, score: 55, grade: 'B', parts: parts(55), computedAt: at('2026-05-20T00:00:00Z') },
      { leadId: dana, score: 50, grade: 'B', parts: parts(50), computedAt: at('2026-06-10T00:00:00Z') },
    ]);
    await store.db.insert(tasks).values([
      { id: tOverdue, title: 'Call back', ownerId: anna, leadId: dana, dueAt: at('2026-06-14T12:00:00Z') },
      { id: tLater, title: 'Send deck', ownerId: anna, leadId: dana, dueAt: at('2026-06-18T12:00:00Z') },
      { id: tDone, title: 'Old', ownerId: anna, leadId: dana, status: 'done', dueAt: at('2026-06-01T12:00:00Z') },
    ]);
    await store.db.insert(leadQualifications).values({
      leadId: dana, framework: 'BANT', metCount: 1, assessedAt: at('2026-06-14T10:00:00Z'),
      criteria: [
        { criterion: 'budget', status: 'met', evidence: [{ sourceId: i3, kind: 'email', date: '2026-06-14T09:00:00.000Z', quote: 'Thanks, budget is approved.' }] },
        { criterion: 'authority', status: 'unknown', evidence: [] },
        { criterion: 'need', status: 'unknown', evidence: [] },
        { criterion: 'timeline', status: 'unknown', evidence: [] },
      ],
    });
    await store.db.insert(opportunities).values([
      { id: oppAnna, name: 'Acme rollout', accountId: org.accounts.acme, ownerId: anna, primaryContactId: dana, valueMinor: 40_000_00 },
      { id: oppCara, name: 'Acme west', accountId: org.accounts.acme, ownerId: org.users.repCara.userId, valueMinor: 10_000_00 },
    ]);
    await store.db.insert(opportunityContacts).values([
      { opportunityId: oppAnna, leadId: dana, role: 'champion' },
      { opportunityId: oppCara, leadId: dana, role: 'influencer' },
    ]);
  });
  afterAll(() => store.close());

  it('shows the lead with account, owner, preferences and a bounded timeline whose rows are the evidence', async () => {
    const out = await callOk<LeadGetOut>(store.db, org.users.repAnna, 'lead_get', { lead: 'dana@acme.com', interactionLimit: 2 });
    expect(out.lead).toMatchObject({ id: dana, fullName: 'Dana Ruiz', score: 50, budget: { minMinor: 20_000_00, maxMinor: 50_000_00, currency: 'USD' } });
    expect(out.account).toMatchObject({ name: 'Acme Corp', industry: 'Manufacturing' });
    expect(out.owner?.name).toBe('Anna Rep');
    expect(out.preferences).toEqual({ preferredChannel: 'email', preferredContactHour: 9, timeZone: 'America/New_York', attributes: { newsletter: 'weekly' } });
    expect(out.painPoints).toEqual(['manual forecasting']);
    // 3 interactions up to ORG_NOW (the meeting on 06-20 is later); the 2 newest shown
    expect(out.interactions.total).toBe(3);
    expect(out.interactions.shown.map((i) => i.id)).toEqual([i3, i2]);
    expect(out.interactions.shown[1]?.summary).toBe('Discovery call');
    expect(out.interactions.shown[0]?.replied).toBe(true);
    expect(out.evidence).toEqual([
      { sourceId: i3, kind: 'email', date: '2026-06-14T09:00:00.000Z', quote: 'Thanks, budget is approved.' },
      { sourceId: i2, kind: 'call', date: '2026-06-10T15:00:00.000Z', quote: 'Discovery call' },
    ]);
  });

  it('gives each score history row its change since the previous one', async () => {
    // 40 -> 55 -> 50: changes null, +15, -5 (newest first: -5, +15, null)
    const all = await callOk<LeadGetOut>(store.db, org.users.repAnna, 'lead_get', { lead: dana });
    expect(all.scoreHistory.map((h) => [h.score, h.change])).toEqual([[50, -5], [55, 15], [40, null]]);
    // showing only 2 still knows the change of the oldest shown (55 - 40)
    const two = await callOk<LeadGetOut>(store.db, org.users.repAnna, 'lead_get', { lead: dana, scoreHistoryLimit: 2 });
    expect(two.scoreHistory.map((h) => [h.score, h.change])).toEqual([[50, -5], [55, 15]]);
  });

  it('lists open tasks (overdue flagged), qualifications and only the deals the caller may see', async () => {
    const out = await callOk<LeadGetOut>(store.db, org.users.repAnna, 'lead_get', { lead: dana });
    expect(out.openTasks).toEqual([
      expect.objectContaining({ id: tOverdue, overdue: true }),
      expect.objectContaining({ id: tLater, overdue: false }),
    ]);
    expect(out.qualifications).toEqual([expect.objectContaining({ framework: 'BANT', metCount: 1, criteriaCount: 4 })]);
    expect(out.opportunities).toEqual([expect.objectContaining({ id: oppAnna, primaryContact: true, roles: ['champion'] })]);
    const admin = await callOk<LeadGetOut>(store.db, org.users.admin, 'lead_get', { lead: dana });
    expect(admin.opportunities.map((o) => [o.id, o.primaryContact, o.roles]).sort()).toEqual(
      [[oppAnna, true, ['champion']], [oppCara, false, ['influencer']]].sort(),
    );
  });

  it('shows an empty lead with empty lists, not errors', async () => {
    const out = await callOk<LeadGetOut>(store.db, org.users.repAnna, 'lead_get', { lead: bare });
    expect(out.account).toBeNull();
    expect(out.interactions).toEqual({ total: 0, shown: [] });
    expect([out.scoreHistory, out.openTasks, out.qualifications, out.opportunities, out.evidence]).toEqual([[], [], [], [], []]);
  });

  it('opens a merged lead by id (saying where it went), not by name', async () => {
    const out = await callOk<LeadGetOut & { lead: { mergedIntoId: string | null } }>(store.db, org.users.repAnna, 'lead_get', { lead: merged });
    expect(out.lead.mergedIntoId).toBe(dana);
    expect(await call(store.db, org.users.repAnna, 'lead_get', { lead: 'Zed Merged' })).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
  });

  it('hides another rep\'s lead and names a bad field', async () => {
    expect(await call(store.db, org.users.repBen, 'lead_get', { lead: 'dana@acme.com' })).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
    const bad = await call(store.db, org.users.repAnna, 'lead_get', { lead: dana, interactionLimit: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.field)).toEqual(['interactionLimit']);
    expect(ORG_NOW.toISOString()).toBe('2026-06-15T12:00:00.000Z');
  });
});
