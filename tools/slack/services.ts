import { findUserByEmail } from '../../db/repos/scope.ts';
import { claimSlackReceipt, pruneSlackReceipts } from '../../db/repos/slack-receipts.ts';
import type { Actor } from '../core/context.ts';
import type { Runtime } from '../runtime.ts';

// What the Slack surface needs from the store, bound to one runtime (surfaces never import db/).

export interface SlackServices {
  /** true for the first delivery of `key` across every process on this store */
  claimDelivery(key: string): Promise<boolean>;
  /** our user with this email (Slack's profile email), or undefined: never someone else */
  userByEmail(email: string): Promise<Actor | undefined>;
  now(): Date;
}

// Slack gives up retrying after about an hour; a day of receipts covers it with room to spare.
const KEEP_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export function slackServices(runtime: Runtime): SlackServices {
  let prunedAt = 0;
  return {
    async claimDelivery(key) {
      const now = runtime.clock.now();
      if (now.getTime() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = now.getTime();
        await pruneSlackReceipts(runtime.db, new Date(now.getTime() - KEEP_MS));
      }
      return claimSlackReceipt(runtime.db, key, now);
    },
    userByEmail: (email) => findUserByEmail(runtime.db, email.trim().toLowerCase()),
    now: () => runtime.clock.now(),
  };
}
