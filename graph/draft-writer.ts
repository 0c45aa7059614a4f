import type { CopilotModel } from '../agents/models/types.ts';
import type { Logger } from '../core/logger.ts';
import { emailRewriter, parseEmailReply } from '../tools/communication/rewrite/email.ts';
import { messageRewriter } from '../tools/communication/rewrite/message.ts';
import { sequenceRewriter } from '../tools/communication/rewrite/sequence.ts';
import { rejected, type DraftCommon, type DraftRewriter } from '../tools/communication/rewrite/types.ts';
import type { ToolResult } from '../tools/registry.ts';

// With a language model configured, the record-composed drafts of draft_email, draft_message and
// draft_sequence are rewritten by the model from the same facts (prompts/<tool>.md), then checked: a
// rewrite that states a number, date or name the facts do not hold is rejected and the record's draft
// stands, with the claims that failed. What each tool's reply looks like and how it is applied (channel
// limits, untouched timing) lives in tools/communication/rewrite/. The local model has no writeText: its
// drafts are the tool's own.

/** a tool's draft ready for the model: its prompt, the data message, and how a reply is applied */
interface Bound {
  prompt: string;
  message: string;
  draft: DraftCommon;
  apply(reply: string): DraftCommon;
}

const bind =
  <D extends DraftCommon>(r: DraftRewriter<D>) =>
  (data: unknown): Bound | undefined => {
    const draft = r.read(data);
    return draft && { prompt: r.prompt, message: r.message(draft), draft, apply: (reply) => r.apply(draft, reply) };
  };

const REWRITERS: Record<string, (data: unknown) => Bound | undefined> = {
  draft_email: bind(emailRewriter),
  draft_message: bind(messageRewriter),
  draft_sequence: bind(sequenceRewriter),
};

/** the tools whose drafts the model rewrites */
export const REWRITTEN_TOOLS = Object.keys(REWRITERS);

/** "Subject line\n\nBody..." -> its parts; undefined when the reply has no body */
export const parseDraftReply = parseEmailReply;

/**
 * `prompt` reads a prompt by name (prompts/index.ts loadPrompt, or the graph's deps.prompt); each tool's
 * prompt is prompts/<tool>.md.
 */
export async function rewriteDraft(model: CopilotModel, prompt: (name: string) => string, tool: string, result: ToolResult, log?: Logger, signal?: AbortSignal): Promise<ToolResult> {
  const bindDraft = REWRITERS[tool];
  if (!model.writeText || !bindDraft || !result.ok) return result;
  const bound = bindDraft(result.data);
  if (!bound) return result;
  let reply: string;
  try {
    // the facts and the draft go as data in one message; the prompt is static
    reply = await model.writeText({ system: prompt(bound.prompt), message: bound.message, ...(signal ? { signal } : {}) });
  } catch (error) {
    // the record's draft is a complete answer: a provider failure costs the polish, not the draft
    log?.warn({ err: error, tool }, 'the model could not rewrite the draft; the record draft stands');
    return { ok: true, data: { ...bound.draft, modelRewrite: rejected('the model did not answer') } };
  }
  return { ok: true, data: bound.apply(reply) };
}
