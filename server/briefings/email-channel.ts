import { z } from 'zod';
import type { Clock } from '../../core/clock.ts';
import type { BriefingLedger } from '../../tools/automation/briefing-ledger.ts';
import type { BriefingChannel } from './channel.ts';

// The email-ready channel: a briefing becomes a row in briefing_outbox (to, subject, text) for a mailer
// to send; the row id is the message id. One row per delivery, so find() always knows.

const address = z.email();

export function emailChannel(ledger: BriefingLedger, clock: Clock): BriefingChannel {
  return {
    kind: 'email',
    async post(target, message) {
      if (!address.safeParse(target).success) throw new Error(`target: "${target}" is not an email address`);
      const messageId = await ledger.putOutbox({ deliveryId: message.deliveryId, to: target, subject: message.title, text: message.text, now: clock.now() });
      return { messageId };
    },
    find: (_target, deliveryId) => ledger.outboxIdFor(deliveryId),
  };
}
