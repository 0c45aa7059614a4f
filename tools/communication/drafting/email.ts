import type { Approach } from '../objections/approaches.ts';
import type { FactBook, ObjectionFact } from '../facts/collect.ts';
import type { FactLedger } from '../facts/fact.ts';
import { proposedSlot } from './slot.ts';
import { greeting, signature, type Voice } from './voice.ts';

// An email composed from the record: each sentence is chosen by what the record holds (last touch, open
// question, objection, pain, deal stage and next step) and worded in the lead's register. A sentence
// whose fact is missing is left out, never filled with a guess.

export const EMAIL_PURPOSES = ['intro', 'follow_up', 'proposal', 'meeting_request', 'objection_response', 'nurture', 're_engage'] as const;
export type EmailPurpose = (typeof EMAIL_PURPOSES)[number];

export interface ComposeInput {
  purpose: EmailPurpose;
  book: FactBook;
  voice: Voice;
  ledger: FactLedger;
  now: Date;
  preferredHour: number | null;
  /** objection_response: the objection answered and how */
  objection?: ObjectionFact | undefined;
  approach?: Approach | undefined;
}

export interface EmailDraft {
  subject: string;
  body: string;
}

/** A sentence only long writers get; composed lazily so a dropped sentence uses no facts. */
interface Optional {
  optional: () => string;
}
const optional = (compose: () => string): Optional => ({ optional: compose });
type Line = string | Optional | null;
/** an optional sentence this purpose cannot do without */
const must = (l: Optional | null): string | null => (l ? l.optional() : null);

const OBJECTION_WORD: Record<string, string> = {
  price: 'the price', timing: 'the timing', authority: 'the sign-off', need: 'the need', competitor: 'the alternatives',
  trust: 'trust and security', feature: 'the features', contract: 'the contract terms',
};

function lastTouchLine(x: ComposeInput): Optional | null {
  const t = x.book.lastTouch;
  if (!t) return null;
  const { voice: v, ledger } = x;
  const about = () => (t.what ? ` about ${ledger.use(t.what)}` : '');
  return optional(() =>
    t.interaction.direction === 'inbound'
      ? v.say(`Thank you for your ${ledger.use(t.kind)} of ${ledger.use(t.day)}${about()}.`, `Thanks for your ${ledger.use(t.kind)}${about()}.`)
      : v.say(`Thank you for your time on our ${ledger.use(t.kind)} of ${ledger.use(t.day)}${about()}.`, `Good to catch up on the ${ledger.use(t.kind)} on ${ledger.use(t.day)}.`),
  );
}

function painLine(x: ComposeInput): Optional | null {
  const { book, voice: v, ledger } = x;
  const pain = book.pains[0];
  if (!pain) return null;
  return optional(() => {
    const at = book.company ? ` at ${ledger.use(book.company)}` : '';
    return v.say(`I understand that ${ledger.use(pain)} is a priority for your team${at}.`, `You mentioned ${ledger.use(pain)} is a headache${at}.`);
  });
}

function questionLine(x: ComposeInput): string | null {
  const q = x.book.openQuestions[0];
  if (!q) return null;
  return x.voice.say(`You asked: “${x.ledger.use(q)}” I will make sure we answer that fully.`, `You asked “${x.ledger.use(q)}” Good question, I'll make sure we cover it.`);
}

function objectionLines(x: ComposeInput): string[] {
  const o = x.objection ?? x.book.objections[0];
  if (!o) return [];
  const { voice: v, ledger } = x;
  const ack = v.say(`You raised a concern about ${OBJECTION_WORD[o.type] ?? o.type}: “${ledger.use(o)}”`, `I hear you on ${OBJECTION_WORD[o.type] ?? o.type} (“${ledger.use(o)}”).`);
  return x.approach ? [ack, x.approach.compose(v, x.book, ledger)] : [ack];
}

function nextStepLine(x: ComposeInput): string | null {
  const next = x.book.deal?.nextSteps;
  if (!next) return null;
  return x.voice.say(`As agreed, the next step on our side is: ${x.ledger.use(next)}.`, `Next up on my side: ${x.ledger.use(next)}.`);
}

function body(x: ComposeInput): { subject: string; lines: Line[] } {
  const { purpose, book, voice: v, ledger } = x;
  const company = book.company ? ledger.use(book.company) : null;
  const deal = book.deal;
  const lines: Line[] = [];
  let subject: string;
  switch (purpose) {
    case 'intro': {
      const me = book.sender ? ledger.use(book.sender.name) : null;
      if (me) lines.push(v.say(`My name is ${me}.`, `I'm ${me}.`));
      if (book.title && company) {
        const role = `${ledger.use(book.title)} at ${company}`;
        lines.push(v.say(`I am writing to you in your role as ${role}.`, `Saw you're ${role} and wanted to reach out.`));
      } else if (company) lines.push(v.say(`I am writing to the team at ${company}.`, `Wanted to reach out to the team at ${company}.`));
      lines.push(must(painLine(x)));
      lines.push(v.say('Would you be open to a short call to see whether we can help?', 'Up for a quick call to see if we can help?'));
      subject = company ? v.say(`Introduction for ${company}`, `Quick intro, ${company}`) : v.say('Introduction', 'Quick intro');
      break;
    }
    case 'follow_up': {
      lines.push(lastTouchLine(x), questionLine(x), ...objectionLines(x), nextStepLine(x), painLine(x));
      lines.push(v.say('Please let me know if anything has changed on your side.', 'Let me know if anything changed on your end.'));
      const t = book.lastTouch;
      subject = t?.what ? `Following up: ${ledger.use(t.what)}` : t ? `Following up on our ${ledger.use(t.kind)}` : v.say('Following up', 'Quick follow-up');
      break;
    }
    case 'proposal': {
      lines.push(lastTouchLine(x));
      if (deal) {
        const product = deal.product ? ` for ${ledger.use(deal.product)}` : '';
        const close = deal.close ? v.say(`, with a target decision date of ${ledger.use(deal.close)}`, `, aiming to wrap up by ${ledger.use(deal.close)}`) : '';
        lines.push(v.say(`Please find our proposal for ${ledger.use(deal.name)}${product}: ${ledger.use(deal.value)}${close}.`, `Here's the proposal for ${ledger.use(deal.name)}${product}: ${ledger.use(deal.value)}${close}.`));
      } else lines.push(v.say('Please find our proposal attached.', "Here's the proposal."));
      lines.push(painLine(x), questionLine(x));
      lines.push(v.say('Could we walk through it together this week?', 'Got time this week to walk through it?'));
      subject = deal ? `Proposal: ${ledger.use(deal.name)}` : v.say('Our proposal', 'Proposal');
      break;
    }
    case 'meeting_request': {
      const slot = ledger.use(proposedSlot(book, x.now, x.preferredHour));
      lines.push(lastTouchLine(x), questionLine(x), painLine(x));
      lines.push(v.say(`Would ${slot} your time suit you for a call?`, `Does ${slot} your time work for a call?`));
      subject = v.say(`Meeting request: ${slot}`, `Catch up on ${slot}?`);
      break;
    }
    case 'objection_response': {
      lines.push(...objectionLines(x));
      if (!x.objection && book.objections.length === 0) lines.push(v.say('I would welcome the chance to address any concerns you may have.', 'Happy to talk through anything that is holding you back.'));
      lines.push(v.say('Would that help?', 'Would that help?'));
      const o = x.objection ?? book.objections[0];
      subject = o ? v.say(`Your concern about ${OBJECTION_WORD[o.type] ?? o.type}`, `Re: ${OBJECTION_WORD[o.type] ?? o.type}`) : v.say('Your concerns', 'Your concerns');
      break;
    }
    case 'nurture': {
      const peers = book.industry ? `${ledger.use(book.industry)} teams` : v.say('teams like yours', 'teams like yours');
      const pain = book.pains[0] ? ledger.use(book.pains[0]) : null;
      lines.push(pain ? v.say(`I thought of you while working with other ${peers} on ${pain}.`, `Was just working with some other ${peers} on ${pain} and thought of you.`) : v.say(`I thought of you while working with other ${peers}.`, `Was just working with some other ${peers} and thought of you.`));
      if (book.decisionTimeline) lines.push(v.say(`When the time is right (you mentioned ${ledger.use(book.decisionTimeline)}), I would be glad to share what worked for them.`, `Whenever it's the right time (you said ${ledger.use(book.decisionTimeline)}), happy to share what worked for them.`));
      lines.push(v.say('There is no need to reply; I will keep you posted.', "No need to reply, I'll keep you posted."));
      subject = company ? v.say(`An idea for ${company}`, `Idea for ${company}`) : v.say('An idea for your team', 'Quick idea');
      break;
    }
    case 're_engage': {
      const t = book.lastTouch;
      if (t && book.daysSinceTouch) lines.push(v.say(`It has been ${ledger.use(book.daysSinceTouch)} days since our last ${ledger.use(t.kind)} on ${ledger.use(t.day)}.`, `It's been ${ledger.use(book.daysSinceTouch)} days since we last spoke.`));
      lines.push(questionLine(x), ...(book.objections[0] ? objectionLines(x) : []));
      if (deal) lines.push(v.say(`Is ${ledger.use(deal.name)} still a priority, or should I step back for now?`, `Is ${ledger.use(deal.name)} still on your list, or should I back off for now?`));
      else lines.push(v.say('Is this still a priority for you, or should I step back for now?', 'Still on your list, or should I back off for now?'));
      subject = v.say(`Checking in, ${ledger.use(book.firstName)}`, `Still on your list, ${ledger.use(book.firstName)}?`);
      break;
    }
  }
  return { subject, lines };
}

export function composeEmail(x: ComposeInput): EmailDraft {
  const hello = greeting(x.voice, x.book, x.ledger);
  const { subject, lines } = body(x);
  // short writers get the substance first: optional context sentences only fill up to three sentences
  const present = lines.filter((l): l is string | Optional => l !== null && l !== '');
  let room = x.voice.long ? Infinity : 3 - present.filter((l) => typeof l === 'string').length;
  const kept = present.flatMap((l) => {
    if (typeof l === 'string') return [l];
    if (room <= 0) return [];
    room -= 1;
    return [l.optional()];
  });
  return { subject, body: [hello, '', kept.join(x.voice.long ? '\n\n' : ' '), '', signature(x.voice, x.book, x.ledger)].join('\n') };
}
