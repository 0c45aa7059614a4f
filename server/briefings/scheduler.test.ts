import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import type { Store } from '../../db/client.ts';
import { briefingOutbox, scheduleRuns, schedules } from '../../db/schema/index.ts';
import { StandInPlatform } from '../../test/helpers/briefing-channel.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../test/helpers/org.ts';
import { callOk } from '../../test/helpers/tools.ts';
import { briefingLedger, type BriefingLedger } from '../../tools/automation/briefing-ledger.ts';
import { registry } from '../../tools/index.ts';
import type { BriefingChannels } from './channel.ts';
import type { DeliveryPolicy } from './deliver.ts';
import { emailChannel } from './email-channel.ts';
import { briefingFromTool } from './generate.ts';
import { createBriefingScheduler, type SchedulerOptions } from './scheduler.ts';

// One process, one in-memory store, a clock the test moves by hand. The two-process race and a real
// kill after the post are in two-process.e2e.test.ts.

const MIN = 60_000;
const policy: DeliveryPolicy = { leaseMs: 10 * MIN, maxAttempts: 3, retryBaseMs: MIN, retryCapMs: 60 * MIN, postTimeoutMs: 60_000 };

describe('the briefing scheduler', () => {
  let store: Store;
  let org: FixtureOrg;
  let ledger: BriefingLedger;
  let current = new Date('2026-06-15T12:00:00Z');
  const clock = { now: () => current };
  const at = (iso: string) => (current = new Date(iso));

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    ledger = briefingLedger(store.db);
  });
  afterAll(() => store.close());
  // every tick looks at every schedule: each test starts from none
  afterEach(() => store.db.delete(schedules));

  const scheduler = (channels: BriefingChannels, more: Partial<SchedulerOptions> = {}) =>
    createBriefingScheduler({
      ledger, channels, clock, log: silentLogger, policy, catchupMs: 60 * MIN,
      generate: briefingFromTool(registry, { db: store.db, log: silentLogger, embedder: createLocalEmbedder() }),
      ...more,
    });
  const addSchedule = async (s: { cron: string; timeZone?: string; channel?: 'slack' | 'teams' | 'email' | 'web'; target?: string | null; createdAt: string }) => {
    const [row] = await store.db
      .insert(schedules)
      .values({
        name: `test ${s.cron} ${s.createdAt} ${Math.random()}`, cron: s.cron, timeZone: s.timeZone ?? 'UTC', audienceUserId: org.users.repAnna.userId, audienceRole: 'rep',
        channel: s.channel ?? 'slack', target: s.target === undefined ? 'C-ANNA' : s.target, createdAt: new Date(s.createdAt),
      })
      .returning();
    return row!;
  };
  const deliveries = async (scheduleId: string) => (await ledger.deliveriesOf(scheduleId)).reverse();

  it('posts a schedule made with schedule_upsert once per slot to the email outbox, as the audience\'s own briefing', async () => {
    // Mon 15 Jun 12:00Z; weekdays 08:00 Berlin (CEST) = 06:00Z
    const made = await callOk<{ schedule: { id: string } }>(store.db, org.users.repAnna, 'schedule_upsert', { cron: '0 8 * * 1-5', timezone: 'Europe/Berlin', audience: 'rep', channel: 'email' }, at('2026-06-15T12:00:00Z'));
    const s = scheduler({ email: emailChannel(ledger, clock) });
    expect((await s.tick()).claimed).toEqual([]);

    at('2026-06-16T06:00:00Z');
    expect((await s.tick()).claimed).toEqual([{ scheduleId: made.schedule.id, slotAt: '2026-06-16T06:00:00.000Z', outcome: 'sent' }]);
    at('2026-06-16T06:05:00Z');
    expect((await s.tick()).claimed).toEqual([]);

    const outbox = await store.db.select().from(briefingOutbox);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ to: 'anna.rep@dealwise.demo', subject: 'Rep briefing for Anna Rep, 2026-06-16' });
    expect(outbox[0]!.text.startsWith('Rep briefing for Anna Rep, 2026-06-16\n')).toBe(true);
    const [d] = await deliveries(made.schedule.id);
    expect(d).toMatchObject({ status: 'sent', attempts: 1, messageId: outbox[0]!.id, target: 'anna.rep@dealwise.demo', leaseUntil: null });
    const [run] = await store.db.select().from(scheduleRuns).where(eq(scheduleRuns.scheduleId, made.schedule.id));
    expect(run).toMatchObject({ status: 'succeeded', output: { messageId: outbox[0]!.id } });
    const [row] = await store.db.select().from(schedules).where(eq(schedules.id, made.schedule.id));
    expect(row!.lastRunAt).toEqual(new Date('2026-06-16T06:00:00Z'));
  });

  it('retries a failed post after 1 then 2 minutes, and records it sent on the third attempt', async () => {
    const platform = new StandInPlatform();
    platform.failNext(2);
    const sched = await addSchedule({ cron: '0 9 * * *', createdAt: '2026-06-15T08:00:00Z' });
    const s = scheduler({ slack: platform.channel('slack', true) });

    at('2026-06-15T09:00:00Z');
    expect((await s.tick()).claimed.map((c) => c.outcome)).toEqual(['retrying']);
    expect(await deliveries(sched.id)).toMatchObject([{ status: 'failed', attempts: 1, nextAttemptAt: new Date('2026-06-15T09:01:00Z'), error: 'attempt 1 of 3: platform answered 503' }]);
    at('2026-06-15T09:00:59Z');
    expect((await s.tick()).retried).toEqual([]);
    at('2026-06-15T09:01:00Z');
    expect((await s.tick()).retried).toEqual(['retrying']);
    expect(await deliveries(sched.id)).toMatchObject([{ status: 'failed', attempts: 2, nextAttemptAt: new Date('2026-06-15T09:03:00Z') }]);
    at('2026-06-15T09:03:00Z');
    expect((await s.tick()).retried).toEqual(['sent']);
    expect(await deliveries(sched.id)).toMatchObject([{ status: 'sent', attempts: 3, messageId: 'msg-1', error: null, nextAttemptAt: null }]);
    expect(platform.posted).toHaveLength(1);
  });

  it('gives up after the last attempt and fails the run with the reason', async () => {
    const platform = new StandInPlatform();
    platform.failNext(3, 'channel_not_found');
    const sched = await addSchedule({ cron: '0 9 * * *', createdAt: '2026-06-15T08:00:00Z' });
    const s = scheduler({ slack: platform.channel('slack', true) });
    for (const t of ['2026-06-15T09:00:00Z', '2026-06-15T09:01:00Z', '2026-06-15T09:03:00Z', '2026-06-15T12:00:00Z']) {
      at(t);
      await s.tick();
    }
    expect(await deliveries(sched.id)).toMatchObject([{ status: 'failed', attempts: 3, nextAttemptAt: null, error: 'attempt 3 of 3: channel_not_found' }]);
    const [run] = await store.db.select().from(scheduleRuns).where(eq(scheduleRuns.scheduleId, sched.id));
    expect(run).toMatchObject({ status: 'failed', error: 'attempt 3 of 3: channel_not_found' });
    expect(platform.posted).toHaveLength(0);
  });

  it('looks before retrying: a post that failed after it landed is reconciled, not posted twice', async () => {
    const platform = new StandInPlatform();
    platform.failNext(1, 'timed out', true);
    const sched = await addSchedule({ cron: '0 9 * * *', createdAt: '2026-06-15T08:00:00Z' });
    const s = scheduler({ slack: platform.channel('slack', true) });
    at('2026-06-15T09:00:00Z');
    await s.tick();
    at('2026-06-15T09:01:00Z');
    expect((await s.tick()).retried).toEqual(['reconciled']);
    expect(platform.posted).toHaveLength(1);
    expect(await deliveries(sched.id)).toMatchObject([{ status: 'sent', attempts: 2, messageId: 'msg-1' }]);
  });

  it('after downtime posts the newest slot inside the catch-up window and skips the older ones', async () => {
    const platform = new StandInPlatform();
    const sched = await addSchedule({ cron: '0 * * * *', createdAt: '2026-06-15T00:30:00Z' });
    const s = scheduler({ slack: platform.channel('slack', true) });
    at('2026-06-15T01:00:00Z');
    await s.tick();
    // down from 01:00 to 04:10: 04:00 is 10 min late (posted), 03:00 70 min and 02:00 130 min (skipped)
    at('2026-06-15T04:10:00Z');
    const report = await s.tick();
    expect(report.claimed.map((c) => c.slotAt)).toEqual(['2026-06-15T04:00:00.000Z']);
    expect(report.skipped).toBe(2);
    expect((await deliveries(sched.id)).map((d) => [d.slotAt.toISOString().slice(11, 16), d.status, d.error])).toEqual([
      ['01:00', 'sent', null],
      ['02:00', 'skipped', 'missed by more than the catch-up window (60 min)'],
      ['03:00', 'skipped', 'missed by more than the catch-up window (60 min)'],
      ['04:00', 'sent', null],
    ]);
    expect(platform.posted).toHaveLength(2);
    const runs = await store.db.select().from(scheduleRuns).where(eq(scheduleRuns.scheduleId, sched.id));
    expect(runs.map((r) => r.status).sort()).toEqual(['skipped', 'skipped', 'succeeded', 'succeeded']);
  });

  it('runs a Europe/Berlin 02:30 schedule once a day across spring-forward and fall-back', async () => {
    const platform = new StandInPlatform();
    const s = scheduler({ slack: platform.channel('slack', true) });
    // every half hour through each night's 23:00Z-03:00Z, where 02:30 Berlin falls in both CET and CEST
    const nightly = async (days: string[]) => {
      for (const day of days) {
        for (let t = Date.parse(`${day}T23:00:00Z`) - 86_400_000; t <= Date.parse(`${day}T03:00:00Z`); t += 30 * MIN) {
          at(new Date(t).toISOString());
          await s.tick();
        }
      }
    };
    const spring = await addSchedule({ cron: '30 2 * * *', timeZone: 'Europe/Berlin', createdAt: '2026-03-27T12:00:00Z' });
    await nightly(['2026-03-28', '2026-03-29', '2026-03-30']);
    // 28 Mar 02:30 CET; 29 Mar 02:30 does not exist: 03:00 CEST, right after the gap; 30 Mar 02:30 CEST
    expect((await deliveries(spring.id)).map((d) => [d.slotAt.toISOString(), d.status])).toEqual([
      ['2026-03-28T01:30:00.000Z', 'sent'],
      ['2026-03-29T01:00:00.000Z', 'sent'],
      ['2026-03-30T00:30:00.000Z', 'sent'],
    ]);
    await store.db.update(schedules).set({ enabled: false }).where(eq(schedules.id, spring.id));

    const autumn = await addSchedule({ cron: '30 2 * * *', timeZone: 'Europe/Berlin', createdAt: '2026-10-23T12:00:00Z' });
    await nightly(['2026-10-24', '2026-10-25', '2026-10-26']);
    // 25 Oct 02:30 happens twice (00:30Z CEST, 01:30Z CET): posted once, at the first
    expect((await deliveries(autumn.id)).map((d) => [d.slotAt.toISOString(), d.status])).toEqual([
      ['2026-10-24T00:30:00.000Z', 'sent'],
      ['2026-10-25T00:30:00.000Z', 'sent'],
      ['2026-10-26T01:30:00.000Z', 'sent'],
    ]);
    expect(platform.posted).toHaveLength(6);
  });

  describe('after a crash between the post and its record', () => {
    // what a process leaves when it dies right after the post: the delivery `sending`, the message out
    const crashAfterPost = async (platform: StandInPlatform, posted: boolean) => {
      const sched = await addSchedule({ cron: '0 9 * * *', createdAt: '2026-06-15T08:00:00Z' });
      at('2026-06-15T09:00:00Z');
      const runId = await ledger.claimSlot({ scheduleId: sched.id, slotAt: current, now: current });
      const d = await ledger.openDelivery({ runId: runId!, scheduleId: sched.id, slotAt: current, channel: 'slack', target: 'C-ANNA', title: 'T', text: 'body', now: current, leaseUntil: new Date(current.getTime() + policy.leaseMs) });
      if (posted) platform.post('C-ANNA', { deliveryId: d.id, title: 'T', text: 'body' });
      return sched;
    };

    it('leaves it alone while the lease runs, then finds the message and records it sent', async () => {
      const platform = new StandInPlatform();
      const sched = await crashAfterPost(platform, true);
      const s = scheduler({ slack: platform.channel('slack', true) });
      at('2026-06-15T09:09:59Z');
      expect(await s.tick()).toMatchObject({ claimed: [], reconciled: [], retried: [] });
      at('2026-06-15T09:10:01Z');
      expect((await s.tick()).reconciled).toEqual(['reconciled']);
      expect(await deliveries(sched.id)).toMatchObject([{ status: 'sent', messageId: 'msg-1', attempts: 1 }]);
      expect(platform.posted).toHaveLength(1);
    });

    it('marks it unknown for a person when the channel cannot look messages up, and never posts again', async () => {
      const platform = new StandInPlatform();
      const sched = await crashAfterPost(platform, true);
      const s = scheduler({ slack: platform.channel('slack', false) });
      at('2026-06-15T09:11:00Z');
      expect((await s.tick()).reconciled).toEqual(['unknown']);
      at('2026-06-15T12:00:00Z');
      await s.tick();
      const [d] = await deliveries(sched.id);
      expect(d).toMatchObject({ status: 'unknown', leaseUntil: null, nextAttemptAt: null });
      expect(d!.error).toContain('check the channel before resending');
      expect(platform.posted).toHaveLength(1);
    });

    it('posts it (once) when the channel says the message never arrived', async () => {
      const platform = new StandInPlatform();
      const sched = await crashAfterPost(platform, false);
      const s = scheduler({ slack: platform.channel('slack', true) });
      at('2026-06-15T09:11:00Z');
      // reconciled as a failed attempt due at once, so the same tick's retry step posts it
      expect(await s.tick()).toMatchObject({ reconciled: ['retrying'], retried: ['sent'] });
      at('2026-06-15T09:12:00Z');
      expect(await s.tick()).toMatchObject({ reconciled: [], retried: [] });
      expect(await deliveries(sched.id)).toMatchObject([{ status: 'sent', attempts: 2, messageId: 'msg-1' }]);
      expect(platform.posted).toHaveLength(1);
    });
  });

  it('leaves a post that never answers `sending` and settles it through find() once the lease runs out', async () => {
    const platform = new StandInPlatform();
    const sched = await addSchedule({ cron: '0 9 * * *', createdAt: '2026-06-15T08:00:00Z' });
    // the platform takes the message but never answers
    const hanging = { ...platform.channel('slack', true), post: (target: string, m: { deliveryId: string; title: string; text: string }) => (platform.post(target, m), new Promise<never>(() => undefined)) };
    at('2026-06-15T09:00:00Z');
    const report = await scheduler({ slack: hanging }, { policy: { ...policy, postTimeoutMs: 20 } }).tick();
    expect(report.claimed.map((c) => c.outcome)).toEqual(['timed_out']);
    expect(await deliveries(sched.id)).toMatchObject([{ status: 'sending', attempts: 1 }]);
    at('2026-06-15T09:10:01Z');
    expect((await scheduler({ slack: platform.channel('slack', true) }).tick()).reconciled).toEqual(['reconciled']);
    expect(await deliveries(sched.id)).toMatchObject([{ status: 'sent', messageId: 'msg-1' }]);
    expect(platform.posted).toHaveLength(1);
  });

  it('carries on a run whose claimer died before writing its delivery (nothing was posted yet)', async () => {
    const platform = new StandInPlatform();
    const sched = await addSchedule({ cron: '0 9 * * *', createdAt: '2026-06-15T08:00:00Z' });
    await ledger.claimSlot({ scheduleId: sched.id, slotAt: new Date('2026-06-15T09:00:00Z'), now: new Date('2026-06-15T09:00:00Z') });
    const s = scheduler({ slack: platform.channel('slack', true) });
    at('2026-06-15T09:05:00Z');
    expect((await s.tick()).claimed).toEqual([]);
    at('2026-06-15T09:10:01Z');
    expect((await s.tick()).claimed).toEqual([{ scheduleId: sched.id, slotAt: '2026-06-15T09:00:00.000Z', outcome: 'sent' }]);
    expect(platform.posted).toHaveLength(1);
  });

  it('fails a slot it cannot deliver with a reason naming what is missing', async () => {
    const web = await addSchedule({ cron: '0 9 * * *', channel: 'web', createdAt: '2026-06-15T08:00:00Z' });
    const teams = await addSchedule({ cron: '0 9 * * *', channel: 'teams', createdAt: '2026-06-15T08:00:00Z' });
    const noTarget = await addSchedule({ cron: '0 9 * * *', channel: 'slack', target: null, createdAt: '2026-06-15T08:00:00Z' });
    const platform = new StandInPlatform();
    at('2026-06-15T09:00:00Z');
    const report = await scheduler({ slack: platform.channel('slack', true) }).tick();
    expect(report.claimed.map((c) => c.outcome)).toEqual(['undeliverable', 'undeliverable', 'undeliverable']);
    expect((await deliveries(web.id))[0]).toMatchObject({ status: 'failed', attempts: 0, error: 'no web channel is configured on this server' });
    expect((await deliveries(teams.id))[0]).toMatchObject({ status: 'failed', error: 'no teams channel is configured on this server' });
    expect((await deliveries(noTarget.id))[0]).toMatchObject({ status: 'failed', error: 'the schedule has no target (a slack address)' });
    expect(platform.posted).toHaveLength(0);
  });

  it('email: one outbox row per delivery, found again by delivery id; a target that is no address is refused by name', async () => {
    const sched = await addSchedule({ cron: '0 9 * * *', channel: 'email', target: 'anna.rep@dealwise.demo', createdAt: '2026-06-15T08:00:00Z' });
    at('2026-06-15T09:00:00Z');
    const runId = await ledger.claimSlot({ scheduleId: sched.id, slotAt: current, now: current });
    const d = await ledger.openDelivery({ runId: runId!, scheduleId: sched.id, slotAt: current, channel: 'email', target: 'anna.rep@dealwise.demo', title: 'Subject', text: 'Body', now: current, leaseUntil: current });
    const email = emailChannel(ledger, clock);
    const first = await email.post('anna.rep@dealwise.demo', { deliveryId: d.id, title: 'Subject', text: 'Body' });
    const again = await email.post('anna.rep@dealwise.demo', { deliveryId: d.id, title: 'Subject', text: 'Body' });
    expect(again.messageId).toBe(first.messageId);
    expect(await email.find!('anna.rep@dealwise.demo', d.id, current)).toBe(first.messageId);
    expect(await store.db.select().from(briefingOutbox).where(eq(briefingOutbox.deliveryId, d.id))).toMatchObject([{ to: 'anna.rep@dealwise.demo', subject: 'Subject', text: 'Body' }]);
    await expect(email.post('C-ANNA', { deliveryId: d.id, title: 'S', text: 'B' })).rejects.toThrow('target: "C-ANNA" is not an email address');
  });

  it('start() ticks at once (reconciling and claiming at start-up) and stop() waits for that tick', async () => {
    const platform = new StandInPlatform();
    const sched = await addSchedule({ cron: '0 9 * * *', createdAt: '2026-06-15T08:00:00Z' });
    let posted!: () => void;
    const postedOnce = new Promise<void>((resolve) => (posted = resolve));
    const channel = platform.channel('slack', true);
    at('2026-06-15T09:00:00Z');
    const s = scheduler({ slack: { ...channel, post: async (target, m) => { const r = await channel.post(target, m); posted(); return r; } } }, { tickMs: 3_600_000 });
    s.start();
    await postedOnce;
    await s.stop(60_000);
    expect(await deliveries(sched.id)).toMatchObject([{ status: 'sent', messageId: 'msg-1' }]);
  });

  it('lets exactly one of two schedulers on one store claim a slot they reach at once', async () => {
    const platform = new StandInPlatform();
    const sched = await addSchedule({ cron: '0 9 * * *', createdAt: '2026-06-15T08:00:00Z' });
    at('2026-06-15T09:00:00Z');
    const [a, b] = await Promise.all([scheduler({ slack: platform.channel('slack', true) }).tick(), scheduler({ slack: platform.channel('slack', true) }).tick()]);
    expect(a.claimed.length + b.claimed.length).toBe(1);
    expect(a.lost.length + b.lost.length).toBe(1);
    expect(platform.posted).toHaveLength(1);
    expect(await deliveries(sched.id)).toHaveLength(1);
  });
});
