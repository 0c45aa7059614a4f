import { z } from 'zod';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { composeEmail, EMAIL_PURPOSES } from './drafting/email.ts';
import { bestApproach, draftCommon, draftCommonOf, prepareDraft } from './drafting/prepare.ts';

export const draftEmail = defineTool({
  name: 'draft_email',
  description:
    'Draft an email to a lead (or a deal\'s primary contact) for a purpose: intro, follow_up, proposal, meeting_request, objection_response, nurture, re_engage. Composed from the record (last interactions and what was said, open questions, objections, pain points, the deal\'s stage and next step, the sender\'s signature) in the lead\'s own tone, measured from their messages unless `tone` is given. Lists every fact used with its source. Nothing is sent.',
  input: z.object({
    lead: reference('lead').optional(),
    opportunity: reference('opportunity').optional().describe('the deal: an id or a name; the email goes to its primary contact unless `lead` is given'),
    purpose: z.enum(EMAIL_PURPOSES).describe('what the email is for'),
    tone: z.enum(['formal', 'casual']).optional().describe('override the tone measured from the lead\'s messages'),
    instructions: z.string().trim().max(1000).optional().describe('extra wishes for the wording; passed to the model when one is configured (the offline draft does not interpret them)'),
  }),
  output: z.object({
    ...draftCommon,
    purpose: z.enum(EMAIL_PURPOSES).describe('what the email is for'),
    subject: z.string().describe('subject line'),
    body: z.string().describe('the email text, greeting to signature'),
    approach: z.object({ id: z.string().describe('approach id'), label: z.string().describe('what it does') }).nullable().describe('objection_response: the answer chosen (best record in the store)'),
    instructions: z.string().nullable().describe('the caller\'s extra wishes, for the model path'),
  }),
  annotations: { title: 'Draft email', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const p = await prepareDraft(ctx, input, input.tone);
    const objection = input.purpose === 'objection_response' ? p.book.objections[0] : undefined;
    const approach = objection ? (await bestApproach(ctx, objection.type)).approach : undefined;
    const draft = composeEmail({
      purpose: input.purpose, book: p.book, voice: p.voice, ledger: p.ledger, now: ctx.now,
      preferredHour: p.context.person.lead.preferredContactHour, objection, approach,
    });
    return {
      ...draftCommonOf(p, `${draft.subject}\n${draft.body}`),
      purpose: input.purpose,
      subject: draft.subject,
      body: draft.body,
      approach: approach ? { id: approach.id, label: approach.label } : null,
      instructions: input.instructions ?? null,
    };
  },
});
