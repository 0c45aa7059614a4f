import type { CopilotModel } from '../agents/models/types.ts';
import type { Logger } from '../core/logger.ts';
import { unsupportedClaims } from '../tools/communication/facts/check.ts';
import type { Fact } from '../tools/communication/facts/fact.ts';
import type { ToolResult } from '../tools/registry.ts';

// With a language model configured, draft_email's record-composed draft is rewritten by the model from the
// same facts (prompts/draft_email.md), then checked: a rewrite that states a number, date or name the facts
// do not hold is rejected and the record's draft stands, with the claims that failed. The local model has
// no writeText: its drafts are the tool's own.

interface EmailDraft {
  purpose: string;
  subject: string;
  body: string;
  tone: unknown;
  facts: Fact[];
  instructions: string | null;
  composedBy: string;
}

const REWRITTEN_TOOLS = new Set(['draft_email']);

function isEmailDraft(data: unknown): data is EmailDraft {
  const d = data as Partial<EmailDraft> | null;
  return typeof d === 'object' && d !== null && typeof d.subject === 'string' && typeof d.body === 'string' && Array.isArray(d.facts);
}

/** "Subject line\n\nBody..." -> its parts; undefined when the reply has no body */
export function parseDraftReply(text: string): { subject: string; body: string } | undefined {
  const cleaned = text.replace(/^```[a-z]*\n?|\n?```$/g, '').trim();
  const [first, ...rest] = cleaned.split('\n');
  const subject = (first ?? '').replace(/^subject:\s*/i, '').trim();
  const body = rest.join('\n').trim();
  return subject && body ? { subject, body } : undefined;
}

export async function rewriteDraft(model: CopilotModel, system: string, tool: string, result: ToolResult, log?: Logger, signal?: AbortSignal): Promise<ToolResult> {
  if (!model.writeText || !REWRITTEN_TOOLS.has(tool) || !result.ok || !isEmailDraft(result.data)) return result;
  const draft = result.data;
  // the facts and the draft go as data in one message; the prompt is static (prompts/draft_email.md)
  const message = JSON.stringify({ purpose: draft.purpose, tone: draft.tone, facts: draft.facts, draft: { subject: draft.subject, body: draft.body }, instructions: draft.instructions });
  let reply: string;
  try {
    reply = await model.writeText({ system, message, ...(signal ? { signal } : {}) });
  } catch (error) {
    // the record's draft is a complete answer: a provider failure costs the polish, not the draft
    log?.warn({ err: error, tool }, 'the model could not rewrite the draft; the record draft stands');
    return { ok: true, data: { ...draft, modelRewrite: { accepted: false, reason: 'the model did not answer', unsupported: [] } } };
  }
  const parsed = parseDraftReply(reply);
  if (!parsed) return { ok: true, data: { ...draft, modelRewrite: { accepted: false, reason: 'the model\'s reply had no subject and body', unsupported: [] } } };
  const unsupported = unsupportedClaims(`${parsed.subject}\n${parsed.body}`, draft.facts);
  if (unsupported.length > 0) {
    return { ok: true, data: { ...draft, modelRewrite: { accepted: false, reason: 'it stated facts the record does not hold', unsupported } } };
  }
  return { ok: true, data: { ...draft, subject: parsed.subject, body: parsed.body, composedBy: 'model', unsupported: [], modelRewrite: { accepted: true, reason: null, unsupported: [] } } };
}
