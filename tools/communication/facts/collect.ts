import type { ObjectionType } from '../../../core/domain.ts';
import type { LinkedInteraction } from '../../../db/repos/interactions.ts';
import type { CommsContext } from '../context/load.ts';
import type { Fact } from './fact.ts';
import { calendarLabel, dayLabel, daysBetween, hourLabel, moneyLabel, zoneOr } from './format.ts';

// Turns the loaded record into facts, each with its source. A composer picks from this book; only what
// it picks is listed with the draft. Nothing here is invented: a missing field is a missing fact.

export interface Touch {
  interaction: LinkedInteraction;
  /** "call", "email", "meeting"... */
  kind: Fact;
  day: Fact;
  what: Fact | null;
}

export interface ObjectionFact extends Fact {
  type: ObjectionType;
  interactionId: string;
}

export interface DealFacts {
  id: string;
  name: Fact;
  stage: Fact;
  nextSteps: Fact | null;
  close: Fact | null;
  value: Fact;
  product: Fact | null;
  competitors: Fact[];
  criteria: Fact[];
}

export interface FactBook {
  zone: string;
  leadId: string;
  firstName: Fact;
  fullName: Fact;
  title: Fact | null;
  company: Fact | null;
  industry: Fact | null;
  pains: Fact[];
  preferredChannel: Fact | null;
  contactHour: Fact | null;
  decisionTimeline: Fact | null;
  lastTouch: Touch | null;
  daysSinceTouch: Fact | null;
  openQuestions: Fact[];
  objections: ObjectionFact[];
  deal: DealFacts | null;
  sender: { name: Fact; firstName: Fact; title: Fact | null; email: Fact } | null;
}

const leadFact = (id: string, key: string, field: string, fact: string): Fact => ({ key, fact, source: { kind: 'lead', id, field } });

const TOUCH_WORD: Record<string, string> = { email: 'email', call: 'call', meeting: 'meeting', sms: 'text message', whatsapp: 'WhatsApp message', note: 'note' };

const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

function touchOf(i: LinkedInteraction, zone: string): Touch {
  const src = { kind: 'interaction' as const, id: i.id };
  return {
    interaction: i,
    kind: { key: 'interaction.type', fact: TOUCH_WORD[i.type] ?? i.type, source: { ...src, field: 'type' } },
    day: { key: 'interaction.occurredAt', fact: dayLabel(i.occurredAt, zone), source: { ...src, field: 'occurredAt' } },
    what: i.subject ? { key: 'interaction.subject', fact: i.subject.replace(/^(?:re|fwd?):\s*/i, ''), source: { ...src, field: 'subject', quote: i.subject } } : null,
  };
}

/** a question is open when nothing was sent to the person after it was asked */
function openQuestions(timeline: readonly LinkedInteraction[]): Fact[] {
  const out: Fact[] = [];
  for (const i of timeline) {
    if (i.direction === 'outbound' && i.type !== 'note' && !i.question) break;
    if (i.question && i.direction !== 'internal') out.push({ key: 'interaction.question', fact: clip(i.question.trim()), source: { kind: 'signal', id: i.id, field: 'question', quote: i.question } });
    if (i.direction === 'outbound') break;
  }
  return out.slice(0, 2);
}

export function collectFacts(c: CommsContext): FactBook {
  const { lead, account } = c.person;
  const zone = zoneOr(lead.timeZone);
  const first = lead.firstName?.trim() || lead.fullName.split(/\s+/)[0] || lead.fullName;
  const visible = c.timeline.filter((i) => i.direction !== 'internal');
  const last = visible[0] ? touchOf(visible[0], zone) : null;
  const deal = c.deal;
  return {
    zone,
    leadId: lead.id,
    firstName: leadFact(lead.id, 'lead.firstName', 'firstName', first),
    fullName: leadFact(lead.id, 'lead.fullName', 'fullName', lead.fullName),
    title: lead.title ? leadFact(lead.id, 'lead.title', 'title', lead.title) : null,
    company: account ? { key: 'account.name', fact: account.name, source: { kind: 'account', id: account.id, field: 'name' } } : null,
    industry: account?.industry ? { key: 'account.industry', fact: account.industry, source: { kind: 'account', id: account.id, field: 'industry' } } : null,
    pains: lead.painPoints.slice(0, 3).map((p) => leadFact(lead.id, 'lead.painPoints', 'painPoints', p)),
    preferredChannel: lead.preferredChannel ? leadFact(lead.id, 'lead.preferredChannel', 'preferredChannel', TOUCH_WORD[lead.preferredChannel] ?? lead.preferredChannel) : null,
    contactHour: lead.preferredContactHour !== null ? leadFact(lead.id, 'lead.preferredContactHour', 'preferredContactHour', hourLabel(lead.preferredContactHour)) : null,
    decisionTimeline: lead.decisionTimeline ? leadFact(lead.id, 'lead.decisionTimeline', 'decisionTimeline', lead.decisionTimeline) : null,
    lastTouch: last,
    daysSinceTouch: last
      ? { key: 'derived.daysSinceLastTouch', fact: String(daysBetween(last.interaction.occurredAt, c.now)), source: { kind: 'interaction', id: last.interaction.id, field: 'occurredAt' } }
      : null,
    openQuestions: openQuestions(c.timeline),
    objections: c.objections.map((o) => ({
      key: 'interaction.objectionType',
      fact: o.quote,
      type: o.type,
      interactionId: o.interaction.id,
      source: { kind: 'signal', id: o.interaction.id, field: 'objectionType', quote: o.quote },
    })),
    deal: deal
      ? {
          id: deal.id,
          name: { key: 'deal.name', fact: deal.name, source: { kind: 'opportunity', id: deal.id, field: 'name' } },
          stage: { key: 'deal.stage', fact: deal.stage.replace('_', ' '), source: { kind: 'opportunity', id: deal.id, field: 'stage' } },
          nextSteps: deal.nextSteps ? { key: 'deal.nextSteps', fact: deal.nextSteps.trim().replace(/\.$/, ''), source: { kind: 'opportunity', id: deal.id, field: 'nextSteps' } } : null,
          close: deal.expectedCloseDate ? { key: 'deal.expectedCloseDate', fact: calendarLabel(deal.expectedCloseDate), source: { kind: 'opportunity', id: deal.id, field: 'expectedCloseDate' } } : null,
          value: { key: 'deal.value', fact: moneyLabel(deal.valueMinor, deal.currency), source: { kind: 'opportunity', id: deal.id, field: 'valueMinor' } },
          product: deal.product ? { key: 'deal.product', fact: deal.product, source: { kind: 'opportunity', id: deal.id, field: 'productId' } } : null,
          competitors: deal.competitors.map((name) => ({ key: 'deal.competitors', fact: name, source: { kind: 'opportunity', id: deal.id, field: 'competitors' } })),
          criteria: deal.decisionCriteria.map((name) => ({ key: 'deal.decisionCriteria', fact: name, source: { kind: 'opportunity', id: deal.id, field: 'decisionCriteria' } })),
        }
      : null,
    sender: c.sender
      ? {
          name: { key: 'sender.name', fact: c.sender.fullName, source: { kind: 'user', id: c.sender.id, field: 'fullName' } },
          firstName: { key: 'sender.firstName', fact: c.sender.fullName.split(/\s+/)[0] ?? c.sender.fullName, source: { kind: 'user', id: c.sender.id, field: 'fullName' } },
          title: c.sender.title ? { key: 'sender.title', fact: c.sender.title, source: { kind: 'user', id: c.sender.id, field: 'title' } } : null,
          email: { key: 'sender.email', fact: c.sender.email, source: { kind: 'user', id: c.sender.id, field: 'email' } },
        }
      : null,
  };
}

/** A book with no person behind it: approaches composed for no one in particular use only generic wording. */
export function emptyBook(): FactBook {
  const none: Fact = { key: 'none', fact: '', source: { kind: 'derived', id: '' } };
  return {
    zone: 'UTC', leadId: '', firstName: none, fullName: none, title: null, company: null, industry: null, pains: [],
    preferredChannel: null, contactHour: null, decisionTimeline: null, lastTouch: null, daysSinceTouch: null,
    openQuestions: [], objections: [], deal: null, sender: null,
  };
}
