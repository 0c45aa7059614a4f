import { unsupportedClaims } from '../facts/check.ts';
import { accepted, isDraftCommon, rejected, unfenced, type DraftCommon, type DraftRewriter } from './types.ts';

// draft_email's model path (prompts/draft_email.md): the reply is "subject line, blank line, body".

export interface EmailDraft extends DraftCommon {
  purpose: string;
  subject: string;
  body: string;
  instructions: string | null;
}

/** "Subject line\n\nBody..." -> its parts; undefined when the reply has no body */
export function parseEmailReply(text: string): { subject: string; body: string } | undefined {
  const [first, ...rest] = unfenced(text).split('\n');
  const subject = (first ?? '').replace(/^subject:\s*/i, '').trim();
  const body = rest.join('\n').trim();
  return subject && body ? { subject, body } : undefined;
}

export const emailRewriter: DraftRewriter<EmailDraft> = {
  prompt: 'draft_email',
  read: (data) => (isDraftCommon(data) && typeof (data as EmailDraft).subject === 'string' && typeof (data as EmailDraft).body === 'string' ? (data as EmailDraft) : undefined),
  message: (d) => JSON.stringify({ purpose: d.purpose, tone: d.tone, facts: d.facts, draft: { subject: d.subject, body: d.body }, instructions: d.instructions }),
  apply(draft, reply) {
    const parsed = parseEmailReply(reply);
    if (!parsed) return { ...draft, modelRewrite: rejected('the model\'s reply had no subject and body') };
    const unsupported = unsupportedClaims(`${parsed.subject}\n${parsed.body}`, draft.facts);
    if (unsupported.length > 0) return { ...draft, modelRewrite: rejected('it stated facts the record does not hold', unsupported) };
    return { ...draft, subject: parsed.subject, body: parsed.body, composedBy: 'model', unsupported: [], modelRewrite: accepted };
  },
};
