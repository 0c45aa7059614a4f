import { z } from 'zod';

// What the HTTP routes answer, as zod: documentation for the OpenAPI document (bodies are not re-validated
// on the way out).

export const errorShape = z
  .object({
    ok: z.literal(false),
    error: z.object({
      code: z.string().describe('machine-readable, kind:detail, e.g. invalid_input, not_found:lead, busy:chat'),
      message: z.string().describe('what went wrong, for a person'),
      hint: z.string().optional().describe('what to do next'),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('for invalid_input: each bad field'),
    }),
  })
  .describe('every error, from every route');

/** The error statuses any of our routes can answer, each in the shared shape. */
export const errorResponses = {
  400: errorShape.describe('invalid input: the named fields'),
  401: errorShape.describe('no or invalid API key'),
  404: errorShape.describe('not found, or outside what the caller may see'),
  429: errorShape.describe('too many requests or turns at once: see Retry-After'),
  503: errorShape.describe('starting, shutting down or not configured'),
};

const citation = z.object({ kind: z.string(), id: z.string(), label: z.string().optional(), quote: z.string().optional() });

export const turnAnswer = z
  .object({
    ok: z.literal(true),
    threadId: z.string().describe('the conversation; send it back to continue'),
    answer: z.string().describe('the copilot answer (empty when it waits for approvals)'),
    agents: z.array(z.string()).describe('agents that worked on it, in order'),
    toolCalls: z.array(z.object({ agent: z.string(), name: z.string(), input: z.record(z.string(), z.unknown()), ok: z.boolean() })).describe('tools called'),
    citations: z.array(citation).describe('records the answer rests on'),
    approvals: z.array(z.object({ id: z.string(), tool: z.string(), input: z.record(z.string(), z.unknown()), preview: z.unknown() })).describe('changes waiting for a decision'),
  })
  .describe('a whole turn');
