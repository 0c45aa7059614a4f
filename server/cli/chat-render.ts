import type { CopilotEvent } from '../../graph/events.ts';

// How the terminal shows a turn: progress lines for agents and tools, the answer as it streams, and the
// approvals the turn waits for (asked about after the stream ends).

export interface Printer {
  write(text: string): void;
}

const short = (value: unknown, limit = 120) => {
  const text = JSON.stringify(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
};

export interface RenderedTurn {
  threadId: string | undefined;
  approvals: Extract<CopilotEvent, { type: 'approval_required' }>[];
}

export async function renderTurn(events: AsyncIterable<CopilotEvent>, out: Printer): Promise<RenderedTurn> {
  const turn: RenderedTurn = { threadId: undefined, approvals: [] };
  let streamed = '';
  for await (const event of events) {
    switch (event.type) {
      case 'thread':
        turn.threadId = event.threadId;
        break;
      case 'agent':
        out.write(`  [${event.agent}] ${event.request}\n`);
        break;
      case 'tool_start':
        out.write(`    → ${event.name} ${short(event.input)}\n`);
        break;
      case 'tool_end':
        out.write(event.ok ? `    ✓ ${event.name}\n` : `    ✗ ${event.name}: ${event.error?.code ?? 'error'} ${event.error?.message ?? ''}\n`);
        break;
      case 'token':
        if (!streamed) out.write('\n');
        streamed += event.text;
        out.write(event.text);
        break;
      case 'approval_required':
        turn.approvals.push(event);
        break;
      case 'answer':
        // streamed tokens are provisional (an answer check may repair them): the answer event is what counts,
        // shown again only when it differs from what was streamed
        if (!streamed) out.write(`\n${event.text}\n`);
        else if (streamed.trim() !== event.text.trim()) out.write(`\n\n(checked and corrected:)\n${event.text}\n`);
        else out.write('\n');
        for (const citation of event.citations.slice(0, 5)) out.write(`  [${citation.kind}] ${citation.label ?? citation.id}${citation.quote ? `: "${citation.quote}"` : ''}\n`);
        out.write('\n');
        break;
      case 'error':
        out.write(`\n! ${event.message}\n\n`);
        break;
    }
  }
  return turn;
}

/** A preview the user can read in a terminal: the dry run's fields, one per line. */
export function formatPreview(preview: unknown): string {
  if (preview === null || typeof preview !== 'object') return `    ${String(preview)}`;
  return Object.entries(preview as Record<string, unknown>)
    .map(([key, value]) => `    ${key}: ${typeof value === 'object' && value !== null ? short(value, 200) : String(value)}`)
    .join('\n');
}
