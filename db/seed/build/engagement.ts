import { OPEN_HOUR_WEIGHTS, SEND_HOUR_EFFECT } from '../catalog/marketing.ts';
import type { InteractionRow, LeadModel, SeedCtx } from '../model.ts';
import type { Rng } from '../rng.ts';
import { DAY, MINUTE, SECOND_MS, addMs, atLocal, localHour, roundSecond, wallClock } from '../time.ts';

// Provider events for outbound emails (sent, delivered, opened, clicked, bounced, replied,
// unsubscribed) and the matching summary columns on the interaction. Opens land at the hours
// people read mail in their own zone, and mail sent mid-morning gets opened more often.

const LINKS = ['https://dealwise.demo/customers', 'https://dealwise.demo/pricing', 'https://dealwise.demo/webinars/forecasting', 'https://dealwise.demo/book-a-demo', 'https://dealwise.demo/resources/sales-playbook'];

/** how much likelier an email is to be opened given the recipient's local hour when it was sent */
export function sendHourEffect(sentAt: Date, tz: string): number {
  return SEND_HOUR_EFFECT[localHour(sentAt, tz)] ?? 0.4;
}

export interface SendResult {
  opened: boolean;
  bounced: boolean;
  replyAt?: Date | undefined;
  unsubscribe?: boolean;
  clickChance?: number;
}

/** a typical open moment after `sentAt`: right away during the day, else the next morning sweep */
function openMoment(rng: Rng, sentAt: Date, tz: string): Date {
  const hour = localHour(sentAt, tz);
  if (hour >= 7 && hour <= 18 && rng.chance(0.55)) return addMs(sentAt, rng.int(2, 75) * MINUTE);
  let day = sentAt;
  for (let i = 0; i < 6; i++) {
    const at = atLocal(day, tz, rng.weighted(OPEN_HOUR_WEIGHTS), rng.int(0, 59));
    const weekday = wallClock(at, tz).getUTCDay();
    if (at.getTime() > sentAt.getTime() + 5 * MINUTE && weekday !== 0 && weekday !== 6) return at;
    day = addMs(day, DAY);
  }
  return addMs(sentAt, rng.int(1, 3) * DAY);
}

/** records the events that happened by `now`; returns when the recipient unsubscribed, if they did */
export function recordEngagement(ctx: SeedCtx, rng: Rng, row: InteractionRow, lead: LeadModel, result: SendResult): Date | undefined {
  const sentAt = row.occurredAt;
  const now = ctx.now.getTime();
  const push = (type: 'sent' | 'delivered' | 'opened' | 'clicked' | 'bounced' | 'replied' | 'unsubscribed', when: Date, url?: string) => {
    const at = roundSecond(when);
    if (at.getTime() > now) return false;
    const id = ctx.id();
    ctx.data.engagementEvents.push({
      id, type, interactionId: row.id ?? null, leadId: lead.id, campaignId: row.campaignId ?? null, occurredAt: at, url: url ?? null,
      externalId: `sg_${id.replace(/-/g, '').slice(0, 24)}`, createdAt: at,
    });
    return true;
  };
  push('sent', sentAt);
  if (result.bounced) {
    const at = roundSecond(addMs(sentAt, rng.int(5, 90) * SECOND_MS));
    if (push('bounced', at)) row.bouncedAt = at;
    return undefined;
  }
  const delivered = roundSecond(addMs(sentAt, rng.int(2, 40) * SECOND_MS));
  if (push('delivered', delivered)) row.deliveredAt = delivered;
  if (!result.opened) return undefined;

  const replyAt = result.replyAt;
  // a reply implies the mail was read first: at a normal open moment, or just before replying
  let firstAt = openMoment(rng, sentAt, lead.timeZone);
  if (replyAt && firstAt.getTime() >= replyAt.getTime() - MINUTE) firstAt = addMs(replyAt, -rng.int(2, 30) * MINUTE);
  if (firstAt.getTime() <= sentAt.getTime()) firstAt = addMs(sentAt, (replyAt ? replyAt.getTime() - sentAt.getTime() : MINUTE) / 2);
  const first = roundSecond(firstAt);
  if (!push('opened', first)) return undefined;
  let opens = 1;
  // re-opens happen at reading hours too, on the same or following days
  for (let i = rng.weighted([[0, 5], [1, 3], [2, 1], [3, 1]] as const), at = first; i > 0; i--) {
    at = openMoment(rng, addMs(at, rng.int(30, 600) * MINUTE), lead.timeZone);
    if (push('opened', at)) opens++;
  }
  let clicks = 0;
  if (rng.chance(result.clickChance ?? 0.15)) {
    const url = rng.pick(LINKS);
    if (push('clicked', addMs(first, rng.int(10, 300) * SECOND_MS), url)) clicks++;
    if (rng.chance(0.25) && push('clicked', addMs(first, rng.int(6, 30) * MINUTE), url)) clicks++;
  }
  row.firstOpenedAt = first;
  row.openCount = opens;
  row.clickCount = clicks;
  if (replyAt && push('replied', replyAt)) row.repliedAt = replyAt;
  if (!result.unsubscribe) return undefined;
  const unsubscribedAt = roundSecond(addMs(first, rng.int(1, 5) * MINUTE));
  return push('unsubscribed', unsubscribedAt) ? unsubscribedAt : undefined;
}
