import { Cron } from 'croner';

// Which slots of a schedule are due, by croner in the schedule's IANA zone. croner follows Vixie cron on
// DST: a fixed time in the spring-forward gap runs once right after the gap, one that occurs twice in the
// fall-back overlap runs once (at the first occurrence).

const MAX_SLOTS = 10_000;

/** The slots s with after < s <= until, oldest first (at most MAX_SLOTS: a lookback bounds the range). */
export function slotsBetween(cron: string, timeZone: string, after: Date, until: Date): Date[] {
  const job = new Cron(cron, { timezone: timeZone, paused: true });
  const found: Date[] = [];
  let next = job.nextRun(after);
  while (next && next.getTime() <= until.getTime() && found.length < MAX_SLOTS) {
    found.push(next);
    next = job.nextRun(next);
  }
  return found;
}

export interface SlotPlan {
  /** the one slot to post now: the newest missed slot still inside the catch-up window */
  fire: Date | undefined;
  /** missed slots to record as skipped, each with why */
  skip: { slotAt: Date; reason: string }[];
}

/**
 * What to do about a schedule's slots since its last settled one. Only the newest slot inside the catch-up
 * window is posted; everything older is skipped, so a server back from downtime never posts a burst.
 * `lookbackMs` bounds how far back skipped slots are recorded (a schedule idle for a year is not enumerated).
 */
export function planSlots(p: { cron: string; timeZone: string; settledUntil: Date; now: Date; catchupMs: number; lookbackMs: number }): SlotPlan {
  const floor = Math.max(p.settledUntil.getTime(), p.now.getTime() - p.lookbackMs);
  const due = slotsBetween(p.cron, p.timeZone, new Date(floor), p.now);
  const newest = due.at(-1);
  const fire = newest && p.now.getTime() - newest.getTime() <= p.catchupMs ? newest : undefined;
  const minutes = Math.round(p.catchupMs / 60_000);
  const skip = due
    .filter((d) => d !== fire)
    .map((slotAt) => ({
      slotAt,
      reason:
        fire && p.now.getTime() - slotAt.getTime() <= p.catchupMs
          ? `superseded by the later slot ${fire.toISOString()}`
          : `missed by more than the catch-up window (${minutes} min)`,
    }));
  return { fire, skip };
}
