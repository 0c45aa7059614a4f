import type { FactBook } from '../facts/collect.ts';
import type { FactLedger } from '../facts/fact.ts';
import type { EmailPurpose } from './email.ts';
import { proposedSlot } from './slot.ts';
import type { Voice } from './voice.ts';

// SMS and WhatsApp text: one or two lines from the record, then cut to the channel's limit at a word
// boundary (and said so). SMS counts GSM-7 characters: any other character makes it UCS-2, 70 a part.

export const LIMITS = { sms: 160, smsUnicode: 70, whatsapp: 4096 } as const;

const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;

export function messageText(purpose: EmailPurpose, book: FactBook, v: Voice, ledger: FactLedger, now: Date, preferredHour: number | null): string {
  const hi = v.casual ? `Hi ${ledger.use(book.firstName)},` : `Hello ${ledger.use(book.fullName)},`;
  const me = book.sender ? ` ${ledger.use(book.sender.firstName)} here.` : '';
  const t = book.lastTouch;
  let core: string;
  switch (purpose) {
    case 'meeting_request':
      core = v.say(`Would ${ledger.use(proposedSlot(book, now, preferredHour))} your time work for a call?`, `Free for a call ${ledger.use(proposedSlot(book, now, preferredHour))} your time?`);
      break;
    case 're_engage':
      core = book.daysSinceTouch && Number(book.daysSinceTouch.fact) > 0 ? v.say(`It has been ${ledger.use(book.daysSinceTouch)} days; is this still a priority?`, `It's been ${ledger.use(book.daysSinceTouch)} days, still on your list?`) : v.say('Is this still a priority?', 'Still on your list?');
      break;
    case 'proposal':
      core = book.deal ? v.say(`The proposal for ${ledger.use(book.deal.name)} is in your inbox.`, `Sent over the proposal for ${ledger.use(book.deal.name)}.`) : v.say('Our proposal is in your inbox.', 'Sent over the proposal.');
      break;
    case 'intro':
      core = book.company ? v.say(`I would like to introduce myself to the team at ${ledger.use(book.company)}.`, `Reaching out to the team at ${ledger.use(book.company)}.`) : v.say('I would like to introduce myself.', 'Wanted to say hello.');
      break;
    default: {
      const q = book.openQuestions[0];
      const next = book.deal?.nextSteps;
      core = q
        ? v.say(`On your question (${ledger.use(q)}): I will call you with the answer.`, `Re your question (${ledger.use(q)}), I'll call you with the answer.`)
        : next
          ? v.say(`Next step: ${ledger.use(next)}.`, `Next up: ${ledger.use(next)}.`)
          : t
            ? v.say(`Following up on our ${ledger.use(t.kind)} of ${ledger.use(t.day)}.`, `Following up on our ${ledger.use(t.kind)}.`)
            : v.say('Following up on my last note.', 'Just following up.');
    }
  }
  return plainPunctuation(`${hi}${me} ${core}`);
}

/** typographic quotes and the ellipsis character as plain ASCII, so an SMS stays GSM-7 (160, not 70) */
export const plainPunctuation = (text: string): string => text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/…/g, '...');

export interface FittedText {
  text: string;
  length: number;
  limit: number;
  encoding: 'GSM-7' | 'UCS-2' | 'UTF-8';
  truncated: boolean;
  originalLength: number;
}

export function fitToChannel(text: string, channel: 'sms' | 'whatsapp'): FittedText {
  const encoding = channel === 'whatsapp' ? 'UTF-8' : GSM7.test(text) ? 'GSM-7' : 'UCS-2';
  const limit = channel === 'whatsapp' ? LIMITS.whatsapp : encoding === 'GSM-7' ? LIMITS.sms : LIMITS.smsUnicode;
  const chars = [...text];
  if (chars.length <= limit) return { text, length: chars.length, limit, encoding, truncated: false, originalLength: chars.length };
  const room = chars.slice(0, limit - 3).join('');
  const cut = room.slice(0, Math.max(room.lastIndexOf(' '), Math.floor(limit / 2))).trimEnd();
  const out = `${cut}...`;
  return { text: out, length: [...out].length, limit, encoding, truncated: true, originalLength: chars.length };
}
