import type { ServerContext } from '@modelcontextprotocol/server';
import type { Logger } from '../../core/logger.ts';
import type { ToolListing } from '../../tools/registry.ts';

// Asking the person behind an MCP client whether a write may happen, by elicitation (a form the client shows),
// with the write's dry-run preview in the message. Only an explicit "yes" approves: a decline, a cancel or an
// unticked box rejects; no answer at all (an error, a timeout) leaves the action pending.

export type ApprovalAnswer = 'approve' | 'reject' | 'unanswered';

const PREVIEW_CHARS = 2000;
/** a person reads the form: give them time, but not forever */
const ELICIT_TIMEOUT_MS = 10 * 60_000;

export function approvalMessage(tool: ToolListing, input: Record<string, unknown>, preview: unknown): string {
  const shown = JSON.stringify(preview, null, 2);
  return [
    `${tool.title} (${tool.name}) wants to change data.`,
    `Input: ${JSON.stringify(input)}`,
    `Preview (dry run, nothing changed yet):`,
    shown.length > PREVIEW_CHARS ? `${shown.slice(0, PREVIEW_CHARS)}\n...` : shown,
  ].join('\n');
}

export async function askApproval(ctx: ServerContext, tool: ToolListing, input: Record<string, unknown>, preview: unknown, log?: Logger): Promise<ApprovalAnswer> {
  try {
    const answer = await ctx.mcpReq.elicitInput(
      {
        mode: 'form',
        message: approvalMessage(tool, input, preview),
        requestedSchema: {
          type: 'object',
          properties: { approve: { type: 'boolean', title: 'Carry out this change', description: 'tick to approve; leave unticked to reject', default: false } },
          required: ['approve'],
        },
      },
      { timeout: ELICIT_TIMEOUT_MS },
    );
    return answer.action === 'accept' && answer.content?.approve === true ? 'approve' : 'reject';
  } catch (error) {
    // the client could not ask (or never answered): the action stays pending for confirm_action
    log?.warn({ err: error, tool: tool.name }, 'elicitation failed; the action stays pending');
    return 'unanswered';
  }
}
