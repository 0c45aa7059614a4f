import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client.ts';
import { fieldBacklinks } from '../../../db/repos/correlation-fields.ts';
import { loadScope, type Actor } from '../../../db/repos/scope.ts';
import { interactions, leads, opportunities, opportunityContacts, opportunityFieldHistory, opportunityStageHistory, sourceItems } from '../../../db/schema/index.ts';
import { createTestStore } from '../../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../../test/helpers/org.ts';
import { callOk } from '../../../test/helpers/tools.ts';
import type { SourceItemKind } from '../core/types.ts';
import { correlateFragment } from './correlate.ts';
import type { CorrelationContext, Fragment, FragmentParticipant } from './types.ts';

describe('correlateFragment', () => {
  let store: Store;
  let org: FixtureOrg;
  const dana = fixtureId();
  const raj = fixtureId();
  const priya = fixtureId();
  const carl = fixtureId();
  let n = 0;

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(leads).values([
      { id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId },
      { id: raj, fullName: 'Raj Patel', email: 'raj@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId },
      { id: priya, fullName: 'Priya Shah', email: 'priya@globex.com', accountId: org.accounts.globex, ownerId: org.users.repBen.userId },
      { id: carl, fullName: 'Carl Mendez', email: 'carl@initech.com', accountId: org.accounts.initech, ownerId: org.users.repCara.userId },
    ]);
  });
  afterAll(() => store.close());

  const ctxOf = async (actor: Actor): Promise<CorrelationContext> => ({ tx: store.db, scope: await loadScope(store.db, actor), actor, now: ORG_NOW });
  const lead = (id: string, accountId: string, email: string): FragmentParticipant => ({ kind: 'lead', id, email, accountId });
  const anna = (): FragmentParticipant => ({ kind: 'user', id: org.users.repAnna.userId, email: 'anna.rep@dealwise.demo' });

  /** a stored source item, as the ingestion core leaves it before the handler runs */
  async function item(kind: SourceItemKind, occurredAt: string, extra: Partial<typeof sourceItems.$inferInsert> = {}) {
    const [row] = await store.db
      .insert(sourceItems)
      .values({ kind, contentHash: `test-${++n}`, occurredAt: new Date(occurredAt), rawText: `item ${n}`, ...extra })
      .returning({ id: sourceItems.id });
    return row!.id;
  }
  async function fragment(kind: SourceItemKind, occurredAt: string, rest: Omit<Fragment, 'sourceItemId' | 'kind' | 'occurredAt'>, threadKey?: string): Promise<Fragment> {
    return { sourceItemId: await item(kind, occurredAt, { threadKey: threadKey ?? null }), kind, occurredAt: new Date(occurredAt), threadKey: threadKey ?? null, ...rest };
  }
  const deal = async (id: string) => (await store.db.select().from(opportunities).where(eq(opportunities.id, id)))[0]!;
  const history = (id: string) => store.db.select().from(opportunityFieldHistory).where(eq(opportunityFieldHistory.opportunityId, id));

  let rfqDeal = '';
  let rfqEmail = '';
  let transcript = '';

  it('opens a deal from an email naming RFQ-1234 and merges a transcript with the same people into it, with backlinks to both', async () => {
    const ctx = await ctxOf(org.users.repAnna);
    const [mail] = await store.db.insert(interactions).values({ type: 'email', direction: 'inbound', body: 'RFQ', leadId: dana, occurredAt: new Date('2026-06-01T10:00:00Z') }).returning({ id: interactions.id });
    const email = await fragment('email', '2026-06-01T10:00:00Z', {
      title: 'RFQ-1234: 500 seats',
      text: 'Please quote 500 seats by July 31.',
      participants: [lead(dana, org.accounts.acme, 'dana@acme.com'), anna()],
      interactionIds: [mail!.id],
      values: {
        value: { value: { amountMinor: 2_000_000, currency: 'usd' } },
        quantity: { value: { value: 500, unit: 'seats' } },
        expectedCloseDate: { value: '2026-07-31' },
      },
    }, '<rfq-1234@acme.com>');
    rfqEmail = email.sourceItemId;
    const created = await correlateFragment(ctx, email);
    expect(created).toMatchObject({ result: 'created', tags: ['RFQ-1234'], conflicts: [], repeated: false });
    rfqDeal = created.opportunityId!;
    expect(await deal(rfqDeal)).toMatchObject({
      name: 'Acme Corp RFQ-1234', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, primaryContactId: dana,
      valueMinor: 2_000_000, currency: 'USD', expectedCloseDate: '2026-07-31', stage: 'prospecting', externalIds: { 'tag:RFQ-1234': rfqEmail },
    });
    expect((await store.db.select().from(interactions).where(eq(interactions.id, mail!.id)))[0]!.opportunityId).toBe(rfqDeal);

    // no tag, but Dana (a contact: +2) at Acme (+1) = 3, the merge threshold; Raj joins the deal
    const call = await fragment('transcript', '2026-06-05T15:00:00Z', {
      title: 'Acme weekly',
      text: 'Dana: we still need the 500 seats. Raj: budget approval takes until mid August.',
      participants: [lead(dana, org.accounts.acme, 'dana@acme.com'), lead(raj, org.accounts.acme, 'raj@acme.com'), anna()],
      values: { quantity: { value: { value: 500, unit: 'seats' } }, expectedCloseDate: { value: '2026-08-15' } },
    });
    transcript = call.sourceItemId;
    const merged = await correlateFragment(ctx, call);
    expect(merged).toMatchObject({ result: 'merged', opportunityId: rfqDeal, score: 3, matchedBy: ['participants:1', 'account'], applied: [], supported: ['quantity'] });
    // the transcript's later close date loses to the email: an email outranks a transcript
    expect(merged.conflicts).toEqual([
      expect.objectContaining({ field: 'expectedCloseDate', stored: '2026-07-31', incoming: '2026-08-15', winner: 'stored', why: 'an email outranks a transcript', storedSource: expect.objectContaining({ kind: 'email', sourceItemId: rfqEmail }) }),
    ]);
    expect((await deal(rfqDeal)).expectedCloseDate).toBe('2026-07-31');
    const contacts = await store.db.select().from(opportunityContacts).where(eq(opportunityContacts.opportunityId, rfqDeal));
    expect(contacts.map((c) => c.leadId).sort()).toEqual([dana, raj].sort());

    const links = await fieldBacklinks(store.db, ctx.scope, rfqDeal);
    const of = (field: string) => links.filter((l) => l.field === field).map((l) => [l.role, l.sourceItemId]);
    expect(of('quantity')).toEqual([['supports', transcript], ['set', rfqEmail]]);
    expect(of('expectedCloseDate')).toEqual([['conflicts', transcript], ['set', rfqEmail]]);
    expect(of('value')).toEqual([['set', rfqEmail]]);
    // Ben's scope does not include Anna's deal: no backlinks at all
    expect(await fieldBacklinks(store.db, await loadScope(store.db, org.users.repBen), rfqDeal)).toEqual([]);
  });

  it('keeps the most recent of equally authoritative sources whatever the import order, and lets a CRM row outrank email', async () => {
    const ctx = await ctxOf(org.users.repAnna);
    const value = (amountMinor: number) => ({ value: { value: { amountMinor, currency: 'USD' } } });
    // a reply in the thread (June 10) raises the value: same authority, more recent -> replaced
    const reply = await fragment('email', '2026-06-10T09:00:00Z', { title: 'Re: seats', text: 'We can do $24,000.', values: value(2_400_000) }, '<rfq-1234@acme.com>');
    const replaced = await correlateFragment(ctx, reply);
    expect(replaced).toMatchObject({ result: 'merged', opportunityId: rfqDeal, matchedBy: ['thread'], applied: [{ field: 'value', from: { amountMinor: 2_000_000, currency: 'USD' }, to: { amountMinor: 2_400_000, currency: 'USD' } }] });
    expect(replaced.conflicts[0]).toMatchObject({ winner: 'incoming', why: 'same authority; the incoming source (2026-06-10) is more recent than the stored one (2026-06-01)' });

    // an older email imported late does not roll the value back
    const late = await fragment('email', '2026-05-20T09:00:00Z', { title: 'RFQ-1234 first numbers', participants: [lead(dana, org.accounts.acme, 'dana@acme.com')], values: value(1_800_000) });
    const kept = await correlateFragment(ctx, late);
    // tag +6, Dana +2, account +1
    expect(kept).toMatchObject({ result: 'merged', score: 9, applied: [] });
    expect(kept.conflicts[0]).toMatchObject({ field: 'value', winner: 'stored', why: 'same authority; the stored source (2026-06-10) is more recent than the incoming one (2026-05-20)' });
    expect((await deal(rfqDeal)).valueMinor).toBe(2_400_000);

    // a CRM row wins over email although it is older
    const crm = await fragment('crm_csv_row', '2026-05-01T00:00:00Z', { opportunityName: 'Acme Corp RFQ-1234', accountId: org.accounts.acme, externalIds: { 'crm:test': 'OPP-9' }, values: value(2_200_000) });
    const fromCrm = await correlateFragment(ctx, crm);
    expect(fromCrm).toMatchObject({ result: 'merged', applied: [{ field: 'value', to: { amountMinor: 2_200_000, currency: 'USD' } }] });
    expect(fromCrm.conflicts[0]).toMatchObject({ winner: 'incoming', why: 'a CRM row outranks an email' });
    expect((await deal(rfqDeal)).externalIds).toMatchObject({ 'crm:test': 'OPP-9', 'tag:RFQ-1234': rfqEmail });
    const valueRows = (await history(rfqDeal)).filter((h) => h.field === 'value_minor').map((h) => [h.oldValue, h.newValue, h.sourceItemId]);
    expect(valueRows).toEqual([[null, 2_000_000, rfqEmail], [2_000_000, 2_400_000, reply.sourceItemId], [2_400_000, 2_200_000, crm.sourceItemId]]);
  });

  it('answers a second correlation of the same item from its record, changing nothing', async () => {
    const ctx = await ctxOf(org.users.repAnna);
    const rows = (await history(rfqDeal)).length;
    const again = await correlateFragment(ctx, { sourceItemId: transcript, kind: 'transcript', occurredAt: new Date('2026-06-05T15:00:00Z'), participants: [lead(dana, org.accounts.acme, 'dana@acme.com')], values: { expectedCloseDate: { value: '2026-09-01' } } });
    expect(again).toMatchObject({ result: 'merged', opportunityId: rfqDeal, repeated: true, supported: ['quantity'] });
    expect((await history(rfqDeal)).length).toBe(rows);
  });

  it('moves the stage forward on a hint, but an email never moves it back', async () => {
    const ctx = await ctxOf(org.users.repAnna);
    const forward = await correlateFragment(ctx, await fragment('transcript', '2026-06-11T15:00:00Z', { text: 'RFQ-1234: send the proposal', values: { stage: { value: 'proposal' } } }));
    expect(forward.applied).toEqual([{ field: 'stage', from: 'prospecting', to: 'proposal' }]);
    const moves = await store.db.select().from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunityId, rfqDeal));
    expect(moves.map((m) => m.toStage)).toEqual(['prospecting', 'proposal']);
    const back = await correlateFragment(ctx, await fragment('email', '2026-06-12T15:00:00Z', { text: 'RFQ-1234 still qualifying', values: { stage: { value: 'qualification' } } }));
    expect(back.conflicts).toEqual([expect.objectContaining({ field: 'stage', winner: 'stored', why: 'only a CRM row moves a deal back a stage' })]);
    expect((await deal(rfqDeal)).stage).toBe('proposal');
  });

  it('lets a reviewer correction win over every later import, and records the conflict', async () => {
    const annotated = await callOk<{ annotationId: string }>(store.db, org.users.repAnna, 'feedback_annotate', { record: 'opportunity', target: rfqDeal, field: 'value', value: 2_500_000, note: 'signed order form says 25k' });
    const ctx = await ctxOf(org.users.repAnna);
    for (const kind of ['email', 'crm_csv_row'] as const) {
      const later = await correlateFragment(ctx, await fragment(kind, '2026-06-14T09:00:00Z', { text: 'RFQ-1234 at $30,000', values: { value: { value: { amountMinor: 3_000_000, currency: 'USD' } } } }));
      expect(later).toMatchObject({ result: 'merged', applied: [] });
      expect(later.conflicts).toEqual([
        expect.objectContaining({ field: 'value', stored: { amountMinor: 2_500_000, currency: 'USD' }, winner: 'stored', storedSource: expect.objectContaining({ kind: 'reviewer', annotationId: annotated.annotationId }) }),
      ]);
    }
    expect((await deal(rfqDeal)).valueMinor).toBe(2_500_000);
  });

  it('opens a second deal for another RFQ from the same contact rather than merging it', async () => {
    const ctx = await ctxOf(org.users.repAnna);
    // the RFQ-1234 deal scores Dana +2, account +1, another RFQ -6 = -3
    const other = await correlateFragment(ctx, await fragment('email', '2026-06-13T09:00:00Z', { title: 'RFQ-5555 spare parts', participants: [lead(dana, org.accounts.acme, 'dana@acme.com')] }));
    expect(other).toMatchObject({ result: 'created', candidates: [{ opportunityId: rfqDeal, score: -3 }] });
    expect((await deal(other.opportunityId!)).name).toBe('Acme Corp RFQ-5555');
  });

  it('merges nothing on a tie, keeps the candidates, and opens no deal without an identifier', async () => {
    const ben = await ctxOf(org.users.repBen);
    const base = { accountId: org.accounts.globex, ownerId: org.users.repBen.userId, valueMinor: 100_000, createdAt: ORG_NOW, updatedAt: ORG_NOW, stageEnteredAt: ORG_NOW };
    const [a, b] = await store.db.insert(opportunities).values([{ ...base, name: 'Globex renewal' }, { ...base, name: 'Globex expansion' }]).returning({ id: opportunities.id });
    await store.db.insert(opportunityContacts).values([{ opportunityId: a!.id, leadId: priya, role: 'champion' }, { opportunityId: b!.id, leadId: priya, role: 'champion' }]);
    const thanks = await fragment('email', '2026-06-14T09:00:00Z', { text: 'Thanks for the call', participants: [lead(priya, org.accounts.globex, 'priya@globex.com')] });
    const tie = await correlateFragment(ben, thanks);
    expect(tie).toMatchObject({ result: 'ambiguous', opportunityId: null });
    // Priya +2, Globex +1 for each
    expect(tie.candidates.map((c) => [c.opportunityId, c.score]).sort()).toEqual([[a!.id, 3], [b!.id, 3]].sort());
    const [stored] = await store.db.select({ metadata: sourceItems.metadata }).from(sourceItems).where(eq(sourceItems.id, thanks.sourceItemId));
    expect(stored!.metadata).toMatchObject({ correlation: { result: 'ambiguous', candidates: [{ score: 3 }, { score: 3 }] } });

    const vague = await correlateFragment(ben, await fragment('email', '2026-06-14T10:00:00Z', { text: 'Price is $9,000', participants: [{ kind: 'unknown', email: 'x@globex.com', accountId: org.accounts.globex }], values: { value: { value: { amountMinor: 900_000, currency: 'USD' } } } }));
    // two open deals at Globex score 1 each: below the threshold, and nothing names a deal
    expect(vague).toMatchObject({ result: 'unmatched', opportunityId: null, note: 'no deal identifier or deal name in the fragment: not enough to open a deal' });
  });

  it('neither merges into nor duplicates a deal outside the caller\'s scope', async () => {
    const [caras] = await store.db
      .insert(opportunities)
      .values({ name: 'Initech RFQ-777', accountId: org.accounts.initech, ownerId: org.users.repCara.userId, valueMinor: 50_000, externalIds: { 'tag:RFQ-777': 'x' }, createdAt: ORG_NOW, updatedAt: ORG_NOW, stageEnteredAt: ORG_NOW })
      .returning({ id: opportunities.id });
    const anna = await ctxOf(org.users.repAnna);
    const out = await correlateFragment(anna, await fragment('email', '2026-06-14T09:00:00Z', { title: 'RFQ-777', accountId: org.accounts.initech }));
    expect(out).toMatchObject({ result: 'hidden', opportunityId: null, candidates: [] });
    expect(JSON.stringify(out)).not.toContain(caras!.id);
    expect((await store.db.select().from(opportunities).where(eq(opportunities.accountId, org.accounts.initech))).length).toBe(1);
    // Cara's manager sees it and merges
    const max = await ctxOf(org.users.managerWest);
    const merged = await correlateFragment(max, await fragment('email', '2026-06-14T09:00:00Z', { title: 'RFQ 777', accountId: org.accounts.initech }));
    expect(merged).toMatchObject({ result: 'merged', opportunityId: caras!.id, matchedBy: ['tag:RFQ-777', 'account'] });
  });
});
