import { z } from 'zod';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { EMAIL_PURPOSES } from './drafting/email.ts';
import { draftCommon, draftCommonOf, prepareDraft } from './drafting/prepare.ts';
import { fitToChannel, messageText } from './drafting/short-message.ts';

export const draftMessage = defineTool({
  name: 'draft_message',
  description:
    'Draft a short SMS or WhatsApp message to a lead from the record, in their tone. SMS keeps to 160 GSM-7 characters (70 when the text needs Unicode), WhatsApp to 4096; when the text had to be cut it says so. Lists the facts used. Nothing is sent.',
  input: z.object({
    lead: reference('lead'),
    channel: z.enum(['sms', 'whatsapp']).describe('sms (160 characters) or whatsapp'),
    purpose: z.enum(EMAIL_PURPOSES).default('follow_up').describe('what the message is for (default follow_up)'),
    tone: z.enum(['formal', 'casual']).optional().describe('override the tone measured from the lead\'s messages'),
  }),
  output: z.object({
    ...draftCommon,
    channel: z.enum(['sms', 'whatsapp']).describe('the channel'),
    purpose: z.enum(EMAIL_PURPOSES).describe('what the message is for'),
    text: z.string().describe('the message, within the channel limit'),
    length: z.number().int().describe('characters in the message'),
    limit: z.number().int().describe('the channel limit applied'),
    encoding: z.enum(['GSM-7', 'UCS-2', 'UTF-8']).describe('SMS encoding (UCS-2 halves the limit to 70); UTF-8 for WhatsApp'),
    truncated: z.boolean().describe('true when the composed text was cut to fit'),
    originalLength: z.number().int().describe('characters before any cut'),
    phone: z.string().nullable().describe('the lead\'s phone number on record (null: none, so the message cannot go out yet)'),
  }),
  annotations: { title: 'Draft SMS or WhatsApp', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const p = await prepareDraft(ctx, { lead: input.lead }, input.tone);
    const composed = messageText(input.purpose, p.book, p.voice, p.ledger, ctx.now, p.context.person.lead.preferredContactHour);
    const fitted = fitToChannel(composed, input.channel);
    return { ...draftCommonOf(p, fitted.text), channel: input.channel, purpose: input.purpose, ...fitted, phone: p.context.person.lead.phone };
  },
});
