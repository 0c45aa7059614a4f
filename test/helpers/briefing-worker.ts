import { fixedClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore } from '../../db/client.ts';
import type { BriefingChannel } from '../../server/briefings/channel.ts';
import { createBriefingScheduler } from '../../server/briefings/scheduler.ts';
import { briefingLedger } from '../../tools/automation/briefing-ledger.ts';
import { standInChannel, waitAtBarrier } from './briefing-stand-in.ts';

// One replica of the server's briefing scheduler as a process of its own, for two-process.e2e.test.ts:
// it connects over the `pg` driver, ticks once at the clock it is given and prints its report.
// BRIEFING_WORKER (JSON): { dbUrl, now, standInUrl, barrierPort?, crashAfterPost? }.
// Slack posts go to the stand-in with find(), Teams posts to it without find().

interface WorkerConfig {
  dbUrl: string;
  now: string;
  standInUrl: string;
  barrierPort?: number;
  /** SIGKILL this process right after a post returns, before it is recorded */
  crashAfterPost?: boolean;
}

const config = JSON.parse(process.env.BRIEFING_WORKER ?? '{}') as WorkerConfig;

function crashing(channel: BriefingChannel): BriefingChannel {
  return {
    ...channel,
    post: async (target, message) => {
      const posted = await channel.post(target, message);
      process.kill(process.pid, 'SIGKILL');
      return posted;
    },
  };
}

const store = await openStore({ kind: 'postgres', url: config.dbUrl, poolSize: 1 });
const clock = fixedClock(config.now);
const wrap = (c: BriefingChannel) => (config.crashAfterPost ? crashing(c) : c);
const scheduler = createBriefingScheduler({
  ledger: briefingLedger(store.db),
  channels: { slack: wrap(standInChannel(config.standInUrl, 'slack', true)), teams: wrap(standInChannel(config.standInUrl, 'teams', false)) },
  // the text is not under test here (scheduler.test.ts uses briefing_generate); a fixed one keeps the process light
  generate: async (schedule, _audience, now) => ({ title: schedule.name, text: `${schedule.name} at ${now.toISOString()}` }),
  clock,
  log: silentLogger,
  policy: { leaseMs: 10 * 60_000, maxAttempts: 3, retryBaseMs: 60_000, retryCapMs: 3_600_000, postTimeoutMs: 60_000 },
  catchupMs: 60 * 60_000,
  ...(config.barrierPort ? { beforeClaim: () => waitAtBarrier(config.barrierPort!) } : {}),
});
const report = await scheduler.tick();
process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
await store.close();
