import { unsupportedClaims } from '../facts/check.ts';
import { fitToChannel, plainPunctuation, type FittedText } from '../drafting/short-message.ts';
import { accepted, isDraftCommon, rejected, unfenced, type DraftCommon, type DraftRewriter } from './types.ts';

// draft_message's model path (prompts/draft_message.md): the reply is the message text alone. The fact
// check reads all of it; then the channel limit is applied again, so a rewrite that runs long is cut at a
// word and says so (truncated, originalLength), exactly as the record's draft would be.

export interface MessageDraft extends DraftCommon, FittedText {
  channel: 'sms' | 'whatsapp';
  purpose: string;
}

/**
 * a model's text made fit for the channel before it is measured: curly quotes or an ellipsis character
 * would make an SMS UCS-2 (70 characters), so they go plain; an SMS is one paragraph (WhatsApp keeps its
 * line breaks)
 */
export function channelText(text: string, channel: 'sms' | 'whatsapp'): string {
  const plain = plainPunctuation(text);
  return (channel === 'sms' ? plain.replace(/\s*\n\s*/g, ' ') : plain).trim();
}

export const messageRewriter: DraftRewriter<MessageDraft> = {
  prompt: 'draft_message',
  read: (data) => {
    const d = data as MessageDraft;
    return isDraftCommon(data) && (d.channel === 'sms' || d.channel === 'whatsapp') && typeof d.text === 'string' ? d : undefined;
  },
  message: (d) =>
    JSON.stringify({
      channel: d.channel,
      // the limit the text is cut to; SMS counts GSM-7 characters and any other character halves it
      limit: d.channel === 'sms' ? { characters: 160, ifNotGsm7: 70 } : { characters: d.limit },
      purpose: d.purpose,
      tone: d.tone,
      facts: d.facts,
      draft: { text: d.text },
    }),
  apply(draft, reply) {
    const text = channelText(unfenced(reply), draft.channel);
    if (text === '') return { ...draft, modelRewrite: rejected('the model\'s reply was empty') };
    const unsupported = unsupportedClaims(text, draft.facts);
    if (unsupported.length > 0) return { ...draft, modelRewrite: rejected('it stated facts the record does not hold', unsupported) };
    return { ...draft, ...fitToChannel(text, draft.channel), composedBy: 'model', unsupported: [], modelRewrite: accepted };
  },
};
