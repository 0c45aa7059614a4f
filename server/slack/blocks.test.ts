import { describe, expect, it } from 'vitest';
import { answerLines, answerMessage, approvalMessage, parseButtonValue, recordUrl, toMrkdwn } from './blocks.ts';

describe('Slack Block Kit rendering', () => {
  it('turns Markdown into mrkdwn, escaping Slack’s markup characters', () => {
    expect(toMrkdwn('## Pipeline\n**Acme** <b> & [open](https://x.test/a?b=1)\n- one\n* two')).toBe(
      '*Pipeline*\n*Acme* &lt;b&gt; &amp; <https://x.test/a?b=1|open>\n• one\n• two',
    );
  });

  it('reads a Markdown table as one line per row, headers beside the values', () => {
    const table = 'Top deals:\n| Deal | Stage | Amount |\n| --- | :--- | ---: |\n| Acme renewal | negotiation | $120,000 |\n| Globex | proposal | $8,500 |\nThat is all.';
    expect(answerLines(table)).toEqual(['Top deals:', '*Acme renewal* — Stage: negotiation · Amount: $120,000', '*Globex* — Stage: proposal · Amount: $8,500', 'That is all.']);
  });

  it('links deal and lead citations to the web page’s record view, once each; others as text', () => {
    expect(recordUrl('https://crm.example.com/', { kind: 'opportunity', id: 'o1' })).toBe('https://crm.example.com/#/deals/o1');
    expect(recordUrl('https://crm.example.com', { kind: 'lead', id: 'l 1' })).toBe('https://crm.example.com/#/leads/l%201');
    expect(recordUrl('https://crm.example.com', { kind: 'interaction', id: 'i1' })).toBeUndefined();
    const message = answerMessage('ok', [
      { kind: 'opportunity', id: 'o1', label: 'Acme <renewal>' },
      { kind: 'opportunity', id: 'o1', label: 'Acme <renewal>' },
      { kind: 'interaction', id: 'abcdef123456' },
    ], 'https://crm.example.com');
    expect(message.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Sources: <https://crm.example.com/#/deals/o1|Acme &lt;renewal&gt;>' },
        { type: 'mrkdwn', text: 'interaction abcdef12' },
      ],
    });
  });

  it('keeps a long answer within Slack’s limits: sections under 3,000 characters, at most 50 blocks', () => {
    const long = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(400)}`).join('\n');
    const { blocks, text } = answerMessage(long, [], 'https://crm.example.com');
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(3000);
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '_The answer was cut: ask for less at once._' }] });
    expect(text.length).toBe(3000);
  });

  it('carries the approval and the asker in the buttons, and refuses a malformed value', () => {
    const message = approvalMessage({ approvalId: 'a-1', tool: 'lead_set_stage', input: { lead: 'Dana' }, preview: { from: 'new', to: 'qualified' } }, 'U1');
    const actions = message.blocks[1] as { type: string; elements: { value: string; action_id: string }[] };
    expect(actions.type).toBe('actions');
    expect(parseButtonValue(actions.elements[0]!.value)).toEqual({ approvalId: 'a-1', askedBy: 'U1' });
    expect(parseButtonValue('{"approvalId":1}')).toBeUndefined();
    expect(parseButtonValue('not json')).toBeUndefined();
  });
});
