import type { Citation } from '../agents/models/types.ts';

// What a copilot turn tells its surface, in order: HTTP, the terminal, Slack, Teams, the web page and MCP's
// ask_copilot all render these events.
export type CopilotEvent =
  | { type: 'thread'; threadId: string }
  | { type: 'agent'; agent: string; request: string }
  | { type: 'tool_start'; agent: string; callId: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_end'; agent: string; callId: string; name: string; input: Record<string, unknown>; ok: boolean; error?: { code: string; message: string } }
  | { type: 'token'; agent: string; text: string }
  | { type: 'approval_required'; approvalId: string; agent: string; tool: string; input: Record<string, unknown>; preview: unknown }
  | { type: 'answer'; text: string; citations: Citation[]; agents: string[] }
  | { type: 'error'; code: string; message: string };

/** The payload an approval interrupt carries (and the graph's pending-task values expose). */
export interface ApprovalInterrupt {
  approvalId: string;
  agent: string;
  callId: string;
  tool: string;
  input: Record<string, unknown>;
  preview: unknown;
}

export function isApprovalInterrupt(value: unknown): value is ApprovalInterrupt {
  return typeof value === 'object' && value !== null && typeof (value as ApprovalInterrupt).approvalId === 'string';
}
