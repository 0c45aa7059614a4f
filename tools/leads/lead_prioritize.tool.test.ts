import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { engagementEvents, interactions, leads, tasks } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

const at = (iso: string) => new Date(iso);

interface QueueOut {
  owner: { id: string; name: string };
  queue: { leadId: string; priority: number; components: Record<string, { value: number }>; why: string[] }[];
  page: { total: number; hasMore: boolean };
  evidence: { sourceId: string; kind: string }[];
}

describe('lead_prioritize', () => {
  let store: Store;
  let org: FixtureOrg;
  const [hot, overdue, never, cold, old, converted, bens] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const [hotMail, overdueMail, coldCall, oldMail, task1, task2] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const reply = fixtureId();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    const created = at('2026-01-01T00:00:00Z');
    await store.db.insert(leads).values([
      { id: hot, fullName: 'Hot Reply', ownerId: anna, score: 80, grade: 'B', createdAt: created },
      { id: overdue, fullName: 'Over Due', ownerId: anna, score: 50, grade: 'B', status: 'working', createdAt: created },
      { id: never, fullName: 'Never Touched', ownerId: anna, createdAt: created },
      { id: cold, fullName: 'Cold Call', ownerId: anna, score: 90, grade: 'A', createdAt: created },
      { id: old, fullName: 'Old Signal', ownerId: anna, score: 10, grade: 'D', lastContactedAt: at('2026-06-05T12:00:00Z'), createdAt: created },
      { id: converted, fullName: 'Done Deal', ownerId: anna, score: 99, status: 'converted', lifecycleStage: 'opportunity' },
      { id: bens, fullName: 'Ben Lead', ownerId: org.users.repBen.userId, score: 99 },
    ]);
    await store.db.insert(interactions).values([
      { id: hotMail, type: 'email', direction: 'outbound', leadId: hot, subject: 'Pricing', body: 'x', occurredAt: at('2026-06-12T10:00:00Z') },
      // sent 30 days ago, opened 7 days ago
      { id: overdueMail, type: 'email', direction: 'outbound', leadId: overdue, subject: 'Intro', body: 'x', occurredAt: at('2026-05-16T12:00:00Z'), firstOpenedAt: at('2026-06-08T12:00:00Z'), openCount: 1 },
      { id: coldCall, type: 'call', direction: 'outbound', leadId: cold, body: 'no answer', occurredAt: at('2026-06-14T12:00:00Z') },
      // inbound 20 days ago: outside the 14-day window
      { id: oldMail, type: 'email', direction: 'inbound', leadId: old, body: 'later maybe', occurredAt: at('2026-05-26T12:00:00Z') },
    ]);
    await store.db.insert(engagementEvents).values({ id: reply, type: 'replied', leadId: hot, occurredAt: at('2026-06-13T10:00:00Z') });
    await store.db.insert(tasks).values([
      { id: task1, title: 'Call back', ownerId: anna, leadId: overdue, dueAt: at('2026-06-10T12:00:00Z') },
      { id: task2, title: 'Send deck', ownerId: anna, leadId: overdue, dueAt: at('2026-06-14T12:00:00Z') },
      { title: 'Not due yet', ownerId: anna, leadId: hot, dueAt: at('2026-06-20T12:00:00Z') },
      { title: 'Done late', ownerId: anna, leadId: cold, status: 'done', dueAt: at('2026-06-01T12:00:00Z') },
    ]);
  });
  afterAll(() => store.close());

  it('ranks the rep\'s open leads by the documented priority, each with why', async () => {
    const out = await callOk<QueueOut>(store.db, org.users.repAnna, 'lead_prioritize', {});
    // Over Due: 0.4*0.5 + 0.25*(0.4 open * (1 - 7/14)) + 0.2*min(1, 0.5 + 5/14) + 0.15*min(1, 30/30) = 0.2 + 0.05 + 0.1714 + 0.15 = 57.1
    // Hot:      0.4*0.8 + 0.25*(1.0 reply * (1 - 2/14)) + 0 + 0.15*(3/30)                         = 0.32 + 0.2143 + 0.015  = 54.9
    // Cold:     0.4*0.9 + 0 + 0 + 0.15*(1/30)                                                       = 0.36 + 0.005            = 36.5
    // Never:    0.4*0.5 (unscored) + 0 + 0 + 0.15*1 (never contacted)                               = 35.0
    // Old:      0.4*0.1 + 0 (inbound 20 days ago) + 0 + 0.15*(10/30)                                = 0.04 + 0.05            = 9.0
    expect(out.queue.map((q) => [q.leadId, q.priority])).toEqual([[overdue, 57.1], [hot, 54.9], [cold, 36.5], [never, 35], [old, 9]]);
    expect(out.queue[0]?.why).toEqual(['score 50 (B)', 'opened an email 7 days ago', 'task "Call back" overdue by 5 days (2 overdue tasks)', 'last contacted 30 days ago']);
    expect(out.queue[0]?.components).toEqual({
      score: { value: 0.5, weight: 0.4 }, inbound: { value: 0.2, weight: 0.25 }, overdue: { value: 0.857, weight: 0.2 }, gap: { value: 1, weight: 0.15 },
    });
    expect(out.queue[1]?.why).toEqual(['score 80 (B)', 'replied 2 days ago', 'last contacted 3 days ago']);
    expect(out.queue[3]?.why).toEqual(['not scored yet (counted as average)', 'never contacted']);
    expect(out.page).toMatchObject({ total: 5, hasMore: false });
    expect(out.evidence.map((e) => [e.sourceId, e.kind])).toEqual([
      [overdueMail, 'opened'], [task1, 'task'], [overdueMail, 'last_contact'], [reply, 'replied'], [hotMail, 'last_contact'], [coldCall, 'last_contact'],
    ]);
  });

  it('pages, and lets a manager see a rep of the team but not others', async () => {
    const top = await callOk<QueueOut>(store.db, org.users.repAnna, 'lead_prioritize', { limit: 2 });
    expect(top.queue.map((q) => q.leadId)).toEqual([overdue, hot]);
    expect(top.page).toMatchObject({ total: 5, hasMore: true });
    const manager = await callOk<QueueOut>(store.db, org.users.managerEast, 'lead_prioritize', { owner: 'Anna Rep', limit: 1 });
    expect(manager.owner.name).toBe('Anna Rep');
    expect(manager.queue.map((q) => q.leadId)).toEqual([overdue]);
    expect(await call(store.db, org.users.managerWest, 'lead_prioritize', { owner: 'Anna Rep' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(store.db, org.users.repAnna, 'lead_prioritize', { owner: 'Ben Rep' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(store.db, org.users.repAnna, 'lead_prioritize', { limit: 0 })).toMatchObject({ ok: false, error: { issues: [{ field: 'limit' }] } });
  });

  it('gives an empty queue for a rep with no open leads', async () => {
    const out = await callOk<QueueOut>(store.db, org.users.repCara, 'lead_prioritize', {});
    expect(out.queue).toEqual([]);
    expect(out.page).toMatchObject({ total: 0, hasMore: false });
  });
});
