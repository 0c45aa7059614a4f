import { OBJECTION_TYPES, type ObjectionType, type OpportunityStage } from '../../../core/domain.ts';
import type { DealModel, LeadModel, SeedCtx } from '../model.ts';
import { clamp, type Rng } from '../rng.ts';
import { B, N, buyerEmail, callNote, makeSlots, meetingNote, nextStep, repEmail, sentimentOf } from '../text/compose.ts';
import type { RepPurpose } from '../text/phrases-rep.ts';
import { fill, line } from '../text/slots.ts';
import { MINUTE, addMs } from '../time.ts';
import { recordEngagement, sendHourEffect } from './engagement.ts';
import { addInteraction, newThread, nextSendTime } from './interaction.ts';

// The individual things that happen inside a deal: emails both ways, calls, meetings, notes and
// texts. Each takes the deal's mood at that moment (-1..1) and writes text that matches it.

export interface Moment {
  ctx: SeedCtx;
  rng: Rng;
  deal: DealModel;
  lead: LeadModel;
  at: Date;
  stage: OpportunityStage;
  /** -1..1: how the deal feels right now */
  mood: number;
  /** the objection this deal is dying of, once it is late in a lost deal */
  fatal?: ObjectionType | undefined;
  /** interactions must stay before this instant */
  limit: number;
}

const SUBJECTS: Record<RepPurpose, string> = {
  inbound_response: 'Re: your request', book_meeting: 'Time for a call?', follow_up: 'Following up: {product}', recap: 'Recap and next steps',
  proposal: 'Proposal: {product} for {company}', pricing: 'Pricing for {seats}', negotiation: 'Order form and terms', check_in: 'Checking in',
  closing_won: 'Welcome to Dealwise', security: 'Security documentation for {company}', pilot: 'Pilot plan for {company}',
};

/** the objection raised now, if any: likelier as the mood sours, the fatal one late in a lost deal */
export function pickObjection(m: Moment): ObjectionType | undefined {
  if (m.fatal && m.rng.chance(0.6)) return m.fatal;
  if (!m.rng.chance(0.1 + 0.4 * Math.max(0, -m.mood))) return undefined;
  const late = m.stage === 'proposal' || m.stage === 'negotiation';
  return m.rng.weighted(OBJECTION_TYPES.map((t) => [t, t === 'competitor' ? (m.deal.competitors.length > 0 ? 1.5 : 0.2) : t === 'price' ? 3 : t === 'contract' ? (late ? 1.5 : 0.2) : t === 'timing' ? 2 : 1] as const));
}

const score = (m: Moment, bias = 0): number => clamp(m.mood + bias + m.rng.normal(0, 0.12), -1, 1);

/** an outbound email, maybe answered in the same thread */
export function emailExchange(m: Moment, purpose: RepPurpose, replyChance: number): Date {
  const { ctx, rng, deal, lead } = m;
  const slots = makeSlots(rng, { lead, rep: deal.owner, at: m.at, deal });
  const subject = fill(SUBJECTS[purpose], slots);
  const thread = newThread(ctx);
  const out = addInteraction(ctx, {
    type: 'email', direction: 'outbound', lead, deal, at: m.at, subject, body: repEmail(rng, slots, purpose === 'recap' ? ['recap'] : [purpose]),
    threadId: thread, sentimentScore: clamp(0.3 + 0.2 * m.mood + rng.normal(0, 0.08), -1, 1), intent: purpose, metadata: { messageId: thread },
  });
  out.sentiment = sentimentOf(out.sentimentScore ?? 0);
  const replyAt = rng.chance(replyChance) ? nextSendTime(rng, addMs(m.at, rng.int(30, 60 * 40) * MINUTE), lead.timeZone) : undefined;
  const reply = replyAt && replyAt.getTime() < m.limit ? replyAt : undefined;
  const opened = reply !== undefined || rng.chance(clamp(0.65 * sendHourEffect(m.at, lead.timeZone), 0.05, 0.95));
  recordEngagement(ctx, rng, out, lead, { opened, bounced: false, replyAt: reply, clickChance: 0.08 });
  if (!reply) return m.at;
  buyerMail({ ...m, at: reply }, `Re: ${subject}`, thread);
  return reply;
}

/** the buyer writes: mood, objection and question as the moment dictates */
export function buyerMail(m: Moment, subject: string, threadId?: string): void {
  const { ctx, rng, deal, lead } = m;
  const slots = makeSlots(rng, { lead, rep: deal.owner, at: m.at, deal });
  const s = score(m);
  const objection = pickObjection(m);
  const text = buyerEmail(rng, slots, sentimentOf(s), { objection, ask: rng.chance(0.45) });
  addInteraction(ctx, {
    type: 'email', direction: 'inbound', lead, deal, at: m.at, subject, body: text.body, threadId: threadId ?? newThread(ctx), sentimentScore: s, sentiment: sentimentOf(s),
    objectionType: objection, question: text.question, intent: objection ? 'objection' : text.question ? 'question' : s > 0.25 ? 'positive_signal' : s < -0.2 ? 'stalling' : 'update',
    metadata: { messageId: `<${ctx.id()}@mail.${lead.account.domain}>`, ...(threadId ? { inReplyTo: threadId } : {}) },
  });
}

export function dealCall(m: Moment, connectedChance = 0.65): void {
  const { ctx, rng, deal, lead } = m;
  const slots = makeSlots(rng, { lead, rep: deal.owner, at: m.at, deal });
  if (!rng.chance(connectedChance)) {
    addInteraction(ctx, { type: 'call', direction: 'outbound', lead, deal, at: m.at, body: line(rng, N.VOICEMAILS, slots), outcome: 'voicemail', durationSeconds: rng.int(30, 80), sentimentScore: 0, sentiment: 'neutral', intent: 'follow_up' });
    return;
  }
  const s = score(m);
  const objection = pickObjection(m);
  const question = rng.chance(0.35) ? line(rng, B.QUESTIONS, slots) : undefined;
  const minutes = rng.int(8, 40);
  const points = [rng.pick(N.STAGE_AGENDA[m.stage]), line(rng, s > 0.25 ? N.CALL_POSITIVE : s < -0.2 ? N.CALL_NEGATIVE : N.CALL_NEUTRAL, slots)];
  addInteraction(ctx, {
    type: 'call', direction: rng.chance(0.15) ? 'inbound' : 'outbound', lead, deal, at: m.at, body: callNote(rng, slots, { minutes, points, objection, question, next: nextStep(rng, slots) }),
    outcome: s < -0.2 ? 'connected' : 'next_steps_agreed', durationSeconds: minutes * 60 + rng.int(0, 59), sentimentScore: s, sentiment: sentimentOf(s), objectionType: objection, question, intent: m.stage,
  });
}

/**
 * About 8% of meetings are no-shows, 15% on deals going badly. Decided by a hash of the deal and the time,
 * not by the shared random stream, so adding no-shows did not shift every other generated value.
 */
function isNoShow(dealId: string, at: Date, sentiment: number): boolean {
  let hash = 0x811c9dc5;
  for (const ch of `${dealId}|${at.getTime()}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return (hash >>> 0) % 100 < (sentiment < -0.2 ? 15 : 8);
}

export function dealMeeting(m: Moment): void {
  const { ctx, rng, deal, lead } = m;
  const slots = makeSlots(rng, { lead, rep: deal.owner, at: m.at, deal });
  const s = score(m, 0.05);
  const objection = pickObjection(m);
  const question = rng.chance(0.35) ? line(rng, B.QUESTIONS, slots) : undefined;
  const others = deal.contacts.filter((c) => c !== lead && c.createdAt.getTime() <= m.at.getTime()).slice(0, 2);
  const attendees = [lead, ...others].map((c) => `${c.fullName} (${c.title})`).concat(`${deal.owner.fullName} (Dealwise)`).join(', ');
  const title = rng.pick(N.MEETING_TITLES[m.stage]);
  const channel = rng.chance(0.8) ? 'video' : 'in_person';
  const body = meetingNote(rng, slots, { stage: m.stage, title, attendees, mood: sentimentOf(s), objection, question, next: nextStep(rng, slots) });
  const durationSeconds = rng.pick([30, 45, 60]) * 60;
  if (isNoShow(deal.id, m.at, s)) {
    // the buyer did not join: logged as a meeting with outcome no_show, so show rate has something to measure
    addInteraction(ctx, {
      type: 'meeting', direction: 'outbound', lead, deal, at: m.at, subject: `${title}: ${deal.account.name}`, channel,
      body: `${title} with ${lead.fullName} (${deal.account.name}): they did not join and did not answer the reminder. Rescheduling.`,
      outcome: 'no_show', durationSeconds: 0, sentimentScore: -0.2, sentiment: 'neutral', intent: m.stage,
    });
    return;
  }
  addInteraction(ctx, {
    type: 'meeting', direction: 'outbound', lead, deal, at: m.at, subject: `${title}: ${deal.account.name}`, channel,
    body,
    outcome: s < -0.2 ? 'no_decision' : 'next_steps_agreed', durationSeconds, sentimentScore: s, sentiment: sentimentOf(s), objectionType: objection, question, intent: m.stage,
  });
}

export function dealNote(m: Moment, text?: string): void {
  const { ctx, rng, deal, lead } = m;
  const slots = makeSlots(rng, { lead, rep: deal.owner, at: m.at, deal });
  const s = score(m, -0.1);
  addInteraction(ctx, { type: 'note', direction: 'internal', lead, deal, at: m.at, body: text ?? line(rng, N.DEAL_NOTES, slots), sentimentScore: s, sentiment: sentimentOf(s), intent: 'internal_note' });
}

/** a quick text message, sometimes answered */
export function shortMessage(m: Moment): void {
  const { ctx, rng, deal, lead } = m;
  const type = lead.account.place.region === 'North America' ? 'sms' : rng.pick(['sms', 'whatsapp'] as const);
  const slots = makeSlots(rng, { lead, rep: deal.owner, at: m.at, deal });
  addInteraction(ctx, { type, direction: 'outbound', lead, deal, at: m.at, body: line(rng, N.SHORT_MESSAGES, slots), sentimentScore: 0.2, sentiment: 'neutral', intent: 'follow_up' });
  if (!rng.chance(0.6)) return;
  const at = addMs(m.at, rng.int(3, 120) * MINUTE);
  if (at.getTime() >= m.limit) return;
  const good = m.mood > -0.1;
  addInteraction(ctx, { type, direction: 'inbound', lead, deal, at, body: line(rng, good ? B_SHORT.pos : B_SHORT.neg, slots), sentimentScore: good ? 0.4 : -0.3, sentiment: good ? 'positive' : 'negative', intent: good ? 'confirm' : 'stalling' });
}

const B_SHORT = { pos: N.SHORT_REPLIES_POSITIVE, neg: N.SHORT_REPLIES_NEGATIVE };
