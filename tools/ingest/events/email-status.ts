import type { EngagementEventType } from '../../../core/domain.ts';
import type { EmailStatus } from '../../../db/repos/ingest-events.ts';

// What an engagement event says about the address itself. Statuses only move up this ladder, so the
// result does not depend on the order events arrive in: an opt-out is never undone by a later delivery,
// and a delivery after a bounce does not make the address valid again.
const RANK: Record<EmailStatus, number> = { unverified: 0, valid: 1, invalid: 2, bounced: 2, unsubscribed: 3 };

const IMPLIED: Partial<Record<EngagementEventType, EmailStatus>> = {
  delivered: 'valid',
  opened: 'valid',
  clicked: 'valid',
  replied: 'valid',
  bounced: 'bounced',
  unsubscribed: 'unsubscribed',
};

/** The status after the event, or undefined when it does not change. */
export function nextEmailStatus(current: EmailStatus, event: EngagementEventType): EmailStatus | undefined {
  const implied = IMPLIED[event];
  if (!implied || RANK[implied] <= RANK[current]) return undefined;
  return implied;
}
