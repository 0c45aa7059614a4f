import type { BriefingScheduleRow } from '../../tools/automation/briefing-ledger.ts';
import { reconcile, retry, runClaimed, type DeliverDeps, type Outcome } from './deliver.ts';
import { planSlots } from './slots.ts';

// The scheduler: each tick settles what crashed (expired leases, stalled runs), retries what failed, then
// claims each schedule's due slot. Any number of processes may tick against one database: every step
// starts with a claim that only one of them wins.

const DAY_MS = 86_400_000;
const BATCH = 50;

export interface SchedulerOptions extends DeliverDeps {
  /** slots missed by up to this long are still posted (the newest one only) */
  catchupMs: number;
  /** how far back missed slots are recorded as skipped */
  lookbackMs?: number;
  /** pause between ticks in start() */
  tickMs?: number;
  /** a seam for tests: awaited just before a slot is claimed (a barrier that makes two processes race) */
  beforeClaim?: (scheduleId: string, slotAt: Date) => Promise<void>;
}

export interface TickReport {
  at: string;
  claimed: { scheduleId: string; slotAt: string; outcome: Outcome }[];
  /** slots another process had claimed first */
  lost: { scheduleId: string; slotAt: string }[];
  skipped: number;
  retried: Outcome[];
  reconciled: Outcome[];
  errors: string[];
}

export interface BriefingScheduler {
  tick(): Promise<TickReport>;
  /** ticks now (reconciling at start) and then every tickMs until stop() */
  start(): void;
  /**
   * stops ticking and waits up to graceMs for a tick under way. Not waiting longer is safe: a post cut
   * off mid-way leaves its delivery `sending`, which the next tick anywhere reconciles after the lease.
   */
  stop(graceMs?: number): Promise<void>;
}

export function createBriefingScheduler(o: SchedulerOptions): BriefingScheduler {
  const lookbackMs = o.lookbackMs ?? 7 * DAY_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function tick(): Promise<TickReport> {
    const now = o.clock.now();
    const report: TickReport = { at: now.toISOString(), claimed: [], lost: [], skipped: 0, retried: [], reconciled: [], errors: [] };
    const guard = async (what: string, step: () => Promise<void>) => {
      try {
        await step();
      } catch (error) {
        report.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
        o.log.error({ err: error, what }, 'briefing scheduler step failed');
      }
    };
    const leaseUntil = new Date(now.getTime() + o.policy.leaseMs);

    for (const d of await o.ledger.takeExpiredSending({ now, leaseUntil, limit: BATCH })) {
      await guard(`reconcile ${d.id}`, async () => void report.reconciled.push(await reconcile(o, d)));
    }
    for (const run of await o.ledger.takeStalledRuns({ now, startedBefore: new Date(now.getTime() - o.policy.leaseMs), limit: BATCH })) {
      await guard(`resume run ${run.id}`, async () => {
        const schedule = await o.ledger.scheduleById(run.scheduleId);
        if (schedule) report.claimed.push({ scheduleId: schedule.id, slotAt: run.slotAt.toISOString(), outcome: await runClaimed(o, schedule, run) });
      });
    }
    for (const d of await o.ledger.takeDueRetries({ now, leaseUntil, limit: BATCH })) {
      await guard(`retry ${d.id}`, async () => void report.retried.push(await retry(o, d)));
    }
    const settled = await o.ledger.lastSlots();
    for (const schedule of await o.ledger.schedules()) {
      await guard(`schedule ${schedule.id}`, () => runSchedule(schedule, settled.get(schedule.id), now, report));
    }
    return report;
  }

  async function runSchedule(schedule: BriefingScheduleRow, lastSlot: Date | undefined, now: Date, report: TickReport): Promise<void> {
    // a schedule never runs for slots before it existed, nor again for slots already settled
    const settledUntil = lastSlot && lastSlot > schedule.createdAt ? lastSlot : schedule.createdAt;
    const plan = planSlots({ cron: schedule.cron, timeZone: schedule.timeZone, settledUntil, now, catchupMs: o.catchupMs, lookbackMs });
    let skipped = 0;
    for (const s of plan.skip) if (await o.ledger.recordSkipped({ schedule, slotAt: s.slotAt, now, reason: s.reason })) skipped++;
    if (skipped > 0) o.log.info({ scheduleId: schedule.id, skipped, catchupMs: o.catchupMs }, 'missed briefing slots recorded as skipped');
    report.skipped += skipped;
    if (!plan.fire) return;
    await o.beforeClaim?.(schedule.id, plan.fire);
    const runId = await o.ledger.claimSlot({ scheduleId: schedule.id, slotAt: plan.fire, now });
    if (!runId) {
      report.lost.push({ scheduleId: schedule.id, slotAt: plan.fire.toISOString() });
      return;
    }
    const outcome = await runClaimed(o, schedule, { id: runId, slotAt: plan.fire });
    report.claimed.push({ scheduleId: schedule.id, slotAt: plan.fire.toISOString(), outcome });
  }

  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((error: unknown) => o.log.error({ err: error }, 'briefing scheduler tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, o.tickMs ?? 30_000).unref();
      });
  };

  return {
    tick,
    start: loop,
    async stop(graceMs = 5_000) {
      stopped = true;
      clearTimeout(timer);
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise((resolve) => (grace = setTimeout(resolve, graceMs).unref()))]);
      clearTimeout(grace);
    },
  };
}
