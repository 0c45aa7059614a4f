import { describe, expect, it } from 'vitest';
import type { CopilotEvent } from '../../graph/events.ts';
import { formatPreview, renderTurn } from './chat-render.ts';

async function* events(list: CopilotEvent[]): AsyncGenerator<CopilotEvent> {
  yield* list;
}

describe('renderTurn', () => {
  it('prints progress, the answer once, and hands back the thread and approvals', async () => {
    let text = '';
    const turn = await renderTurn(
      events([
        { type: 'thread', threadId: 't1' },
        { type: 'agent', agent: 'lead', request: 'qualify dana' },
        { type: 'tool_start', agent: 'lead', callId: 'c1', name: 'lead_search', input: { query: 'dana' } },
        { type: 'tool_end', agent: 'lead', callId: 'c1', name: 'lead_search', input: { query: 'dana' }, ok: true },
        { type: 'tool_end', agent: 'lead', callId: 'c2', name: 'lead_get', input: {}, ok: false, error: { code: 'not_found:lead', message: 'No lead' } },
        { type: 'approval_required', approvalId: 'a1', agent: 'lead', tool: 'lead_set_stage', input: { stage: 'qualified' }, preview: { from: 'new', to: 'qualified' } },
        { type: 'answer', text: 'Waiting for your approval.', citations: [{ kind: 'lead', id: 'l1', label: 'Dana Kim' }], agents: ['lead'] },
      ]),
      { write: (t) => void (text += t) },
    );
    expect(turn.threadId).toBe('t1');
    expect(turn.approvals.map((a) => a.approvalId)).toEqual(['a1']);
    expect(text).toBe(
      '  [lead] qualify dana\n    → lead_search {"query":"dana"}\n    ✓ lead_search\n    ✗ lead_get: not_found:lead No lead\n\nWaiting for your approval.\n  [lead] Dana Kim\n\n',
    );
  });

  it('shows a streamed answer once, and the checked answer again only when it differs', async () => {
    const render = async (final: string) => {
      let text = '';
      await renderTurn(
        events([
          { type: 'token', agent: 'analytics', text: 'Won $1,200 ' },
          { type: 'token', agent: 'analytics', text: 'in Q2.' },
          { type: 'answer', text: final, citations: [], agents: ['analytics'] },
        ]),
        { write: (t) => void (text += t) },
      );
      return text;
    };
    expect(await render('Won $1,200 in Q2.')).toBe('\nWon $1,200 in Q2.\n\n');
    expect(await render('Won $1,250 in Q2.')).toBe('\nWon $1,200 in Q2.\n\n(checked and corrected:)\nWon $1,250 in Q2.\n\n');
  });

  it('formats a preview one field a line', () => {
    expect(formatPreview({ from: 'new', to: 'qualified', changes: { stage: 1 } })).toBe('    from: new\n    to: qualified\n    changes: {"stage":1}');
  });
});
