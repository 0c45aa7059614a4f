import { z } from 'zod';
import { unsupportedClaims } from '../facts/check.ts';
import { fitToChannel } from '../drafting/short-message.ts';
import { channelText } from './message.ts';
import { accepted, isDraftCommon, rejected, unfenced, type DraftCommon, type DraftRewriter, type ModelRewrite } from './types.ts';

// draft_sequence's model path (prompts/draft_sequence.md): the model rewrites every step's wording and
// nothing else — channel, purpose, business day and date stay the record's. The reply is JSON with one
// entry per step. The sequence is kept or rejected whole: one step stating a fact the record does not
// hold and the record's sequence stands (a sequence reads as one voice, and a writer that invented a fact
// once is not trusted for the other steps). Text steps are cut to their channel's limit again.

interface Step {
  step: number;
  channel: 'email' | 'call' | 'sms' | 'whatsapp';
  businessDay: number;
  date: string;
  purpose: string;
  subject: string | null;
  text: string;
}

export interface SequenceDraft extends DraftCommon {
  timeZone: string;
  steps: Step[];
}

const replySchema = z.object({
  steps: z.array(z.object({ step: z.number().int(), subject: z.string().nullish(), text: z.string().trim().min(1) })),
});

/** the reply's steps by number, or why they cannot be used */
function parseSteps(reply: string, steps: readonly Step[]): Map<number, { subject: string | null; text: string }> | string {
  let json: unknown;
  try {
    json = JSON.parse(unfenced(reply));
  } catch {
    return 'the model\'s reply was not JSON';
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success) return 'the model\'s reply did not have a text for each step';
  const byStep = new Map(parsed.data.steps.map((s) => [s.step, { subject: s.subject?.trim() || null, text: s.text }]));
  for (const s of steps) {
    const r = byStep.get(s.step);
    if (!r) return `the model's reply left out step ${s.step}`;
    if (s.channel === 'email' && !r.subject) return `the model's reply gave step ${s.step} (an email) no subject`;
  }
  return byStep;
}

export const sequenceRewriter: DraftRewriter<SequenceDraft> = {
  prompt: 'draft_sequence',
  read: (data) => (isDraftCommon(data) && Array.isArray((data as SequenceDraft).steps) && typeof (data as SequenceDraft).timeZone === 'string' ? (data as SequenceDraft) : undefined),
  message: (d) =>
    JSON.stringify({
      tone: d.tone,
      facts: d.facts,
      // the timing is fixed and not the model's to restate: only what each touch says
      steps: d.steps.map((s) => ({ step: s.step, channel: s.channel, purpose: s.purpose, subject: s.subject, text: s.text })),
    }),
  apply(draft, reply) {
    const byStep = parseSteps(reply, draft.steps);
    if (typeof byStep === 'string') return { ...draft, modelRewrite: rejected(byStep) };
    const unsupported: ModelRewrite['unsupported'] = [];
    // text steps the channel limit cut after the rewrite, said as draft_message says it
    const cut: number[] = [];
    const steps = draft.steps.map((s) => {
      const r = byStep.get(s.step)!;
      const subject = s.channel === 'email' ? r.subject : null;
      for (const claim of unsupportedClaims(`${subject ?? ''}\n${r.text}`, draft.facts)) unsupported.push({ ...claim, step: s.step });
      if (s.channel === 'email' || s.channel === 'call') return { ...s, subject, text: r.text };
      const fitted = fitToChannel(channelText(r.text, s.channel), s.channel);
      if (fitted.truncated) cut.push(s.step);
      return { ...s, subject, text: fitted.text };
    });
    if (unsupported.length > 0) return { ...draft, modelRewrite: rejected('it stated facts the record does not hold', unsupported) };
    return { ...draft, steps, composedBy: 'model', unsupported: [], modelRewrite: { ...accepted, cut } };
  },
};
