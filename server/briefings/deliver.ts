import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { BriefingLedger, BriefingScheduleRow, DeliveryRow } from '../../tools/automation/briefing-ledger.ts';
import { retryDelayMs } from './backoff.ts';
import type { BriefingChannel, BriefingChannels } from './channel.ts';

// Posting one delivery, and settling one whose poster died. The order is what makes it exactly once:
// the delivery row is `sending` before the post; the message id is recorded after it; a failed post is
// recorded as failed (retried later); a post that may have happened is looked up, never repeated blindly.

export interface Audience {
  userId: string;
  role: 'rep' | 'manager' | 'exec' | 'admin';
  teamId: string | null;
  email: string;
}

/** Makes the briefing text for a schedule's audience at `now` (the briefing_generate tool in production). */
export type GenerateBriefing = (schedule: BriefingScheduleRow, audience: Audience, now: Date) => Promise<{ title: string; text: string }>;

export interface DeliveryPolicy {
  /** how long a `sending` row is held before it counts as crashed; longer than any post takes */
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** a post not answered by then is left `sending`: whether it landed is settled by reconcile() after the lease */
  postTimeoutMs: number;
}

export interface DeliverDeps {
  ledger: BriefingLedger;
  channels: BriefingChannels;
  generate: GenerateBriefing;
  clock: Clock;
  log: Logger;
  policy: DeliveryPolicy;
}

export type Outcome = 'sent' | 'failed' | 'retrying' | 'unknown' | 'reconciled' | 'undeliverable' | 'deferred' | 'timed_out';

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const after = (now: Date, ms: number) => new Date(now.getTime() + ms);

/** A claimed run: generate the briefing, write the delivery as `sending`, post it. */
export async function runClaimed(deps: DeliverDeps, schedule: BriefingScheduleRow, run: { id: string; slotAt: Date }): Promise<Outcome> {
  const now = deps.clock.now();
  const base = { runId: run.id, scheduleId: schedule.id, slotAt: run.slotAt, channel: schedule.channel, target: schedule.target, now };
  const undeliverable = async (error: string): Promise<Outcome> => {
    deps.log.warn({ scheduleId: schedule.id, slotAt: run.slotAt, error }, 'briefing cannot be delivered');
    await deps.ledger.recordUndeliverable({ ...base, error });
    return 'undeliverable';
  };
  const channel = schedule.channel === 'web' ? undefined : deps.channels[schedule.channel];
  if (!channel) return undeliverable(`no ${schedule.channel} channel is configured on this server`);
  const audience = schedule.audienceUserId ? await deps.ledger.audience(schedule.audienceUserId) : undefined;
  if (!audience) return undeliverable('the schedule names no audience user (audience_user_id)');
  const target = schedule.target ?? (schedule.channel === 'email' ? audience.email : null);
  if (!target) return undeliverable(`the schedule has no target (a ${schedule.channel} address)`);
  let briefing: { title: string; text: string };
  try {
    briefing = await deps.generate(schedule, audience, now);
  } catch (error) {
    return undeliverable(`the briefing could not be generated: ${message(error)}`);
  }
  const delivery = await deps.ledger.openDelivery({ ...base, target, ...briefing, leaseUntil: after(now, deps.policy.leaseMs) });
  return post(deps, delivery, channel);
}

/** One attempt at a `sending` delivery this process holds. */
async function post(deps: DeliverDeps, d: DeliveryRow, channel: BriefingChannel): Promise<Outcome> {
  let messageId: string;
  try {
    const answer = await withTimeout(channel.post(d.target!, { deliveryId: d.id, title: d.title ?? '', text: d.text ?? '' }), deps.policy.postTimeoutMs);
    if (answer === TIMED_OUT) {
      // it may still land: neither failed (a retry could post twice) nor sent; the lease brings it to reconcile()
      deps.log.warn({ deliveryId: d.id, ms: deps.policy.postTimeoutMs }, 'briefing post unanswered; left for reconciliation');
      return 'timed_out';
    }
    ({ messageId } = answer);
  } catch (error) {
    const now = deps.clock.now();
    const final = d.attempts >= deps.policy.maxAttempts;
    const nextAttemptAt = final ? null : after(now, retryDelayMs(d.attempts, deps.policy.retryBaseMs, deps.policy.retryCapMs));
    const why = `attempt ${d.attempts} of ${deps.policy.maxAttempts}: ${message(error)}`;
    deps.log.warn({ deliveryId: d.id, attempts: d.attempts, nextAttemptAt, err: error }, 'briefing post failed');
    await deps.ledger.recordFailed(d.id, { error: why, now, nextAttemptAt });
    return final ? 'failed' : 'retrying';
  }
  // Outside the try: if recording throws, the row stays `sending` and is reconciled later, never re-posted.
  const recorded = await deps.ledger.recordSent(d.id, { messageId, now: deps.clock.now() });
  if (!recorded) deps.log.warn({ deliveryId: d.id, messageId }, 'briefing posted, but the delivery had been taken over meanwhile');
  return 'sent';
}

/** A retry this process took: look first (the failed post may have landed after all), then post again. */
export async function retry(deps: DeliverDeps, d: DeliveryRow): Promise<Outcome> {
  const channel = d.channel === 'web' ? undefined : deps.channels[d.channel];
  if (!channel) {
    await deps.ledger.recordFailed(d.id, { error: `no ${d.channel} channel is configured on this server`, now: deps.clock.now(), nextAttemptAt: null });
    return 'failed';
  }
  if (channel.find) {
    const found = await channel.find(d.target!, d.id, d.createdAt);
    if (found) {
      await deps.ledger.recordSent(d.id, { messageId: found, now: deps.clock.now() });
      return 'reconciled';
    }
  }
  return post(deps, d, channel);
}

/**
 * A `sending` delivery whose lease ran out: its poster died between post and record, or before posting.
 * The channel is asked; found = sent, not found = retried as a failed attempt, cannot tell = `unknown` for a person.
 */
export async function reconcile(deps: DeliverDeps, d: DeliveryRow): Promise<Outcome> {
  const channel = d.channel === 'web' ? undefined : deps.channels[d.channel];
  const now = deps.clock.now();
  if (!channel?.find) {
    const why = channel ? `the ${d.channel} channel cannot look messages up` : `no ${d.channel} channel is configured to look it up`;
    await deps.ledger.recordUnknown(d.id, { error: `the poster stopped between posting and recording; ${why}: check the channel before resending`, now });
    deps.log.warn({ deliveryId: d.id }, 'briefing delivery unknown: a person must check');
    return 'unknown';
  }
  let found: string | undefined;
  try {
    found = await channel.find(d.target!, d.id, d.createdAt);
  } catch (error) {
    // cannot tell yet: the renewed lease brings it back here after it runs out
    deps.log.warn({ deliveryId: d.id, err: error }, 'briefing reconciliation lookup failed; trying again later');
    return 'deferred';
  }
  if (found) {
    await deps.ledger.recordSent(d.id, { messageId: found, now });
    return 'reconciled';
  }
  const final = d.attempts >= deps.policy.maxAttempts;
  await deps.ledger.recordFailed(d.id, {
    error: `attempt ${d.attempts} of ${deps.policy.maxAttempts}: the poster stopped and the ${d.channel} channel has no such message`,
    now,
    nextAttemptAt: final ? null : now,
  });
  return final ? 'failed' : 'retrying';
}
