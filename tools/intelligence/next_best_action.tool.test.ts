import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { interactions, leads, opportunities, opportunityContacts, opportunityStageHistory, tasks } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { ago, closedAs, DAY, dealMaker, HOUR } from '../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';


interface Effect { basis: string; withAction: { won: number; closed: number; winRate: number | null } | null; withoutAction: { won: number; closed: number; winRate: number | null } | null; liftPoints: number | null; summary: string }
interface Action { rank: number; action: string; title: string; reason: string; evidence: { sourceId: string }[]; expectedEffect: Effect }
interface Result { target: { id: string; name: string; stage: string }; actions: Action[] }

describe('next_best_action', () => {
  let store: Store;
  let org: FixtureOrg;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    const newId = (key: string) => (id[key] = fixtureId());
    await store.db.insert(leads).values([
      { id: newId('dana'), fullName: 'Dana Ruiz', title: 'Ops lead', accountId: org.accounts.acme, ownerId: anna, lifecycleStage: 'opportunity' },
      { id: newId('h0a'), fullName: 'H0 contact A', ownerId: anna },
      { id: newId('h0b'), fullName: 'H0 contact B', ownerId: anna },
      { id: newId('fresh'), fullName: 'Fresh Lead', ownerId: anna, lifecycleStage: 'new', createdAt: ago(1) },
      { id: newId('replied'), fullName: 'Replied Lead', ownerId: anna, lifecycleStage: 'contacted' },
      { id: newId('opened'), fullName: 'Opened Lead', ownerId: anna, lifecycleStage: 'contacted' },
    ]);
    // History: five closed deals, each with a finished discovery stay of 10..14 days (p80 = 13.2 days).
    // H0 won, H1 won, H2 lost, H3 won, H4 lost.
    const outcomes = ['won', 'won', 'lost', 'won', 'lost'] as const;
    const closeAt = (k: number) => ago(200 - 20 * k - (10 + k));
    const deal = dealMaker(id, { accountId: org.accounts.acme, ownerId: anna, valueMinor: 1000 });
    await store.db.insert(opportunities).values([
      ...outcomes.map((outcome, k) => deal(`H${k}`, { ...closedAs(outcome, closeAt(k)), primaryContactId: k === 0 ? id.h0a : null })),
      deal('deal', {
        name: 'Acme expansion', valueMinor: 40_000_00, stage: 'discovery',
        stageEnteredAt: ago(14), createdAt: ago(60), primaryContactId: id.dana, decisionCriteria: ['SSO', 'CRM sync'],
      }),
      // a sixth closed deal, lost, with no meeting, contact, question or objection
      deal('closed', { name: 'Lost deal', valueMinor: 1, ...closedAs('lost', ago(3)) }),
    ]);
    await store.db.insert(opportunityStageHistory).values(
      outcomes.flatMap((outcome, k) => [
        { opportunityId: id[`H${k}`]!, toStage: 'discovery' as const, changedAt: ago(200 - 20 * k) },
        { opportunityId: id[`H${k}`]!, fromStage: 'discovery' as const, toStage: outcome === 'won' ? ('closed_won' as const) : ('closed_lost' as const), changedAt: closeAt(k) },
      ]),
    );
    await store.db.insert(opportunityContacts).values([
      { opportunityId: id.H0!, leadId: id.h0a!, role: 'champion' },
      { opportunityId: id.H0!, leadId: id.h0b!, role: 'economic_buyer' },
    ]);
    const before = (k: number, days: number, hours = 0) => new Date(closeAt(k).getTime() - days * DAY + hours * HOUR);
    type Ix = typeof interactions.$inferInsert;
    const ix = (key: string, o: Partial<Ix> & { occurredAt: Date }): Ix => ({ id: newId(key), type: 'email', direction: 'inbound', body: key, ...o });
    await store.db.insert(interactions).values([
      // meetings in the last 30 days before close: H0 (10 days), H3 (5), H4 (20); H1's was 40 days before; H2 none
      ix('H0 meeting', { opportunityId: id.H0, type: 'meeting', direction: 'outbound', occurredAt: before(0, 10) }),
      ix('H1 meeting', { opportunityId: id.H1, type: 'meeting', direction: 'outbound', occurredAt: before(1, 40) }),
      ix('H3 meeting', { opportunityId: id.H3, type: 'meeting', direction: 'outbound', occurredAt: before(3, 5) }),
      ix('H4 meeting', { opportunityId: id.H4, type: 'meeting', direction: 'outbound', occurredAt: before(4, 20) }),
      // questions: H0's answered 2 hours later, H2's never
      ix('H0 question', { opportunityId: id.H0, question: 'SSO?', occurredAt: before(0, 3) }),
      ix('H0 answer', { opportunityId: id.H0, direction: 'outbound', occurredAt: before(0, 3, 2) }),
      ix('H2 question', { opportunityId: id.H2, question: 'Price?', occurredAt: before(2, 3) }),
      // objections: H4's followed up a day later, H1's never
      ix('H4 objection', { opportunityId: id.H4, objectionType: 'price', occurredAt: before(4, 15) }),
      ix('H4 follow-up', { opportunityId: id.H4, direction: 'outbound', occurredAt: before(4, 14) }),
      ix('H1 objection', { opportunityId: id.H1, objectionType: 'timing', occurredAt: before(1, 20) }),
      // the open deal: a meeting 25 days ago, then a price objection with a question 5 days ago, unanswered
      ix('deal meeting', { opportunityId: id.deal, type: 'meeting', direction: 'outbound', occurredAt: ago(25) }),
      ix('deal ask', { opportunityId: id.deal, leadId: id.dana, objectionType: 'price', question: 'Can you do quarterly billing?', occurredAt: ago(5) }),
      // leads
      ix('replied in', { leadId: id.replied, occurredAt: ago(3) }),
      ix('opened out', { leadId: id.opened, direction: 'outbound', subject: 'Pilot idea', firstOpenedAt: ago(15), openCount: 2, occurredAt: ago(16) }),
    ]);
    await store.db.insert(tasks).values([
      { id: newId('overdue'), title: 'Send security pack', type: 'email', ownerId: anna, opportunityId: id.deal, dueAt: ago(2) },
      { title: 'Done already', ownerId: anna, opportunityId: id.deal, dueAt: ago(9), status: 'done' },
      { title: 'Later', ownerId: anna, opportunityId: id.deal, dueAt: ago(-3) },
    ]);
  });
  afterAll(() => store.close());

  const nba = (input: Record<string, unknown>, actor = org.users.repAnna) => callOk<Result>(store.db, actor, 'next_best_action', { limit: 10, ...input });

  it('ranks every triggered action for a deal by fixed priority, each with its reason and evidence', async () => {
    const result = await nba({ opportunity: 'Acme expansion' });
    expect(result.target).toMatchObject({ id: id.deal, stage: 'discovery' });
    expect(result.actions.map((a) => [a.rank, a.action])).toEqual([
      [1, 'reply_to_question'],
      [2, 'complete_overdue_task'],
      [3, 'address_objection'],
      [4, 'escalate_stuck_deal'],
      [5, 'send_proposal'],
      [6, 'book_meeting'],
      [7, 'multi_thread'],
    ]);
    const by = new Map(result.actions.map((a) => [a.action, a]));
    expect(by.get('reply_to_question')).toMatchObject({ reason: '"Can you do quarterly billing?" (asked 2026-06-10, 5 days ago) has had no reply', evidence: [{ sourceId: id['deal ask'] }] });
    expect(by.get('complete_overdue_task')?.evidence.map((e) => e.sourceId)).toEqual([id.overdue]);
    expect(by.get('address_objection')?.title).toBe('Address the price objection');
    // 14 days in discovery > p80 13.2; Anna's manager is Mia East
    expect(by.get('escalate_stuck_deal')?.title).toBe('Escalate to Mia East: stuck in discovery');
    expect(by.get('send_proposal')?.reason).toContain('SSO, CRM sync');
    expect(by.get('book_meeting')?.reason).toBe('last meeting was 2026-05-21 (25 days ago) and none is booked');
    expect(by.get('multi_thread')?.reason).toBe('Dana Ruiz (Ops lead) is the only contact on the deal');
    expect(by.get('escalate_stuck_deal')?.expectedEffect).toMatchObject({ basis: 'heuristic', withAction: null, liftPoints: null });
  });

  it('measures the effect of an action on closed deals in the store, with counts', async () => {
    const by = new Map((await nba({ opportunity: 'Acme expansion' })).actions.map((a) => [a.action, a.expectedEffect]));
    // meeting in the 30 days before close: with = H0 won, H3 won, H4 lost -> 2/3 = 66.7 % ;
    // without = H1 won, H2 lost, Lost deal -> 1/3 = 33.3 % ; lift (2/3 - 1/3) * 100 = 33.3 points
    expect(by.get('book_meeting')).toMatchObject({
      basis: 'measured',
      withAction: { won: 2, closed: 3, winRate: 66.7 },
      withoutAction: { won: 1, closed: 3, winRate: 33.3 },
      liftPoints: 33.3,
    });
    // two or more contacts: H0 (won) 1/1 ; the other five H1 W, H2 L, H3 W, H4 L, Lost L = 2/5 = 40 % -> +60 points
    expect(by.get('multi_thread')).toMatchObject({ withAction: { won: 1, closed: 1, winRate: 100 }, withoutAction: { won: 2, closed: 5, winRate: 40 }, liftPoints: 60 });
    // questions answered within a day: H0 (won) 1/1 vs H2 (lost) 0/1
    expect(by.get('reply_to_question')).toMatchObject({ withAction: { won: 1, closed: 1 }, withoutAction: { won: 0, closed: 1 }, liftPoints: 100 });
    // objections followed up within 2 days: H4 (lost) 0/1 vs H1 (won) 1/1 -> -100 points: the store says what it says
    expect(by.get('address_objection')).toMatchObject({ withAction: { won: 0, closed: 1, winRate: 0 }, withoutAction: { won: 1, closed: 1, winRate: 100 }, liftPoints: -100 });
    expect(by.get('address_objection')?.summary).toContain('not a controlled test');
  });

  it('suggests first contact, a meeting or a follow-up for leads', async () => {
    expect((await nba({ lead: 'Fresh Lead' })).actions.map((a) => a.action)).toEqual(['first_touch']);
    const replied = await nba({ lead: 'Replied Lead' });
    expect(replied.actions.map((a) => a.action)).toEqual(['book_meeting']);
    // opened 15 days ago, sent 16 days ago and nothing since: follow up (70) before re-engage (65)
    const opened = await nba({ lead: 'Opened Lead' });
    expect(opened.actions.map((a) => [a.action, a.title])).toEqual([
      ['follow_up_opened_email', 'Follow up on the opened email "Pilot idea"'],
      ['re_engage', 'Re-engage after 16 days of silence'],
    ]);
    expect(opened.actions[0]?.reason).toBe('opened 2 time(s), first on 2026-05-31, and not answered');
  });

  it('caps the list, refuses closed deals and other reps\' records, and needs exactly one target', async () => {
    expect((await nba({ opportunity: 'Acme expansion', limit: 2 })).actions.map((a) => a.rank)).toEqual([1, 2]);
    expect(await call(store.db, org.users.repAnna, 'next_best_action', { opportunity: 'Lost deal' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(store.db, org.users.repBen, 'next_best_action', { opportunity: 'Acme expansion' })).toMatchObject({ ok: false, error: { code: 'not_found:opportunity' } });
    expect(await call(store.db, org.users.repAnna, 'next_best_action', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'opportunity' }] } });
    expect(await call(store.db, org.users.repAnna, 'next_best_action', { lead: 'Fresh Lead', opportunity: 'Acme expansion' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
