import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engagementEvents, interactions, leads } from '../../db/schema/index.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { localActor } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from './app.ts';
import { MAX_WEBHOOK_LEADS } from './webhooks.routes.ts';

describe('webhooks over HTTP', () => {
  let app: FastifyInstance;
  let runtime: Runtime;
  let org: FixtureOrg;
  let mailId: string;

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    const [dana] = await runtime.db
      .insert(leads)
      .values({ fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId })
      .returning({ id: leads.id });
    const [mail] = await runtime.db
      .insert(interactions)
      .values({ type: 'email', direction: 'outbound', body: 'Hi Dana', leadId: dana!.id, userId: org.users.repAnna.userId, occurredAt: new Date('2026-06-14T15:00:00Z'), metadata: { messageId: '<q1@mail.dealwise.demo>' } })
      .returning({ id: interactions.id });
    mailId = mail!.id;
    app = await buildApp({
      log: runtime.log,
      readiness: { runtime: () => runtime, startedAt: new Date('2026-06-15T12:00:00Z') },
      registry,
      actorFor: () => localActor(runtime, 'admin@dealwise.demo'),
    });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('stores a bare array of provider events once and reports each', async () => {
    const payload = [
      { externalId: 'evt-1', type: 'delivered', occurredAt: '2026-06-14T15:00:20Z', interaction: '<q1@mail.dealwise.demo>' },
      { externalId: 'evt-2', type: 'opened', occurredAt: '2026-06-14T15:45:00Z', interaction: 'q1@mail.dealwise.demo' },
    ];
    const first = await app.inject({ method: 'POST', url: '/v1/webhooks/events', payload });
    expect(first.statusCode).toBe(200);
    // 15:45 - 15:00 = 45.0 minutes to open
    expect(first.json()).toMatchObject({ ok: true, data: { created: 2, duplicates: 0, interactions: [{ interactionId: mailId, openCount: 1, minutesToOpen: 45 }] } });
    const redelivered = await app.inject({ method: 'POST', url: '/v1/webhooks/events', payload: { events: payload } });
    expect(redelivered.statusCode).toBe(200);
    expect(redelivered.json()).toMatchObject({ ok: true, data: { created: 0, duplicates: 2 } });
  });

  it('answers 400 naming the field of a malformed event', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/webhooks/events', payload: [{ externalId: 'evt-3', type: 'glanced', occurredAt: '2026-06-14T16:00:00Z', interaction: mailId }] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'events.0.type' }] } });
    const empty = await app.inject({ method: 'POST', url: '/v1/webhooks/events', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { issues: [{ field: 'events' }] } });
  });

  it('creates a single new lead through lead_upsert, and a resend leaves it unchanged', async () => {
    const lead = { fullName: 'Priya Shah', email: 'priya@globex.com', company: 'Globex', source: 'website' };
    const created = await app.inject({ method: 'POST', url: '/v1/webhooks/leads', payload: lead });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ ok: true, data: { result: 'created', lead: 'Priya Shah', account: { id: org.accounts.globex, created: false } } });
    const again = await app.inject({ method: 'POST', url: '/v1/webhooks/leads', payload: lead });
    expect(again.json()).toMatchObject({ ok: true, data: { result: 'unchanged', matchedBy: 'email' } });
  });

  it('refuses a whole batch with one malformed lead, naming its index and field, and writes nothing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/webhooks/leads',
      payload: { leads: [{ fullName: 'Ok Person', email: 'ok@initech.com' }, { fullName: 'Bad Mail', email: 'not-an-email' }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'leads.1.email', message: 'not a valid email address' }] } });
    const single = await app.inject({ method: 'POST', url: '/v1/webhooks/leads', payload: { fullName: 'X', preferredContactHour: 25 } });
    expect(single.statusCode).toBe(400);
    expect(single.json()).toMatchObject({ error: { issues: [{ field: 'preferredContactHour' }] } });
    const search = await app.inject({ method: 'POST', url: '/v1/tools/lead_search', payload: { query: 'Ok Person' } });
    expect(search.json()).toMatchObject({ data: { page: { total: 0 } } });
    const tooMany = await app.inject({ method: 'POST', url: '/v1/webhooks/leads', payload: Array.from({ length: MAX_WEBHOOK_LEADS + 1 }, (_, i) => ({ fullName: `P ${i}` })) });
    expect(tooMany.statusCode).toBe(400);
  });

  it('upserts a valid batch lead by lead and reports each, misses included', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/webhooks/leads',
      payload: [
        { fullName: 'Lee Park', email: 'lee@initech.com', company: 'Initech' },
        { email: 'dana@acme.com', title: 'COO' },
        // a new lead without a name: lead_upsert's own rule, reported for this lead only
        { email: 'anon@acme.com' },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      ok: true,
      data: {
        received: 3, created: 1, updated: 1, unchanged: 0, failed: 1,
        results: [
          { index: 0, ok: true, data: { result: 'created', lead: 'Lee Park' } },
          { index: 1, ok: true, data: { result: 'updated', matchedBy: 'email', changes: [{ field: 'title', from: null, to: 'COO' }] } },
          { index: 2, ok: false, error: { code: 'invalid_input', issues: [{ field: 'fullName' }] } },
        ],
      },
    });
  });

  it('maps a lead\'s extra fields into its attributes and says so, never refusing the lead for them', async () => {
    const lead = { fullName: 'Omar Haddad', email: 'omar@initech.com', utm_campaign: 'spring', formId: 'f-17', attributes: { formId: 'own wins' } };
    const response = await app.inject({ method: 'POST', url: '/v1/webhooks/leads', payload: lead });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, data: { result: 'created' }, mappedFields: { attributes: ['utm_campaign', 'formId'] } });
    const get = await app.inject({ method: 'POST', url: '/v1/tools/lead_get', payload: { lead: 'omar@initech.com' } });
    expect(get.json()).toMatchObject({ ok: true, data: { preferences: { attributes: { utm_campaign: 'spring', formId: 'own wins' } } } });
    const batch = await app.inject({ method: 'POST', url: '/v1/webhooks/leads', payload: [{ fullName: 'Ines Roy', email: 'ines@initech.com', hubspotScore: 40 }] });
    expect(batch.json()).toMatchObject({ ok: true, data: { created: 1, results: [{ index: 0, ok: true, mappedFields: { attributes: ['hubspotScore'] } }] } });
  });

  it('keeps an event\'s extra provider fields with the event and says so', async () => {
    const payload = [{ externalId: 'evt-x1', type: 'opened', occurredAt: '2026-06-14T16:10:00Z', interaction: mailId, sg_event_id: 'abc', ip: '10.0.0.1' }];
    const response = await app.inject({ method: 'POST', url: '/v1/webhooks/events', payload });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, data: { created: 1 }, mappedFields: [{ index: 0, providerFields: ['sg_event_id', 'ip'] }] });
    const [row] = await runtime.db.select().from(engagementEvents).where(eq(engagementEvents.externalId, 'evt-x1'));
    expect(row?.metadata).toMatchObject({ providerFields: { sg_event_id: 'abc', ip: '10.0.0.1' } });
  });

  it('answers 503 while the store is still opening', async () => {
    const starting = await buildApp({ log: runtime.log, readiness: { runtime: () => undefined, startedAt: new Date('2026-06-15T12:00:00Z') }, registry, actorFor: () => localActor(runtime, 'admin@dealwise.demo') });
    const response = await starting.inject({ method: 'POST', url: '/v1/webhooks/events', payload: [] });
    expect(response.statusCode).toBe(503);
    await starting.close();
  });
});
