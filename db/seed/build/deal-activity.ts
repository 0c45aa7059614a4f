import type { ObjectionType } from '../../../core/domain.ts';
import type { DealModel, LeadModel, SeedCtx } from '../model.ts';
import { clamp, type Rng } from '../rng.ts';
import { B, buyerEmail, makeSlots, repEmail } from '../text/compose.ts';
import { quoteDollars } from '../text/slots.ts';
import { DAY, HOUR, MINUTE, addMs, roundSecond } from '../time.ts';
import { recordEngagement } from './engagement.ts';
import { addInteraction, newThread, nextMeetingTime, nextSendTime } from './interaction.ts';
import { buyerMail, dealCall, dealMeeting, dealNote, emailExchange, shortMessage, type Moment } from './deal-moments.ts';

// A deal's activity from creation to close (or now): a milestone per stage and a steady stream of
// follow-ups in between. The mood drifts toward the outcome, so lost deals sour at the end and
// won ones warm up; stuck deals go quiet.

/** average days between follow-ups; tuned so scale 1 lands near 15,000 interactions */
const CADENCE_DAYS = 13;

export function runDealActivity(ctx: SeedCtx, rng: Rng, deal: DealModel): void {
  const start = deal.createdAt.getTime();
  const end = (deal.closedAt ?? ctx.now).getTime();
  const target = deal.outcome === 'won' ? 0.65 : deal.outcome === 'lost' ? -0.65 : (deal.propensity - 0.45) * 1.2;
  const moodAt = (t: number): number => {
    const x = clamp((t - start) / Math.max(DAY, end - start), 0, 1) * (deal.outcome ? 1 : 0.7);
    return clamp(0.25 + (target - 0.25) * x ** 1.5 + rng.normal(0, 0.15), -1, 1);
  };
  const fatalFrom = start + (end - start) * 0.7;
  const contactAt = (t: number): LeadModel => {
    const present = deal.contacts.filter((c) => c.createdAt.getTime() <= t);
    return rng.chance(0.7) ? deal.primary : rng.pick(present.length > 0 ? present : [deal.primary]);
  };
  const tz = deal.primary.timeZone;
  const moment = (at: Date, stage: Moment['stage'], limit: number): Moment => ({
    ctx, rng, deal, lead: contactAt(at.getTime()), at, stage, mood: moodAt(at.getTime()), limit,
    fatal: deal.outcome === 'lost' && at.getTime() > fatalFrom ? (deal.lostReason?.objection as ObjectionType | undefined) : undefined,
  });

  const slots0 = makeSlots(rng, { lead: deal.primary, rep: deal.owner, at: deal.createdAt, deal });
  let cursor = roundSecond(addMs(deal.createdAt, rng.int(5, 90) * MINUTE));
  if (cursor.getTime() < end) {
    dealNote(moment(cursor, 'prospecting', end), `Opportunity created: ${deal.product.def.name} for ${slots0.seats}, estimated ${slots0.total} per year. Source: ${deal.primary.source}.${deal.competitors.length > 0 ? ` Competing with ${deal.competitors.join(' and ')}.` : ''}`);
  }

  for (let i = 0; i < deal.path.length; i++) {
    const point = deal.path[i];
    if (!point || point.stage === 'closed_won' || point.stage === 'closed_lost') break;
    const intervalEnd = Math.min(end, deal.path[i + 1]?.at.getTime() ?? end);
    const stage = point.stage;
    // the stage's milestone shortly after the move
    const milestoneAt = nextMeetingTime(rng, addMs(new Date(Math.max(point.at.getTime(), cursor.getTime())), rng.next() * 1.5 * DAY), tz);
    if (milestoneAt.getTime() < intervalEnd && stage !== 'prospecting') {
      const m = moment(milestoneAt, stage, intervalEnd);
      if (stage === 'qualification') dealCall(m, 1);
      else if (stage === 'discovery') {
        dealMeeting(m);
        const recapAt = addMs(milestoneAt, rng.int(1, 4) * HOUR);
        if (recapAt.getTime() < intervalEnd) cursor = emailExchange({ ...m, at: recapAt }, 'recap', 0.4);
      } else if (stage === 'proposal') cursor = emailExchange(m, 'proposal', 0.6);
      else cursor = emailExchange(m, 'negotiation', 0.65);
      cursor = new Date(Math.max(cursor.getTime(), milestoneAt.getTime()));
    }
    // follow-ups until the next move; a stuck deal goes quiet after its first weeks in the stage
    for (let n = 0; n < 8; n++) {
      const quiet = deal.stuck && cursor.getTime() - point.at.getTime() > 25 * DAY;
      const at = nextSendTime(rng, addMs(cursor, CADENCE_DAYS * (0.5 + rng.next()) * (quiet ? 2.5 : 1) * DAY), tz);
      if (at.getTime() >= intervalEnd) break;
      const m = moment(at, stage, intervalEnd);
      cursor = fillIn(m, rng, quiet);
    }
  }
  if (deal.closedAt) closeOut(ctx, rng, deal, cursor);
}

function fillIn(m: Moment, rng: Rng, quiet: boolean): Date {
  if (quiet) return emailExchange(m, 'check_in', 0.08);
  const kind = rng.weighted([['email', 45], ['inbound', 12], ['call', 15], ['note', 12], ['short', 6], ['meeting', 10]] as const);
  if (kind === 'email') {
    const purpose = m.stage === 'proposal' ? rng.pick(['pricing', 'follow_up', 'security'] as const) : m.stage === 'discovery' ? rng.pick(['follow_up', 'pilot', 'book_meeting'] as const) : m.stage === 'negotiation' ? rng.pick(['negotiation', 'follow_up'] as const) : rng.pick(['follow_up', 'book_meeting'] as const);
    return emailExchange(m, purpose, clamp(0.45 + 0.35 * m.mood, 0.1, 0.85));
  }
  if (kind === 'inbound') buyerMail(m, `${m.deal.account.name} - question`);
  else if (kind === 'call') dealCall(m);
  else if (kind === 'note') dealNote(m);
  else if (kind === 'short') shortMessage(m);
  else dealMeeting(m);
  return m.at;
}

/** the buyer's final word, the rep's note, and for a win the welcome email */
function closeOut(ctx: SeedCtx, rng: Rng, deal: DealModel, cursor: Date): void {
  const closedAt = deal.closedAt as Date;
  const won = deal.outcome === 'won';
  const lead = deal.primary;
  const at = new Date(Math.min(closedAt.getTime() - MINUTE, Math.max(cursor.getTime() + 10 * MINUTE, closedAt.getTime() - rng.int(1, 6) * HOUR)));
  const slots = makeSlots(rng, { lead, rep: deal.owner, at, deal });
  const objection = won ? undefined : (deal.lostReason?.objection as ObjectionType | undefined);
  const text = buyerEmail(rng, slots, won ? 'positive' : 'negative', { lines: won ? B.BUYER_WON : B.BUYER_LOST, objection });
  const thread = newThread(ctx);
  const s = won ? 0.75 + rng.next() * 0.2 : -0.55 - rng.next() * 0.35;
  addInteraction(ctx, {
    type: 'email', direction: 'inbound', lead, deal, at, subject: won ? `Signed: ${deal.name}` : `Decision on ${deal.product.def.name}`, body: text.body, threadId: thread,
    sentimentScore: s, sentiment: won ? 'positive' : 'negative', objectionType: objection, intent: won ? 'closed_won' : 'closed_lost', metadata: { messageId: thread },
  });
  const value = quoteDollars((deal.row.valueMinor ?? 0) / 100);
  const note = won
    ? `Closed won: ${value} for ${slots.seats}${deal.row.discountPct ? ` at ${deal.row.discountPct}% discount` : ''}. Why we won: ${deal.row.wonReason ?? ''}.`
    : `Closed lost. Reason: ${deal.row.lostReason ?? ''}.${deal.lostToCompetitor ? ` Went with ${deal.lostToCompetitor}.` : ''}`;
  addInteraction(ctx, { type: 'note', direction: 'internal', lead, deal, at: closedAt, body: note, sentimentScore: won ? 0.7 : -0.6, sentiment: won ? 'positive' : 'negative', intent: won ? 'closed_won' : 'closed_lost' });
  if (!won) return;
  const welcomeAt = nextSendTime(rng, addMs(closedAt, HOUR), lead.timeZone);
  if (welcomeAt.getTime() > ctx.now.getTime()) return;
  const welcome = addInteraction(ctx, { type: 'email', direction: 'outbound', lead, deal, at: welcomeAt, subject: 'Welcome to Dealwise', body: repEmail(rng, slots, ['closing_won'], false), threadId: newThread(ctx), sentimentScore: 0.8, sentiment: 'positive', intent: 'closing_won' });
  recordEngagement(ctx, rng, welcome, lead, { opened: rng.chance(0.9), bounced: false, clickChance: 0.1 });
}
