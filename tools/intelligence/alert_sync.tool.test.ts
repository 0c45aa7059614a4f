import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { alerts, auditLog, interactions, opportunities } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { ago, DAY } from '../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

const later = (days: number) => new Date(ORG_NOW.getTime() + days * DAY);

interface Sync {
  found: number;
  counts: Record<string, number>;
  alerts: { dedupeKey: string; alertId: string; severity: string; change: string }[];
}

describe('alert_sync', () => {
  let store: Store;
  let org: FixtureOrg;
  const twoSignals = fixtureId();
  const bens = fixtureId();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const base = { accountId: org.accounts.acme, valueMinor: 20_000_00, stage: 'qualification' as const, stageEnteredAt: ago(5), createdAt: ago(90) };
    await store.db.insert(opportunities).values([
      { ...base, id: twoSignals, name: 'Two signals', ownerId: org.users.repAnna.userId },
      { ...base, id: bens, name: 'Ben deal', ownerId: org.users.repBen.userId },
    ]);
    // Two signals on one deal: the last contact was 30 days ago (no_contact) and it was the third
    // unanswered outbound email in a row (no_response). Ben's deal: silent 20 days.
    await store.db.insert(interactions).values([
      ...[50, 40, 30].map((d) => ({ type: 'email' as const, direction: 'outbound' as const, body: `chaser ${d}`, occurredAt: ago(d), opportunityId: twoSignals })),
      { type: 'email' as const, direction: 'inbound' as const, body: 'ok', occurredAt: ago(20), opportunityId: bens },
    ]);
  });
  afterAll(() => store.close());

  const stored = async () => store.db.select().from(alerts).where(like(alerts.dedupeKey, 'risk:%')).orderBy(alerts.dedupeKey);

  it('previews on a dry run without storing or auditing anything', async () => {
    const result = await callOk<Sync>(store.db, org.users.repAnna, 'alert_sync', { dryRun: true });
    expect(result.counts.created).toBe(1);
    expect(await stored()).toEqual([]);
    expect(await store.db.select().from(auditLog)).toEqual([]);
  });

  it('stores two signals of one deal as one alert, with an audit row', async () => {
    const result = await callOk<Sync>(store.db, org.users.repAnna, 'alert_sync', {});
    expect(result.found).toBe(1);
    expect(result.counts).toEqual({ created: 1, updated: 0, reopened: 0, refreshed: 0, unchanged: 0, resolved: 0 });
    const rows = await stored();
    expect(rows).toHaveLength(1);
    // no_contact (1) + no_response (1) = weight 2 -> medium
    expect(rows[0]).toMatchObject({
      dedupeKey: `risk:opportunity:${twoSignals}`,
      signal: 'no_contact,no_response',
      severity: 'medium',
      status: 'open',
      opportunityId: twoSignals,
      ownerId: org.users.repAnna.userId,
      title: 'Two signals: no contact, no response',
      firstSeenAt: ORG_NOW,
      lastSeenAt: ORG_NOW,
    });
    expect(rows[0]?.evidence).toHaveLength(4); // the last contact, then the three unanswered emails
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.tool, 'alert_sync'));
    expect(audit.map((a) => [a.action, a.actorId, a.dryRun])).toEqual([['alerts.synced', org.users.repAnna.userId, false]]);
    expect(audit[0]?.changes).toMatchObject({ created: 1, changed: [{ key: `risk:opportunity:${twoSignals}`, change: 'created' }] });
  });

  it('changes nothing when run again at the same moment', async () => {
    const before = await stored();
    const result = await callOk<Sync>(store.db, org.users.repAnna, 'alert_sync', {});
    expect(result.counts).toEqual({ created: 0, updated: 0, reopened: 0, refreshed: 0, unchanged: 1, resolved: 0 });
    expect(await stored()).toEqual(before);
  });

  it('keeps the first-seen time, updates details a day later, resolves a cleared alert and reopens it', async () => {
    // a day later the silence is 31 days: same signals, new detail -> updated, firstSeenAt kept
    const next = await callOk<Sync>(store.db, org.users.repAnna, 'alert_sync', {}, later(1));
    expect(next.counts.updated).toBe(1);
    let [row] = await stored();
    expect([row?.firstSeenAt, row?.lastSeenAt, row?.detail?.startsWith('no contact for 31 days')]).toEqual([ORG_NOW, later(1), true]);

    // the buyer answers: both signals clear -> resolved
    const reply = fixtureId();
    await store.db.insert(interactions).values({ id: reply, type: 'email', direction: 'inbound', body: 'sorry, busy', occurredAt: later(1.5), opportunityId: twoSignals });
    const cleared = await callOk<Sync>(store.db, org.users.repAnna, 'alert_sync', {}, later(2));
    expect(cleared.counts).toMatchObject({ resolved: 1, created: 0 });
    [row] = await stored();
    expect([row?.status, row?.resolvedAt]).toEqual(['resolved', later(2)]);
    const again = await callOk<Sync>(store.db, org.users.repAnna, 'alert_sync', {}, later(2));
    expect(again.counts.resolved).toBe(0);

    // 14 days after the reply it is silent again -> the same alert reopens, first seen still ORG_NOW
    const reopened = await callOk<Sync>(store.db, org.users.repAnna, 'alert_sync', {}, later(15.5));
    expect(reopened.counts.reopened).toBe(1);
    [row] = await stored();
    expect([row?.status, row?.resolvedAt, row?.signal, row?.severity, row?.firstSeenAt]).toEqual(['open', null, 'no_contact', 'low', ORG_NOW]);
  });

  it('keeps each rep to their own alerts; the manager syncs the team', async () => {
    const anna = await callOk<Sync>(store.db, org.users.repAnna, 'alert_sync', {}, later(15.5));
    expect(anna.alerts.map((a) => a.dedupeKey)).toEqual([`risk:opportunity:${twoSignals}`]);
    expect((await stored()).map((r) => r.dedupeKey)).not.toContain(`risk:opportunity:${bens}`);
    const manager = await callOk<Sync>(store.db, org.users.managerEast, 'alert_sync', {}, later(15.5));
    expect(manager.alerts.map((a) => [a.dedupeKey, a.change]).sort()).toEqual(
      [[`risk:opportunity:${bens}`, 'created'], [`risk:opportunity:${twoSignals}`, 'unchanged']].sort(),
    );
    // Cara (west) sees neither alert, so her sync resolves nothing of theirs
    const cara = await callOk<Sync>(store.db, org.users.repCara, 'alert_sync', {}, later(16));
    expect(cara).toMatchObject({ found: 0, alerts: [] });
    expect((await stored()).every((r) => r.status === 'open')).toBe(true);
  });

  it('refuses an exec (read-only role)', async () => {
    expect(await call(store.db, org.users.exec, 'alert_sync', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
