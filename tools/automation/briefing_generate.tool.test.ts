import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { leads, opportunities, opportunityStageHistory, tasks } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { ago, DAY, HOUR } from '../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import { fitBriefing, MAX_WORDS, type BriefingItem } from './briefing.ts';

interface Brief { since: string; text: string; words: number; items: { section: string; kind: string; id: string; text: string }[] }

describe('briefing_generate', () => {
  let store: Store;
  let org: FixtureOrg;
  const overdue = fixtureId();
  const today = fixtureId();
  const tomorrow = fixtureId();
  const bensTask = fixtureId();
  const moved = fixtureId();
  const won = fixtureId();
  const cold = fixtureId();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    const deal = { accountId: org.accounts.acme, ownerId: anna, createdAt: ago(60) };
    await store.db.insert(opportunities).values([
      { ...deal, id: moved, name: 'Acme platform', valueMinor: 80_000_00, stage: 'negotiation', stageEnteredAt: ago(0, 2) },
      { ...deal, id: won, name: 'Acme pilot', valueMinor: 30_000_00, stage: 'closed_won', outcome: 'won', closedAt: ago(0, 5), stageEnteredAt: ago(0, 5) },
    ]);
    await store.db.insert(opportunityStageHistory).values([
      { opportunityId: moved, fromStage: 'proposal', toStage: 'negotiation', changedAt: ago(0, 2) },
      { opportunityId: won, fromStage: 'negotiation', toStage: 'closed_won', changedAt: ago(0, 5) },
    ]);
    await store.db.insert(leads).values({ id: cold, fullName: 'Cole Quiet', ownerId: anna, lifecycleStage: 'contacted', score: 70, lastContactedAt: ago(30), createdAt: ago(90), timeZone: 'America/Chicago' });
    await store.db.insert(tasks).values([
      { id: overdue, title: 'Send Acme the security answers', priority: 'high', ownerId: anna, dueAt: ago(1) },
      // ORG_NOW is 08:00 EDT: 18:00Z is 14:00 EDT the same day
      { id: today, title: 'Prep the Acme negotiation call', priority: 'medium', ownerId: anna, dueAt: new Date(ORG_NOW.getTime() + 6 * HOUR) },
      { id: tomorrow, title: 'Quarterly plan', priority: 'urgent', ownerId: anna, dueAt: new Date(ORG_NOW.getTime() + DAY) },
      { id: bensTask, title: 'Ben calls Globex', priority: 'urgent', ownerId: org.users.repBen.userId, dueAt: ago(2) },
    ]);
  });
  afterAll(() => store.close());

  it('a rep\'s briefing: today\'s tasks in order, the cold lead, what moved and what was won, each linked to its record, within 10 items and 250 words', async () => {
    const b = await callOk<Brief>(store.db, org.users.repAnna, 'briefing_generate', {});
    expect(b.since).toBe(new Date(ORG_NOW.getTime() - DAY).toISOString());
    expect(b.items.filter((i) => i.section === 'priority').map((i) => i.id)).toEqual([overdue, today]);
    expect(b.items.find((i) => i.section === 'followup')).toMatchObject({ kind: 'lead', id: cold });
    expect(b.items.find((i) => i.section === 'forecast')).toMatchObject({ kind: 'opportunity', id: won, text: 'Acme pilot won (30,000 USD)' });
    expect(b.items.find((i) => i.section === 'changed')).toMatchObject({ kind: 'opportunity', id: moved, text: 'Acme platform moved proposal -> negotiation (80,000 USD)' });
    expect(b.text).toContain('won 30,000 USD (1), lost 0 USD (0), new pipeline 0 USD (0)');
    expect(b.items.map((i) => i.id)).not.toContain(tomorrow);
    expect(b.items.map((i) => i.id)).not.toContain(bensTask);
    expect(b.items.length).toBeLessThanOrEqual(10);
    expect(b.words).toBeLessThanOrEqual(MAX_WORDS);
  });

  it('remembers the last briefing: the next one reports changes since then; a preview does not move the mark', async () => {
    const later = new Date(ORG_NOW.getTime() + HOUR);
    const preview = await callOk<Brief>(store.db, org.users.repAnna, 'briefing_generate', { markRead: false }, later);
    expect(preview.since).toBe(ORG_NOW.toISOString());
    const next = await callOk<Brief>(store.db, org.users.repAnna, 'briefing_generate', {}, later);
    expect(next.since).toBe(ORG_NOW.toISOString());
    expect(next.items.filter((i) => i.section === 'changed' || i.section === 'forecast')).toEqual([]);
    const third = await callOk<Brief>(store.db, org.users.repAnna, 'briefing_generate', { markRead: false }, new Date(later.getTime() + HOUR));
    expect(third.since).toBe(later.toISOString());
  });

  it('a manager\'s briefing covers the team; a rep cannot read a teammate\'s; an exec gets the company view read-only', async () => {
    const m = await callOk<Brief>(store.db, org.users.managerEast, 'briefing_generate', { markRead: false });
    expect(m.items.filter((i) => i.section === 'priority').map((i) => i.id)).toEqual([bensTask, overdue, today]);
    const peek = await call(store.db, org.users.repAnna, 'briefing_generate', { user: 'Ben Rep' });
    expect(peek.ok ? 'ok' : peek.error.code).toBe('forbidden');
    const e = await callOk<Brief>(store.db, org.users.exec, 'briefing_generate', { since: ago(2).toISOString(), markRead: false });
    expect(e.items[0]).toMatchObject({ section: 'forecast', id: won });
    expect(e.text.startsWith('Exec briefing for Eve Exec, 2026-06-15')).toBe(true);
  });

  it('drops items from the end to stay within the word limit', () => {
    const long = (n: number): BriefingItem => ({ section: 'risk', kind: 'lead', id: String(n), text: 'word '.repeat(40).trim() });
    const fitted = fitBriefing('Title', 'Headline here.', Array.from({ length: 10 }, (_, i) => long(i)));
    expect(fitted.items).toHaveLength(5);
    expect(fitted.text.split(/\s+/).length).toBeLessThanOrEqual(MAX_WORDS);
  });
});
