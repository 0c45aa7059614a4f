import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, engagementEvents, interactions, leads, sourceItems } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import type { IngestEventsOutput } from './events/event-schema.ts';

describe('ingest_events', () => {
  let store: Store;
  let org: FixtureOrg;
  const dana = fixtureId();
  const carl = fixtureId();
  const mailToDana = fixtureId();
  const mailToCarl = fixtureId();
  const callWithDana = fixtureId();
  const sentAt = new Date('2026-06-10T09:00:00Z');

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(leads).values([
      { id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId },
      { id: carl, fullName: 'Carl Mendez', email: 'carl@initech.com', accountId: org.accounts.initech, ownerId: org.users.repCara.userId },
    ]);
    const email = { type: 'email' as const, direction: 'outbound' as const, body: 'Hello', occurredAt: sentAt };
    await store.db.insert(interactions).values([
      { ...email, id: mailToDana, leadId: dana, userId: org.users.repAnna.userId, metadata: { messageId: '<m1@mail.dealwise.demo>' } },
      { ...email, id: mailToCarl, leadId: carl, userId: org.users.repCara.userId, metadata: { messageId: '<m2@mail.dealwise.demo>' } },
      { id: callWithDana, type: 'call', direction: 'outbound', body: 'Call notes', occurredAt: sentAt, leadId: dana, userId: org.users.repAnna.userId },
    ]);
  });
  afterAll(() => store.close());

  const ingest = (actor: FixtureOrg['users'][keyof FixtureOrg['users']], events: unknown[], extra: Record<string, unknown> = {}) =>
    callOk<IngestEventsOutput>(store.db, actor, 'ingest_events', { events, ...extra });
  const interaction = async (id: string) => (await store.db.select().from(interactions).where(eq(interactions.id, id)))[0]!;
  const lead = async (id: string) => (await store.db.select().from(leads).where(eq(leads.id, id)))[0]!;

  it('applies out-of-order and duplicated events into the right summary, and a resend changes nothing', async () => {
    const batch = [
      { externalId: 'sg_open_2', type: 'opened', occurredAt: '2026-06-10T11:00:00Z', interaction: '<m1@mail.dealwise.demo>' },
      { externalId: 'sg_deliv', type: 'delivered', occurredAt: '2026-06-10T09:00:30Z', interaction: 'm1@mail.dealwise.demo' },
      { externalId: 'sg_open_1', type: 'opened', occurredAt: '2026-06-10T10:00:00+00:00', interaction: mailToDana },
      { externalId: 'sg_click', type: 'clicked', occurredAt: '2026-06-10T10:05:00Z', interaction: mailToDana, url: 'https://dealwise.demo/pricing' },
      // the same provider event twice in one delivery
      { externalId: 'sg_open_2', type: 'opened', occurredAt: '2026-06-10T11:00:00Z', interaction: '<m1@mail.dealwise.demo>' },
    ];
    const out = await ingest(org.users.repAnna, batch);
    expect(out).toMatchObject({ received: 5, created: 4, duplicates: 1, rejected: 0 });
    expect(out.results.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created', 'duplicate']);
    expect(out.results.every((r) => r.interactionId === mailToDana && r.leadId === dana)).toBe(true);
    // first open = the earlier of 11:00 and 10:00 although 11:00 came first; 2 distinct opens; 1 click;
    // minutes to open = 10:00 - 09:00 = 60.0
    expect(out.interactions).toEqual([
      {
        interactionId: mailToDana, sentAt: sentAt.toISOString(), deliveredAt: '2026-06-10T09:00:30.000Z', firstOpenedAt: '2026-06-10T10:00:00.000Z',
        openCount: 2, clickCount: 1, repliedAt: null, bouncedAt: null, minutesToOpen: 60, minutesToReply: null,
      },
    ]);
    // delivery proves the address: unverified -> valid
    expect(out.leadStatusChanges).toEqual([{ leadId: dana, from: 'unverified', to: 'valid' }]);
    expect(await store.db.select().from(engagementEvents).where(eq(engagementEvents.interactionId, mailToDana))).toHaveLength(4);

    const again = await ingest(org.users.repAnna, batch);
    expect(again).toMatchObject({ created: 0, duplicates: 5, rejected: 0, interactions: [], leadStatusChanges: [] });
    expect(await interaction(mailToDana)).toMatchObject({ openCount: 2, clickCount: 1, firstOpenedAt: new Date('2026-06-10T10:00:00Z') });

    // a later batch with an even earlier open moves the first open back and counts it: 09:30 -> 30.0 minutes
    const late = await ingest(org.users.repAnna, [{ externalId: 'sg_open_0', type: 'opened', occurredAt: '2026-06-10T09:30:00Z', interaction: mailToDana }]);
    expect(late.interactions[0]).toMatchObject({ firstOpenedAt: '2026-06-10T09:30:00.000Z', openCount: 3, minutesToOpen: 30 });
  });

  it('finds the message by the Message-ID its source item was imported under, or as the first message of a thread', async () => {
    const [item] = await store.db.insert(sourceItems).values({ kind: 'email', contentHash: 'ev-src-1', rawText: 'x', externalIds: { messageId: '<s1@mail.acme.com>' } }).returning({ id: sourceItems.id });
    const imported = fixtureId();
    const threadFirst = fixtureId();
    const threadReply = fixtureId();
    const email = { type: 'email' as const, direction: 'outbound' as const, body: 'Hello', leadId: dana, userId: org.users.repAnna.userId };
    await store.db.insert(interactions).values([
      { ...email, id: imported, occurredAt: sentAt, sourceItemId: item!.id },
      { ...email, id: threadFirst, occurredAt: sentAt, threadId: '<t1@mail.dealwise.demo>' },
      { ...email, id: threadReply, occurredAt: new Date('2026-06-11T09:00:00Z'), threadId: '<t1@mail.dealwise.demo>' },
    ]);
    const out = await ingest(org.users.repAnna, [
      { externalId: 'src-1', type: 'delivered', occurredAt: '2026-06-10T09:01:00Z', interaction: 's1@mail.acme.com' },
      { externalId: 'thr-1', type: 'delivered', occurredAt: '2026-06-10T09:01:00Z', interaction: '<t1@mail.dealwise.demo>' },
    ]);
    expect(out.results.map((r) => r.interactionId)).toEqual([imported, threadFirst]);
  });

  it('records replies and the time to reply, and derives an id for events sent without one', async () => {
    const reply = { type: 'replied', occurredAt: '2026-06-10T13:15:00Z', interaction: mailToDana };
    const out = await ingest(org.users.repAnna, [reply]);
    expect(out.results[0]).toMatchObject({ status: 'created', externalId: expect.stringMatching(/^derived:[0-9a-f]{32}$/) });
    // 13:15 - 09:00 = 255 minutes
    expect(out.interactions[0]).toMatchObject({ repliedAt: '2026-06-10T13:15:00.000Z', minutesToReply: 255 });
    const again = await ingest(org.users.repAnna, [reply]);
    expect(again.results[0]).toMatchObject({ status: 'duplicate', externalId: out.results[0]!.externalId });
  });

  it('moves the lead\'s email status only up: bounce, then unsubscribe; a later delivery does not undo either', async () => {
    const bounced = await ingest(org.users.repAnna, [{ externalId: 'b1', type: 'bounced', occurredAt: '2026-06-11T09:00:00Z', lead: 'dana@acme.com' }]);
    expect(bounced.results[0]).toMatchObject({ status: 'created', interactionId: null, leadId: dana });
    expect(bounced.leadStatusChanges).toEqual([{ leadId: dana, from: 'valid', to: 'bounced' }]);
    const delivered = await ingest(org.users.repAnna, [{ externalId: 'd9', type: 'delivered', occurredAt: '2026-06-12T09:00:00Z', lead: 'dana@acme.com' }]);
    expect(delivered.leadStatusChanges).toEqual([]);
    const unsub = await ingest(org.users.repAnna, [{ externalId: 'u1', type: 'unsubscribed', occurredAt: '2026-06-11T08:00:00Z', lead: 'DANA@acme.com' }]);
    expect(unsub.leadStatusChanges).toEqual([{ leadId: dana, from: 'bounced', to: 'unsubscribed' }]);
    expect((await lead(dana)).emailStatus).toBe('unsubscribed');
  });

  it('rejects events it cannot place, with their index and reason, and stores the rest', async () => {
    const out = await ingest(org.users.repAnna, [
      { externalId: 'r0', type: 'opened', occurredAt: '2026-06-10T10:00:00Z', interaction: '<nobody@nowhere>' },
      // Cara's message: outside Anna's scope, reported exactly like a message that does not exist
      { externalId: 'r1', type: 'opened', occurredAt: '2026-06-10T10:00:00Z', interaction: '<m2@mail.dealwise.demo>' },
      { externalId: 'r2', type: 'opened', occurredAt: '2026-06-10T10:00:00Z', interaction: callWithDana },
      { externalId: 'r3', type: 'opened', occurredAt: '2026-06-16T12:00:00Z', interaction: mailToDana },
      { externalId: 'r4', type: 'opened', occurredAt: '2026-06-10T10:00:00Z', interaction: mailToDana, lead: 'carl@initech.com' },
      { externalId: 'r5', type: 'clicked', occurredAt: '2026-06-10T10:20:00Z', interaction: mailToDana },
    ]);
    expect(out).toMatchObject({ received: 6, created: 1, duplicates: 0, rejected: 5 });
    expect(out.results.map((r) => [r.index, r.status, r.reason])).toEqual([
      [0, 'rejected', 'no interaction you can see matches "<nobody@nowhere>"'],
      [1, 'rejected', 'no interaction you can see matches "<m2@mail.dealwise.demo>"'],
      [2, 'rejected', `interaction ${callWithDana} is a call; engagement events apply to emails and messages`],
      [3, 'rejected', 'occurredAt 2026-06-16T12:00:00Z is in the future'],
      [4, 'rejected', 'No lead matches "carl@initech.com" among the records you can see'],
      [5, 'created', null],
    ]);
    expect(await interaction(mailToCarl)).toMatchObject({ openCount: 0, firstOpenedAt: null });
    // Cara's manager sees her message
    const manager = await ingest(org.users.managerWest, [{ externalId: 'w1', type: 'opened', occurredAt: '2026-06-10T10:00:00Z', interaction: '<m2@mail.dealwise.demo>' }]);
    expect(manager.interactions[0]).toMatchObject({ interactionId: mailToCarl, openCount: 1 });
  });

  it('names the field of malformed events and refuses execs', async () => {
    const bad = await call(store.db, org.users.repAnna, 'ingest_events', {
      events: [
        { type: 'opened', occurredAt: '2026-06-10T10:00:00Z', interaction: mailToDana },
        { type: 'viewed', occurredAt: 'yesterday', interaction: mailToDana },
        { type: 'opened', occurredAt: '2026-06-10T10:00:00Z' },
      ],
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid_input');
    expect(bad.error.issues?.map((i) => i.field).sort()).toEqual(['events.1.occurredAt', 'events.1.type', 'events.2.interaction']);
    const empty = await call(store.db, org.users.repAnna, 'ingest_events', { events: [] });
    expect(!empty.ok && empty.error.issues?.[0]?.field).toBe('events');
    const exec = await call(store.db, org.users.exec, 'ingest_events', { events: [{ type: 'opened', occurredAt: '2026-06-10T10:00:00Z', interaction: mailToDana }] });
    expect(!exec.ok && exec.error.code).toBe('forbidden');
  });

  it('writes one audit row per call, and a dry run reports without storing', async () => {
    const event = { externalId: 'dry1', type: 'opened', occurredAt: '2026-06-10T12:00:00Z', interaction: mailToDana };
    const before = await interaction(mailToDana);
    const dry = await ingest(org.users.repAnna, [event], { dryRun: true });
    expect(dry.created).toBe(1);
    expect(dry.interactions[0]!.openCount).toBe(before.openCount + 1);
    expect((await interaction(mailToDana)).openCount).toBe(before.openCount);
    expect(await store.db.select().from(engagementEvents).where(eq(engagementEvents.externalId, 'dry1'))).toHaveLength(0);

    const real = await ingest(org.users.repAnna, [event]);
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.tool, 'ingest_events'));
    const last = audit.find((a) => !a.dryRun && (a.changes as { eventIds: string[] }).eventIds.includes(real.results[0]!.eventId!));
    expect(last).toMatchObject({ action: 'engagement_events.ingested', actorId: org.users.repAnna.userId, changes: { created: 1, duplicates: 0, rejected: 0, interactions: [mailToDana] } });
    // the dry run's audit row rolled back with everything else
    expect(audit.filter((a) => a.dryRun)).toHaveLength(0);
  });
});
