import type { ObjectionType, OpportunityStage, Sentiment } from '../../../core/domain.ts';
import { COMPETITORS } from '../catalog/org.ts';
import { DECISION_CRITERIA, PAIN_POINTS } from '../catalog/market.ts';
import type { DealModel, LeadModel, RepModel } from '../model.ts';
import type { Rng } from '../rng.ts';
import { addDays, spokenDate, wallClock, weekdayName } from '../time.ts';
import * as B from './phrases-buyer.ts';
import * as N from './phrases-notes.ts';
import { GREETINGS, NEXT_STEPS, REP_ASKS, REP_LINES, REP_SIGNOFFS, type RepPurpose } from './phrases-rep.ts';
import { fill, line, quoteDollars, type Slots } from './slots.ts';

// Turns a moment in a deal (who, what, how it is going) into the text a person would have written.

export const sentimentOf = (score: number): Sentiment => (score > 0.25 ? 'positive' : score < -0.2 ? 'negative' : 'neutral');

const BOSS: Record<string, readonly string[]> = {
  c_level: ['CEO', 'board'],
  vp: ['CRO', 'CFO'],
  director: ['VP of Sales', 'CFO', 'COO'],
  manager: ['VP of Sales', 'Director of Sales Operations', 'CFO'],
  individual: ['Director of Sales Operations', 'VP of Sales', 'manager'],
};

/** estimated seats for a lead with no deal yet: a share of the company, rounded as people say it */
export function roundSeats(n: number): number {
  const step = n >= 500 ? 50 : n >= 100 ? 25 : 5;
  return Math.max(5, Math.round(n / step) * step);
}

export function makeSlots(rng: Rng, p: { lead: LeadModel; rep: RepModel; at: Date; deal?: DealModel | undefined; productName?: string }): Slots {
  const { lead, rep, at, deal } = p;
  const account = lead.account;
  const seats = deal?.seats ?? roundSeats(account.employees * (account.segment === 'ent' ? 0.05 : 0.15));
  const perSeat = deal?.pricePerSeat ?? 30;
  const total = seats * perSeat * 12;
  // weekdays only: nobody books a call for Saturday
  let day = addDays(at, rng.int(1, 4));
  while ([0, 6].includes(wallClock(day, lead.timeZone).getUTCDay())) day = addDays(day, 1);
  const competitor = deal && deal.competitors.length > 0 ? rng.pick(deal.competitors) : rng.pick(COMPETITORS);
  const discount = deal?.row.discountPct ?? rng.int(8, 20);
  return {
    first: lead.first,
    contact: lead.fullName,
    title: lead.title,
    company: account.name,
    rep: rep.first,
    repFull: rep.fullName,
    product: deal?.product.def.name ?? p.productName ?? 'Dealwise',
    seats: `${seats} seats`,
    users: `${seats} users`,
    total: quoteDollars(total),
    budget: quoteDollars(total * (0.6 + rng.next() * 0.2)),
    perSeat: `$${perSeat} per user per month`,
    discount: `${Math.round(discount)}%`,
    date: spokenDate(addDays(at, rng.int(7, 45))),
    date2: spokenDate(addDays(at, rng.int(46, 90))),
    weekday: weekdayName(wallClock(day, lead.timeZone)),
    competitor,
    pain: lead.painPoints[0] ?? rng.pick(PAIN_POINTS),
    industry: account.industry.name,
    tech: rng.pick(account.technologies.length > 0 ? account.technologies : ['Salesforce']),
    criterion: rng.pick(DECISION_CRITERIA),
    count: String(rng.int(5, 20)),
    bossTitle: rng.pick(BOSS[lead.seniority] ?? ['manager']),
  };
}

const paragraph = (lines: string[]): string => lines.filter((l) => l.length > 0).join(' ');

export function repEmail(rng: Rng, slots: Slots, purposes: readonly RepPurpose[], ask = true): string {
  const body = purposes.map((p) => line(rng, REP_LINES[p], slots));
  const parts = [line(rng, GREETINGS, slots), paragraph(body)];
  if (ask) parts.push(line(rng, REP_ASKS, slots));
  parts.push(`${rng.pick(REP_SIGNOFFS)}\n${slots.rep}`);
  return parts.join('\n\n');
}

export interface BuyerText {
  body: string;
  question: string | undefined;
}

/** a buyer's email: the mood picks the lines; an objection or a question is woven in when given */
export function buyerEmail(rng: Rng, slots: Slots, mood: Sentiment, extras: { objection?: ObjectionType | undefined; ask?: boolean; lines?: readonly string[] }): BuyerText {
  const pool = extras.lines ?? (mood === 'positive' ? B.BUYER_POSITIVE : mood === 'negative' ? B.BUYER_NEGATIVE : B.BUYER_NEUTRAL);
  const parts = [line(rng, pool, slots)];
  if (extras.objection) parts.push(line(rng, B.OBJECTIONS[extras.objection], slots));
  const question = extras.ask ? line(rng, B.QUESTIONS, slots) : undefined;
  if (question) parts.push(question);
  const greeting = rng.chance(0.7) ? `Hi ${slots.rep},\n\n` : '';
  return { body: `${greeting}${paragraph(parts)}\n\n${rng.pick(B.BUYER_SIGNOFFS)}\n${slots.first}\n${slots.title}, ${slots.company}`, question };
}

export function nextStep(rng: Rng, slots: Slots): string {
  return line(rng, NEXT_STEPS, slots);
}

export function callNote(rng: Rng, slots: Slots, p: { minutes: number; points: readonly string[]; objection?: ObjectionType | undefined; question?: string | undefined; next: string }): string {
  const lines = [`Call with ${slots.contact} (${slots.title}, ${slots.company}), ${p.minutes} min.`];
  for (const point of p.points) lines.push(`- ${fill(point, slots)}`);
  if (p.objection) lines.push(`- Concern (${p.objection}): ${line(rng, B.OBJECTIONS[p.objection], slots)}`);
  if (p.question) lines.push(`- Asked: ${p.question}`);
  lines.push(`Next step: ${p.next}`);
  return lines.join('\n');
}

export function meetingNote(rng: Rng, slots: Slots, p: { stage: OpportunityStage; title: string; attendees: string; mood: Sentiment; objection?: ObjectionType | undefined; question?: string | undefined; next: string }): string {
  const agenda = N.STAGE_AGENDA[p.stage].map((a) => `- ${fill(a, slots)}`);
  const moodPool = p.mood === 'positive' ? N.MEETING_POSITIVE : p.mood === 'negative' ? N.MEETING_NEGATIVE : N.MEETING_NEUTRAL;
  const notes = [`- ${line(rng, moodPool, slots)}`];
  if (p.objection) notes.push(`- Objection (${p.objection}): "${line(rng, B.OBJECTIONS[p.objection], slots)}"`);
  if (p.question) notes.push(`- Open question: ${p.question}`);
  return [
    `${p.title}: ${slots.company}`,
    `Attendees: ${p.attendees}`,
    `Agenda:\n${agenda.join('\n')}`,
    `Notes:\n${notes.join('\n')}`,
    `Next steps:\n- ${p.next}`,
  ].join('\n\n');
}

export { B, N };
