import type { Copilot, CopilotActor } from '../../graph/copilot.ts';
import type { Actor } from '../../tools/core/context.ts';
import { formatPreview, renderTurn, type Printer, type RenderedTurn } from './chat-render.ts';

// The terminal conversation, independent of stdin: ask, render the turn, settle its approvals (y / n / e).

export interface LineSource {
  /** the next line after showing the prompt; null once input ends */
  ask(prompt: string): Promise<string | null>;
}

export interface ChatLoopOptions {
  copilot: Pick<Copilot, 'send' | 'decide'>;
  actor: Actor & Partial<Pick<CopilotActor, 'name' | 'email'>>;
  lines: LineSource;
  out: Printer;
}

async function settleApprovals(options: ChatLoopOptions, turn: RenderedTurn): Promise<void> {
  const { copilot, actor, lines, out } = options;
  const queue = [...turn.approvals];
  while (queue.length > 0) {
    const approval = queue.shift()!;
    out.write(`\n  Approval needed: ${approval.tool} ${JSON.stringify(approval.input)}\n  It would change:\n${formatPreview(approval.preview)}\n`);
    const answer = (await lines.ask('  Approve? [y]es / [n]o / [e]dit: '))?.trim().toLowerCase();
    if (answer === undefined) return;
    let decision: 'approve' | 'reject' | 'edit' = answer.startsWith('y') ? 'approve' : answer.startsWith('e') ? 'edit' : 'reject';
    let input: Record<string, unknown> | undefined;
    if (decision === 'edit') {
      const raw = await lines.ask('  Fields to change, as JSON (e.g. {"stage":"contacted"}): ');
      try {
        input = JSON.parse(raw ?? '') as Record<string, unknown>;
      } catch {
        out.write('  That is not JSON; rejecting instead.\n');
        decision = 'reject';
      }
    }
    const next = await renderTurn(copilot.decide({ actor, approvalId: approval.approvalId, decision, ...(input ? { input } : {}) }), out);
    queue.push(...next.approvals);
  }
}

/** Runs until an empty line, /quit or the end of input. */
export async function runChatLoop(options: ChatLoopOptions): Promise<void> {
  let threadId: string | undefined;
  for (;;) {
    const line = await options.lines.ask('you> ');
    if (line === null || line.trim() === '' || line.trim() === '/quit') return;
    const turn = await renderTurn(options.copilot.send({ ...(threadId ? { threadId } : {}), message: line, actor: options.actor }), options.out);
    threadId = turn.threadId ?? threadId;
    await settleApprovals(options, turn);
  }
}
