import { INBOUND_SOURCES, TEMPLATES } from '../catalog/marketing.ts';
import type { LeadModel, MarketingModel, SeedCtx } from '../model.ts';
import { clamp, type Rng } from '../rng.ts';
import { B, N, buyerEmail, callNote, makeSlots, repEmail, sentimentOf } from '../text/compose.ts';
import { line, type Slots } from '../text/slots.ts';
import { DAY, HOUR, MINUTE, addMs } from '../time.ts';
import { recordEngagement, sendHourEffect } from './engagement.ts';
import { addInteraction, newThread, nextMeetingTime, nextSendTime } from './interaction.ts';

// The lead phase: a hand-raise or a cold start, a four-step sequence (email, email, call, email)
// with real engagement, and whatever the reply leads to. Leads destined to open a deal always
// qualify before the deal's creation; the A/B-tested steps are simulated honestly for everyone.

type Mood = 'positive' | 'neutral' | 'negative';
const HAND_RAISE_CHANNEL: Record<string, string> = { website: 'web_form', paid_search: 'web_form', social: 'linkedin', content: 'web_form', webinar: 'webinar', event: 'event', partner: 'partner' };

const renderTemplate = (text: string, lead: LeadModel, slots: Slots): string =>
  text.replace(/\{\{(\w+)\}\}/g, (_, key: string) =>
    ({ first_name: lead.first, company: lead.account.name, pain_point: slots.pain, industry: lead.account.industry.name, sender_first_name: lead.owner.first })[key] ?? '');

export function runProspecting(ctx: SeedCtx, rng: Rng, lead: LeadModel, marketing: MarketingModel, dealAt?: Date): void {
  const destined = dealAt !== undefined;
  if (!destined && rng.chance(0.05)) return; // never worked: an untouched lead is a finding too
  const end = (dealAt ?? ctx.now).getTime() - (destined ? 6 * HOUR : 0);
  const fits = (at: Date) => at.getTime() < end;
  const tz = lead.timeZone;
  const m = lead.milestones;
  const thread = newThread(ctx);
  const inbound = INBOUND_SOURCES.has(lead.source);
  let t = lead.createdAt;
  let touches = 0;

  if (inbound) {
    const slots = makeSlots(rng, { lead, rep: lead.owner, at: t });
    if (lead.source === 'referral') {
      const body = `Hi ${lead.owner.first},\n\n${line(rng, ['A colleague who uses Dealwise suggested I reach out.', 'I was referred to you by a friend at one of your customers.'], slots)} We are dealing with ${slots.pain} and looking at options. Could we set up a call?\n\nThanks,\n${lead.first}`;
      addInteraction(ctx, { type: 'email', direction: 'inbound', lead, at: t, subject: `Intro: ${lead.account.name} and Dealwise`, body, sentimentScore: 0.5, sentiment: 'positive', intent: 'request_demo', metadata: { messageId: thread } });
    } else {
      addInteraction(ctx, { type: 'note', direction: 'inbound', lead, at: t, channel: HAND_RAISE_CHANNEL[lead.source] ?? 'web_form', body: line(rng, N.HAND_RAISE[lead.source] ?? N.HAND_RAISE.website ?? [], slots), intent: 'request_demo' });
    }
  }

  const personal = lead.source === 'website' || lead.source === 'referral' || lead.source === 'partner';
  const gaps = [inbound ? rng.next() * 0.8 : rng.next() * 2, 3 + rng.next() * 2, 2 + rng.next() * 2, 4 + rng.next() * 3];
  for (let step = 1; step <= 4; step++) {
    const at = nextSendTime(rng, addMs(t, (gaps[step - 1] ?? 3) * DAY), tz);
    if (!fits(at)) break;
    t = at;
    touches++;
    const slots = makeSlots(rng, { lead, rep: lead.owner, at });
    if (step === 3) {
      const connected = rng.chance(destined && !m.qualifiedAt ? 0.5 : 0.22);
      if (!connected) {
        const vm = rng.chance(0.5);
        addInteraction(ctx, { type: 'call', direction: 'outbound', lead, at, body: line(rng, vm ? N.VOICEMAILS : N.NO_ANSWERS, slots), outcome: vm ? 'voicemail' : 'no_answer', durationSeconds: vm ? rng.int(30, 75) : rng.int(15, 35), sentimentScore: 0, sentiment: 'neutral', intent: 'prospecting', metadata: { sequenceStep: 3 } });
        m.contactedAt ??= at;
        continue;
      }
      const mood: Mood = destined ? 'positive' : rng.weighted([['positive', 5], ['neutral', 3], ['negative', 2]] as const);
      qualifyingCall(ctx, rng, lead, at, mood, slots, destined);
      return;
    }

    // which email, and is it part of an A/B test?
    let key = step === 1 ? (personal ? undefined : lead.source === 'webinar' ? 'webinar' : lead.source === 'event' ? 'event' : 'intro_a') : step === 2 ? 'follow_a' : 'breakup';
    let openRate = step === 1 ? (personal ? 0.75 : key === 'intro_a' ? 0.34 : 0.5) : 0.36;
    let replyRate = step === 1 ? (personal ? 0.4 : key === 'intro_a' ? 0.05 : 0.12) : step === 2 ? 0.06 : 0.08;
    const test = marketing.abTests.find((x) => x.step === step && (step === 2 || key === 'intro_a') && at >= x.startsAt && at <= (x.endsAt ?? ctx.now));
    let variant: 'A' | 'B' | undefined;
    if (test) {
      variant = rng.chance(0.5) ? 'B' : 'A';
      key = variant === 'B' ? test.b : test.a;
      const rate = variant === 'B' ? test.rateB : test.rateA;
      if (test.metric === 'opened') openRate = rate;
      else replyRate = rate;
    }
    const template = TEMPLATES.find((x) => x.key === key);
    const subject = template ? renderTemplate(template.subject, lead, slots) : `Re: your request - ${lead.account.name} and Dealwise`;
    const body = template ? renderTemplate(template.body, lead, slots) : repEmail(rng, slots, ['inbound_response', 'book_meeting'], false);
    const row = addInteraction(ctx, {
      type: 'email', direction: 'outbound', lead, at, subject, body, threadId: thread, sentimentScore: rng.normal(0.2, 0.08), sentiment: 'neutral',
      intent: step === 1 ? 'prospecting' : 'follow_up', metadata: { messageId: step === 1 ? thread : `<${ctx.id()}@mail.dealwise.demo>` },
    });
    row.sentiment = sentimentOf(row.sentimentScore ?? 0);
    row.templateId = key ? (marketing.templates.get(key) ?? null) : null;
    row.campaignId = lead.campaign?.id ?? null;
    row.abTestId = test?.id ?? null;
    row.abVariant = variant ?? null;
    row.sequenceStep = step;
    row.touchNumber = touches;
    m.contactedAt ??= at;

    const bounced = step === 1 && !destined && rng.chance(0.03);
    const replies = !bounced && rng.chance(clamp(replyRate * lead.responsiveness, 0, 0.9));
    const replyAt = replies ? nextSendTime(rng, addMs(at, rng.int(20, 60 * 30) * MINUTE), tz) : undefined;
    const reply = replyAt && fits(replyAt) ? replyAt : undefined;
    const opened = !bounced && (reply !== undefined || rng.chance(clamp(openRate * sendHourEffect(at, tz) * lead.responsiveness, 0.02, 0.95)));
    const mood: Mood = destined ? 'positive' : step === 1 && personal ? rng.weighted([['positive', 7], ['neutral', 2], ['negative', 1]] as const) : rng.weighted([['positive', 5], ['neutral', 2.5], ['negative', 2.5]] as const);
    const unsubscribe = !destined && opened && ((reply && mood === 'negative' && rng.chance(0.3)) || (!reply && rng.chance(0.012)));
    const unsubscribedAt = recordEngagement(ctx, rng, row, lead, { opened, bounced, replyAt: reply, unsubscribe, clickChance: 0.15 });
    if (bounced) {
      m.bounced = true;
      return;
    }
    if (unsubscribedAt && !reply) {
      m.unsubscribed = true;
      m.disqualifiedAt = unsubscribedAt;
      m.disqualifyReason = 'Unsubscribed from outreach';
      return;
    }
    if (reply) {
      handleReply(ctx, rng, lead, reply, mood, thread, subject, unsubscribedAt !== undefined, destined, end);
      return;
    }
  }
  if (destined && !m.qualifiedAt) {
    // the lead came back on its own: a call right before the deal was opened
    let at = nextMeetingTime(rng, addMs(t, DAY), tz);
    if (!fits(at)) at = new Date(Math.max(t.getTime() + HOUR, end - rng.int(1, 12) * HOUR));
    qualifyingCall(ctx, rng, lead, at, 'positive', makeSlots(rng, { lead, rep: lead.owner, at }), true);
  } else if (t.getTime() < ctx.now.getTime() - 45 * DAY && !m.qualifiedAt && !m.disqualifiedAt) {
    // a full sequence without an answer: most go to nurture, some are closed out
    if (rng.chance(0.25)) {
      m.disqualifiedAt = nextMeetingTime(rng, addMs(t, rng.int(7, 21) * DAY), tz);
      m.disqualifyReason = 'No response after the full sequence';
    } else m.nurturing = true;
  }
}

function handleReply(ctx: SeedCtx, rng: Rng, lead: LeadModel, at: Date, mood: Mood, thread: string, subject: string, unsubscribe: boolean, destined: boolean, end: number): void {
  const slots = makeSlots(rng, { lead, rep: lead.owner, at });
  const pool = mood === 'positive' ? B.PROSPECT_POSITIVE_REPLY : mood === 'neutral' ? B.PROSPECT_NEUTRAL_REPLY : B.PROSPECT_NEGATIVE_REPLY;
  const score = mood === 'positive' ? rng.normal(0.6, 0.12) : mood === 'neutral' ? rng.normal(0, 0.08) : rng.normal(-0.55, 0.12);
  const { body } = buyerEmail(rng, slots, mood, { lines: pool });
  addInteraction(ctx, {
    type: 'email', direction: 'inbound', lead, at, subject: subject.startsWith('Re:') ? subject : `Re: ${subject}`, body, threadId: thread,
    sentimentScore: clamp(score, -1, 1), sentiment: mood, intent: unsubscribe ? 'unsubscribe' : mood === 'positive' ? 'schedule_meeting' : mood === 'neutral' ? 'not_now' : 'not_interested',
    metadata: { messageId: `<${ctx.id()}@mail.${lead.account.domain}>`, inReplyTo: thread },
  });
  const m = lead.milestones;
  if (mood === 'negative') {
    m.disqualifiedAt = addMs(at, rng.int(1, 20) * HOUR);
    m.disqualifyReason = unsubscribe ? 'Asked to stop all contact' : 'Not interested';
    if (unsubscribe) m.unsubscribed = true;
    if (m.disqualifiedAt.getTime() > ctx.now.getTime()) m.disqualifiedAt = at;
    return;
  }
  if (mood === 'neutral') {
    m.nurturing = true;
    return;
  }
  const callAt = nextMeetingTime(rng, addMs(at, rng.int(1, 5) * DAY), lead.timeZone);
  if (callAt.getTime() >= end) {
    if (destined) qualifyingCall(ctx, rng, lead, new Date(Math.max(at.getTime() + HOUR, end - 2 * HOUR)), 'positive', slots, true);
    return;
  }
  qualifyingCall(ctx, rng, lead, callAt, 'positive', makeSlots(rng, { lead, rep: lead.owner, at: callAt }), destined);
}

/** a connected call; a good one qualifies the lead */
function qualifyingCall(ctx: SeedCtx, rng: Rng, lead: LeadModel, at: Date, mood: Mood, slots: Slots, destined: boolean): void {
  const m = lead.milestones;
  const minutes = rng.int(12, 38);
  const question = rng.chance(0.4) ? line(rng, B.QUESTIONS, slots) : undefined;
  const fit = destined || (mood === 'positive' && rng.chance(0.75));
  const points: string[] = [rng.pick(N.PROSPECT_CALL_POINTS), rng.pick(N.PROSPECT_CALL_POINTS)].filter((p, i, all) => all.indexOf(p) === i);
  if (!fit) points.push(mood === 'negative' ? 'Not interested; happy with current setup.' : 'No budget or project this year; will revisit.');
  addInteraction(ctx, {
    type: 'call', direction: 'outbound', lead, at, body: callNote(rng, slots, { minutes, points, question, next: fit ? 'Book a discovery meeting with the wider team.' : 'Add to nurture; check back next quarter.' }),
    outcome: fit ? 'meeting_booked' : 'connected', durationSeconds: minutes * 60 + rng.int(0, 59), sentimentScore: fit ? rng.normal(0.55, 0.1) : rng.normal(-0.1, 0.15),
    sentiment: fit ? 'positive' : 'neutral', intent: 'qualification', question,
  });
  m.contactedAt ??= at;
  if (fit) m.qualifiedAt = at;
  else if (mood === 'negative') {
    m.disqualifiedAt = new Date(Math.min(at.getTime() + HOUR, ctx.now.getTime()));
    m.disqualifyReason = 'Not a fit';
  } else m.nurturing = true;
}
