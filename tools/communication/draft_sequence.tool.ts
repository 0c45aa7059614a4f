import { z } from 'zod';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { addBusinessDays } from './drafting/business-days.ts';
import { composeEmail, EMAIL_PURPOSES, type EmailPurpose } from './drafting/email.ts';
import { draftCommon, draftCommonOf, prepareDraft, type Prepared } from './drafting/prepare.ts';
import { fitToChannel, messageText } from './drafting/short-message.ts';

// A multi-touch sequence: email first, then alternating touches on the channels the record allows (a
// call or a text needs a phone number; the lead's preferred channel goes first), spaced in business days
// in the lead's own zone, ending with a re-engage email that offers to step back.

const GAPS = [0, 2, 5, 9, 14, 21, 30, 45];
type Channel = 'email' | 'call' | 'sms' | 'whatsapp';

function channelPlan(p: Prepared, steps: number): Channel[] {
  const lead = p.context.person.lead;
  const phoneChannels: Channel[] = lead.phone ? (lead.preferredChannel === 'whatsapp' ? ['whatsapp', 'call'] : lead.preferredChannel === 'sms' ? ['sms', 'call'] : ['call', 'sms']) : [];
  const plan: Channel[] = ['email'];
  for (let i = 1; i < steps - 1; i++) plan.push(phoneChannels.length > 0 && i % 2 === 1 ? (phoneChannels[Math.floor(i / 2) % phoneChannels.length] as Channel) : 'email');
  if (steps > 1) plan.push('email');
  return plan;
}

function stepPurpose(first: EmailPurpose, index: number, steps: number): EmailPurpose {
  if (index === 0) return first;
  if (index === steps - 1) return 're_engage';
  return index % 3 === 2 ? 'nurture' : 'follow_up';
}

const step = z.object({
  step: z.number().int().describe('1-based position'),
  channel: z.enum(['email', 'call', 'sms', 'whatsapp']).describe('how this touch goes out'),
  businessDay: z.number().int().describe('business days after the start (0 = first business day)'),
  date: z.string().describe('the day it is due, YYYY-MM-DD in the lead\'s time zone (weekends skipped)'),
  purpose: z.enum(EMAIL_PURPOSES).describe('what the touch is for'),
  subject: z.string().nullable().describe('email subject (null for calls and texts)'),
  text: z.string().describe('the email, the text message, or the call\'s talking points'),
});

export const draftSequence = defineTool({
  name: 'draft_sequence',
  description:
    'Draft a multi-step outreach sequence for a lead across email, call, SMS and WhatsApp (phone channels only when the lead has a phone number; their preferred channel first), with timing in business days in the lead\'s own time zone and each step composed from the record in their tone. Lists the facts used. Nothing is sent or scheduled.',
  input: z.object({
    lead: reference('lead'),
    purpose: z.enum(EMAIL_PURPOSES).default('follow_up').describe('what the first touch is for (default follow_up); the last one always offers to step back'),
    steps: z.number().int().min(2).max(8).default(4).describe('how many touches (2-8, default 4)'),
    tone: z.enum(['formal', 'casual']).optional().describe('override the tone measured from the lead\'s messages'),
  }),
  output: z.object({ ...draftCommon, timeZone: z.string().describe('the zone the dates are in'), steps: z.array(step).describe('the touches in order') }),
  annotations: { title: 'Draft sequence', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const p = await prepareDraft(ctx, { lead: input.lead }, input.tone);
    const hour = p.context.person.lead.preferredContactHour;
    const plan = channelPlan(p, input.steps);
    const steps = plan.map((channel, i) => {
      const purpose = stepPurpose(input.purpose, i, plan.length);
      const businessDay = GAPS[i] ?? GAPS[GAPS.length - 1]!;
      const date = addBusinessDays(ctx.now, businessDay, p.book.zone).toISODate() as string;
      if (channel === 'email') {
        // a later step must not restate "N days since we spoke" counted from today
        const d = composeEmail({ purpose, book: i === 0 ? p.book : { ...p.book, daysSinceTouch: null }, voice: p.voice, ledger: p.ledger, now: ctx.now, preferredHour: hour, objection: undefined, approach: undefined });
        return { step: i + 1, channel, businessDay, date, purpose, subject: d.subject, text: d.body };
      }
      if (channel === 'call') {
        const points = [
          p.book.lastTouch ? `Reference the ${p.ledger.use(p.book.lastTouch.kind)} of ${p.ledger.use(p.book.lastTouch.day)}.` : 'First live conversation: confirm their role and priorities.',
          ...(p.book.openQuestions[0] ? [`Answer their question: ${p.ledger.use(p.book.openQuestions[0])}`] : []),
          ...(p.book.deal?.nextSteps ? [`Confirm the next step: ${p.ledger.use(p.book.deal.nextSteps)}.`] : []),
          'If no answer, leave a short voicemail and send the next email.',
        ];
        return { step: i + 1, channel, businessDay, date, purpose, subject: null, text: points.map((x) => `- ${x}`).join('\n') };
      }
      const fitted = fitToChannel(messageText(purpose, p.book, p.voice, p.ledger, ctx.now, hour), channel);
      return { step: i + 1, channel, businessDay, date, purpose, subject: null, text: fitted.text };
    });
    const all = steps.map((s) => `${s.subject ?? ''}\n${s.text}`).join('\n');
    return { ...draftCommonOf(p, all), timeZone: p.book.zone, steps };
  },
});
