import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import {
  alerts, auditLog, campaigns, campaignTouches, engagementEvents, interactions, leadMerges, leadQualifications, leads, leadStageHistory,
  opportunities, opportunityContacts, scoreHistory, tasks,
} from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

const at = (iso: string) => new Date(iso);

interface MergeOut {
  mergeId: string;
  moved: Record<string, number>;
  filled: { field: string; value: unknown }[];
  kept: { field: string; survivor: unknown; duplicate: unknown }[];
}

// rows pointing at each lead, table by table
const TABLES = {
  interactions: 'interactions', tasks: 'tasks', engagementEvents: 'engagement_events', campaignTouches: 'campaign_touches',
  opportunityContacts: 'opportunity_contacts', stageHistory: 'lead_stage_history', scoreHistory: 'score_history', alerts: 'alerts',
  qualifications: 'lead_qualifications',
} as const;

describe('lead_merge', () => {
  let store: Store;
  let org: FixtureOrg;
  const [survivor, duplicate, prior, caraLead, dryA, dryB] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const [o1, o2, campaign] = [fixtureId(), fixtureId(), fixtureId()];

  async function counts(leadId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [key, table] of Object.entries(TABLES)) {
      const [r] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from ${sql.identifier(table)} where lead_id = ${leadId}`);
      out[key] = r?.n ?? 0;
    }
    const [p] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from opportunities where primary_contact_id = ${leadId}`);
    out.primaryContactOf = p?.n ?? 0;
    return out;
  }

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    const acme = org.accounts.acme;
    await store.db.insert(leads).values([
      {
        id: survivor, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: acme, ownerId: anna, title: 'VP Sales', painPoints: ['a'],
        interactionCount: 2, lifecycleStage: 'contacted', attributes: { x: 1 }, createdAt: at('2026-01-01T00:00:00Z'),
      },
      {
        id: duplicate, fullName: 'Dana Ruiz', email: 'Dana@Acme.com', accountId: acme, ownerId: anna, phone: '+1 212 555 0101', title: 'Head of Sales',
        painPoints: ['A', 'b'], interactionCount: 3, attributes: { x: 2, y: 3 }, emailStatus: 'valid', isDecisionMaker: true,
        lastContactedAt: at('2026-06-10T00:00:00Z'), createdAt: at('2026-02-01T00:00:00Z'),
      },
      { id: prior, fullName: 'Dana R.', ownerId: anna, status: 'merged', mergedIntoId: duplicate },
      { id: caraLead, fullName: 'Dana Ruiz', email: 'dana.r@initech.com', accountId: org.accounts.initech, ownerId: org.users.repCara.userId },
      { id: dryA, fullName: 'Dry A', ownerId: anna },
      { id: dryB, fullName: 'Dry B', ownerId: anna },
    ]);
    await store.db.insert(leadMerges).values({ survivorId: duplicate, mergedId: prior, mergedSnapshot: {}, movedCounts: {}, mergedAt: at('2026-03-01T00:00:00Z') });
    const touch = (leadId: string, occurredAt: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ type: 'email' as const, direction: 'outbound' as const, leadId, body: `mail ${i}`, occurredAt: at(occurredAt) }));
    await store.db.insert(interactions).values([...touch(survivor, '2026-05-01T00:00:00Z', 2), ...touch(duplicate, '2026-05-02T00:00:00Z', 3)]);
    await store.db.insert(tasks).values([
      { title: 's', ownerId: anna, leadId: survivor },
      { title: 'd1', ownerId: anna, leadId: duplicate },
      { title: 'd2', ownerId: anna, leadId: duplicate },
    ]);
    await store.db.insert(engagementEvents).values([
      { type: 'opened', leadId: survivor, occurredAt: at('2026-05-01T01:00:00Z') },
      ...Array.from({ length: 4 }, (_, i) => ({ type: 'opened' as const, leadId: duplicate, occurredAt: at(`2026-05-0${i + 2}T01:00:00Z`) })),
    ]);
    await store.db.insert(campaigns).values({ id: campaign, name: 'Spring webinar', channel: 'webinar' });
    await store.db.insert(campaignTouches).values([
      { campaignId: campaign, leadId: survivor, touchedAt: at('2026-04-01T00:00:00Z') },
      // the same touch on both records: kept once
      { campaignId: campaign, leadId: duplicate, touchedAt: at('2026-04-01T00:00:00Z') },
      { campaignId: campaign, leadId: duplicate, touchedAt: at('2026-04-08T00:00:00Z') },
    ]);
    await store.db.insert(opportunities).values([
      { id: o1, name: 'Acme rollout', accountId: acme, ownerId: anna, valueMinor: 10_000_00 },
      { id: o2, name: 'Acme pilot', accountId: acme, ownerId: anna, valueMinor: 2_000_00, primaryContactId: duplicate },
    ]);
    await store.db.insert(opportunityContacts).values([
      { opportunityId: o1, leadId: survivor, role: 'champion' },
      { opportunityId: o1, leadId: duplicate, role: 'economic_buyer' },
      { opportunityId: o2, leadId: duplicate, role: 'user' },
    ]);
    await store.db.insert(leadStageHistory).values([
      { leadId: survivor, toStage: 'contacted', changedAt: at('2026-02-01T00:00:00Z') },
      { leadId: duplicate, toStage: 'new', changedAt: at('2026-02-01T00:00:00Z') },
      { leadId: duplicate, toStage: 'contacted', changedAt: at('2026-03-01T00:00:00Z') },
    ]);
    const parts = { behavioural: 50, demographic: 50, fit: 50, engagement: 50 };
    await store.db.insert(scoreHistory).values([
      { leadId: survivor, score: 40, grade: 'C', parts, computedAt: at('2026-04-01T00:00:00Z') },
      { leadId: duplicate, score: 45, grade: 'C', parts, computedAt: at('2026-04-02T00:00:00Z') },
      { leadId: duplicate, score: 55, grade: 'B', parts, computedAt: at('2026-04-03T00:00:00Z') },
    ]);
    await store.db.insert(alerts).values({ dedupeKey: `no_contact:lead:${duplicate}`, signal: 'no_contact', leadId: duplicate, ownerId: anna, title: 'quiet', firstSeenAt: at('2026-06-01T00:00:00Z'), lastSeenAt: at('2026-06-01T00:00:00Z') });
    await store.db.insert(leadQualifications).values([
      { leadId: survivor, framework: 'BANT', criteria: [], metCount: 1, assessedAt: at('2026-05-01T00:00:00Z') },
      { leadId: duplicate, framework: 'BANT', criteria: [], metCount: 2, assessedAt: at('2026-05-01T00:00:00Z') },
      { leadId: duplicate, framework: 'MEDDIC', criteria: [], metCount: 3, assessedAt: at('2026-05-01T00:00:00Z') },
    ]);
  });
  afterAll(() => store.close());

  it('moves every row to the survivor, preserving each count exactly', async () => {
    const before = { s: await counts(survivor), d: await counts(duplicate) };
    expect(before.d).toEqual({
      interactions: 3, tasks: 2, engagementEvents: 4, campaignTouches: 2, opportunityContacts: 2, stageHistory: 2, scoreHistory: 2, alerts: 1,
      qualifications: 2, primaryContactOf: 1,
    });
    const out = await callOk<MergeOut>(store.db, org.users.repAnna, 'lead_merge', { survivor, duplicate });
    expect(out.moved).toEqual({
      interactions: 3, tasks: 2, engagementEvents: 4, campaignTouches: 1, campaignTouchesCollapsed: 1, opportunityContacts: 2,
      primaryContactOf: 1, stageHistory: 2, scoreHistory: 2, alerts: 1, qualifications: 1, priorMerges: 1,
    });
    expect(out.kept).toEqual([
      { field: 'title', survivor: 'VP Sales', duplicate: 'Head of Sales' },
      { field: 'lifecycleStage', survivor: 'contacted', duplicate: 'new' },
    ]);
    expect(out.filled.map((f) => f.field)).toEqual(['phone', 'painPoints', 'isDecisionMaker', 'attributes', 'lastContactedAt', 'interactionCount', 'emailStatus']);
    const after = { s: await counts(survivor), d: await counts(duplicate) };
    for (const key of Object.keys(before.s)) {
      // survivor + duplicate before = survivor + duplicate after, plus the one collapsed touch
      const collapsed = key === 'campaignTouches' ? out.moved.campaignTouchesCollapsed! : 0;
      expect(after.s[key]! + after.d[key]! + collapsed, key).toBe(before.s[key]! + before.d[key]!);
    }
    // nothing points at the duplicate any more but its BANT result (the survivor has its own)
    expect(after.d).toEqual({
      interactions: 0, tasks: 0, engagementEvents: 0, campaignTouches: 0, opportunityContacts: 0, stageHistory: 0, scoreHistory: 0, alerts: 0,
      qualifications: 1, primaryContactOf: 0,
    });
    expect(after.s).toMatchObject({ interactions: 5, tasks: 3, engagementEvents: 5, campaignTouches: 2, opportunityContacts: 3, stageHistory: 3, scoreHistory: 3, qualifications: 2 });
  });

  it('fills the survivor\'s empty fields, keeps its own values, and marks and records the duplicate', async () => {
    const [s] = await store.db.select().from(leads).where(eq(leads.id, survivor));
    expect(s).toMatchObject({
      phone: '+1 212 555 0101', title: 'VP Sales', painPoints: ['a', 'b'], isDecisionMaker: true, attributes: { x: 1, y: 3 },
      interactionCount: 5, emailStatus: 'valid', lifecycleStage: 'contacted',
    });
    expect(s?.lastContactedAt?.toISOString()).toBe('2026-06-10T00:00:00.000Z');
    const [d] = await store.db.select().from(leads).where(eq(leads.id, duplicate));
    expect([d?.status, d?.mergedIntoId]).toEqual(['merged', survivor]);
    const [p] = await store.db.select().from(leads).where(eq(leads.id, prior));
    expect(p?.mergedIntoId).toBe(survivor);
    const merges = await store.db.select().from(leadMerges).where(eq(leadMerges.survivorId, survivor));
    expect(merges.map((m) => m.mergedId).sort()).toEqual([duplicate, prior].sort());
    const record = merges.find((m) => m.mergedId === duplicate);
    expect(record?.mergedSnapshot).toMatchObject({ email: 'Dana@Acme.com', title: 'Head of Sales', status: 'open' });
    expect(record?.movedCounts).toMatchObject({ interactions: 3, tasks: 2 });
    expect(record?.mergedById).toBe(org.users.repAnna.userId);
    const audit = await store.db.select().from(auditLog).where(inArray(auditLog.recordId, [survivor, duplicate]));
    expect(audit.map((a) => [a.action, a.recordId]).sort()).toEqual([['lead.merged', survivor], ['lead.merged_into', duplicate]].sort());
  });

  it('refuses a second merge of the same duplicate, a merge into itself and leads out of scope', async () => {
    expect(await call(store.db, org.users.repAnna, 'lead_merge', { survivor, duplicate })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(store.db, org.users.repAnna, 'lead_merge', { survivor: duplicate, duplicate: survivor })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(store.db, org.users.repAnna, 'lead_merge', { survivor, duplicate: survivor })).toMatchObject({
      ok: false, error: { code: 'conflict', message: 'Dana Ruiz cannot be merged into itself' },
    });
    expect(await call(store.db, org.users.repAnna, 'lead_merge', { survivor, duplicate: caraLead })).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
    expect(await call(store.db, org.users.repBen, 'lead_merge', { survivor: dryA, duplicate: dryB })).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
    expect(await call(store.db, org.users.repAnna, 'lead_merge', { survivor })).toMatchObject({ ok: false, error: { issues: [{ field: 'duplicate' }] } });
  });

  it('previews a merge on dryRun without changing anything', async () => {
    const out = await call(store.db, org.users.repAnna, 'lead_merge', { survivor: dryA, duplicate: dryB, dryRun: true });
    expect(out).toMatchObject({ ok: true, data: { survivorId: dryA, duplicateId: dryB } });
    const [b] = await store.db.select().from(leads).where(eq(leads.id, dryB));
    expect(b?.status).toBe('open');
    expect(await store.db.select().from(leadMerges).where(eq(leadMerges.survivorId, dryA))).toEqual([]);
  });
});
