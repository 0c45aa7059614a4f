import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import { ensureDailySnapshot } from '../db/backup.ts';
import type { Store } from '../db/client.ts';

// The rolling daily snapshot of an embedded store, kept by the long-lived owners (server, `npm run mcp`).

const HOUR_MS = 3_600_000;
const FIRST_CHECK_MS = 60_000;

export interface DailySnapshots {
  /** stops the schedule and waits for a dump under way: never close the engine under one */
  stop(): Promise<void>;
}

/**
 * First checked a minute after start (not while start-up work still loads the CPU), then hourly, so a
 * server left running for weeks still rolls them. Dumps run one at a time; a failed one is logged.
 */
export function scheduleDailySnapshots(store: Store, clock: Clock, keep: number, log: Logger): DailySnapshots {
  const pglite = store.pglite;
  if (!pglite || store.location === 'memory') return { stop: async () => undefined };
  let inFlight: Promise<void> = Promise.resolve();
  let hourly: NodeJS.Timeout | undefined;
  const check = () => {
    inFlight = inFlight
      .then(() => ensureDailySnapshot(pglite, store.location, clock.now(), keep))
      .then((written) => void (written && log.info(written, 'daily snapshot of the store written')))
      .catch((error: unknown) => log.error({ err: error }, 'daily snapshot failed'));
  };
  const first = setTimeout(() => {
    check();
    hourly = setInterval(check, HOUR_MS).unref();
  }, FIRST_CHECK_MS).unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(hourly);
      await inFlight;
    },
  };
}
