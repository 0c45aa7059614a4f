import { z } from 'zod';
import { ToolMiss } from '../core/errors.ts';
import { defineTool } from '../registry.ts';

// The whole copilot as one tool, for MCP clients and HTTP callers: a question in, the copilot's answer out,
// with the thread id to continue the conversation. Surface-only: the copilot's own agents never call it.

const approvalOut = z.object({
  actionId: z.string().describe('the approval id: pass it to confirm_action once the person agrees'),
  tool: z.string().describe('the write the copilot proposes'),
  input: z.record(z.string(), z.unknown()).describe('the proposed input'),
  preview: z.unknown().describe('what the write would change (its dry run)'),
});

export const askCopilot = defineTool({
  name: 'ask_copilot',
  description:
    'Ask the Dealwise sales copilot a question in plain language (pipeline, deals, leads, forecasts, drafts). It picks its own agents and tools and answers with the numbers it used. Pass threadId to continue a conversation. Changes it proposes are not made: they come back as actions for confirm_action.',
  input: z.object({
    message: z.string().trim().min(1, 'say what you want to know').max(4000).describe('the question or request, in plain language'),
    threadId: z.string().min(1).max(200).optional().describe('the threadId of an earlier answer, to continue that conversation'),
  }),
  output: z.object({
    threadId: z.string().describe('pass it back to continue this conversation'),
    answer: z.string().describe('the copilot\'s answer'),
    agents: z.array(z.string()).describe('the copilot agents that worked on it, in order'),
    pendingActions: z.array(approvalOut).describe('changes the copilot proposes, each waiting for confirm_action'),
  }),
  annotations: { title: 'Ask the copilot', readOnlyHint: true, openWorldHint: true, idempotentHint: false },
  minRole: 'rep',
  surfaceOnly: true,
  async execute(input, ctx) {
    if (!ctx.copilot) {
      throw new ToolMiss({ code: 'unavailable:copilot', message: 'The copilot is not available on this surface', hint: 'use POST /v1/chat, or call ask_copilot over MCP' });
    }
    const turn = await ctx.copilot.ask({ message: input.message, actor: ctx.actor, ...(input.threadId ? { threadId: input.threadId } : {}) });
    if (turn.error) throw new ToolMiss({ code: turn.error.code, message: turn.error.message, hint: 'rephrase, or try again' });
    return {
      threadId: turn.threadId,
      answer: turn.answer,
      agents: turn.agents,
      pendingActions: turn.approvals.map((a) => ({ actionId: a.approvalId, tool: a.tool, input: a.input, preview: a.preview })),
    };
  },
});
