import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { briefingDeliveries, scheduleRuns, schedules } from '../../db/schema/index.ts';
import { StandInPlatform } from '../../test/helpers/briefing-channel.ts';
import { runChildWorker } from '../../test/helpers/child-worker.ts';
import { serveStandIn, startBarrier } from '../../test/helpers/briefing-stand-in.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { freePort } from '../../test/helpers/net.ts';
import { createFixtureOrg, type FixtureOrg } from '../../test/helpers/org.ts';
import type { TickReport } from './scheduler.ts';

// Two replicas of the scheduler as real processes (node + tsx), both on one store over the `pg` driver
// (a PGlite served by pglite-socket), each on a clock the test sets. pglite-socket serialises their
// sessions, so the race is forced: a barrier holds both until each is about to claim the same slot.

interface WorkerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  report: TickReport | undefined;
  stderr: string;
}

describe('scheduled briefings across two processes', () => {
  let store: Store;
  let org: FixtureOrg;
  let socket: PGLiteSocketServer;
  let dbUrl: string;
  const platform = new StandInPlatform();
  let standIn: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const port = await freePort();
    socket = new PGLiteSocketServer({ db: store.pglite!, host: '127.0.0.1', port, maxConnections: 8 });
    await socket.start();
    dbUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    standIn = await serveStandIn(platform);
  });
  afterAll(async () => {
    await standIn?.close();
    await socket?.stop();
    await store?.close();
  });

  const worker = async (config: { now: string; barrierPort?: number; crashAfterPost?: boolean }): Promise<WorkerRun> => {
    const run = await runChildWorker<TickReport>('test/helpers/briefing-worker.ts', { BRIEFING_WORKER: JSON.stringify({ dbUrl, standInUrl: standIn.url, ...config }) }, 'REPORT');
    return { code: run.code, signal: run.signal, stderr: run.stderr, report: run.payload };
  };
  const addSchedule = async (name: string, cron: string, channel: 'slack' | 'teams', target: string, createdAt: string) => {
    const [row] = await store.db
      .insert(schedules)
      .values({ name, cron, timeZone: 'UTC', audienceUserId: org.users.repAnna.userId, audienceRole: 'rep', channel, target, createdAt: new Date(createdAt) })
      .returning();
    return row!;
  };
  const deliveriesOf = (scheduleId: string) => store.db.select().from(briefingDeliveries).where(eq(briefingDeliveries.scheduleId, scheduleId));

  it('posts a slot once when both processes claim it at the same moment', async () => {
    const race = await addSchedule('race', '0 9 * * *', 'slack', 'C-RACE', '2026-06-15T08:00:00Z');
    const barrier = await startBarrier(2);
    const [a, b] = await Promise.all([worker({ now: '2026-06-15T09:00:00Z', barrierPort: barrier.port }), worker({ now: '2026-06-15T09:00:00Z', barrierPort: barrier.port })]);
    await barrier.close();
    for (const w of [a, b]) expect(w, w.stderr).toMatchObject({ code: 0 });
    const reports = [a.report!, b.report!];
    expect(reports.flatMap((r) => r.claimed)).toEqual([{ scheduleId: race.id, slotAt: '2026-06-15T09:00:00.000Z', outcome: 'sent' }]);
    expect(reports.flatMap((r) => r.lost)).toEqual([{ scheduleId: race.id, slotAt: '2026-06-15T09:00:00.000Z' }]);
    expect(platform.posted.filter((m) => m.target === 'C-RACE')).toHaveLength(1);
    expect(await store.db.select().from(scheduleRuns).where(eq(scheduleRuns.scheduleId, race.id))).toHaveLength(1);
    expect(await deliveriesOf(race.id)).toMatchObject([{ status: 'sent', attempts: 1, messageId: platform.posted[0]!.messageId }]);
  });

  it('after a kill between post and record, a restart reconciles through find() or marks it unknown, never posting again', async () => {
    const withFind = await addSchedule('slack crash', '30 9 * * *', 'slack', 'C-FIND', '2026-06-15T09:10:00Z');
    const withoutFind = await addSchedule('teams crash', '30 9 * * *', 'teams', 'T-NOFIND', '2026-06-15T09:11:00Z');
    // the first replica dies right after posting the slack briefing; the second finds that slot taken,
    // posts the teams one and dies the same way
    const first = await worker({ now: '2026-06-15T09:30:00Z', crashAfterPost: true });
    const second = await worker({ now: '2026-06-15T09:30:00Z', crashAfterPost: true });
    expect([first.signal, second.signal], `${first.stderr}\n${second.stderr}`).toEqual(['SIGKILL', 'SIGKILL']);
    expect(platform.posted.map((m) => m.target)).toEqual(['C-RACE', 'C-FIND', 'T-NOFIND']);
    expect(await deliveriesOf(withFind.id)).toMatchObject([{ status: 'sending', messageId: null }]);
    expect(await deliveriesOf(withoutFind.id)).toMatchObject([{ status: 'sending', messageId: null }]);

    // inside the lease a restart leaves them alone; past it, it settles both
    const early = await worker({ now: '2026-06-15T09:39:00Z' });
    expect(early.report, early.stderr).toMatchObject({ claimed: [], reconciled: [], retried: [], errors: [] });
    const restart = await worker({ now: '2026-06-15T09:41:00Z' });
    expect(restart.report, restart.stderr).toMatchObject({ claimed: [], errors: [] });
    expect(restart.report!.reconciled.sort()).toEqual(['reconciled', 'unknown']);

    const slackMessage = platform.posted.find((m) => m.target === 'C-FIND')!;
    expect(await deliveriesOf(withFind.id)).toMatchObject([{ status: 'sent', messageId: slackMessage.messageId, attempts: 1 }]);
    const [unknown] = await deliveriesOf(withoutFind.id);
    expect(unknown).toMatchObject({ status: 'unknown', messageId: null });
    expect(unknown!.error).toContain('the teams channel cannot look messages up');
    expect(platform.posted.map((m) => m.target)).toEqual(['C-RACE', 'C-FIND', 'T-NOFIND']);
  });
});
