import { describe, expect, it } from 'vitest';
import type { CopilotModel } from '../agents/models/types.ts';
import type { ToolResult } from '../tools/registry.ts';
import { parseDraftReply, rewriteDraft } from './draft-writer.ts';

// The model path of draft_email: the rewrite is kept only when every number, date and name it states is in
// the facts the record gave; otherwise the record's draft stands and the failed claims are reported.

const facts = [
  { key: 'lead.name', fact: 'Dana Ruiz', source: { kind: 'lead' as const, id: 'l1', field: 'fullName' } },
  { key: 'deal.value', fact: '$48,000', source: { kind: 'opportunity' as const, id: 'o1', field: 'valueMinor' } },
  { key: 'interaction.question', fact: 'asked whether the pilot can start in July', source: { kind: 'interaction' as const, id: 'i1', quote: 'Can the pilot start in July?' } },
];
const recordDraft: ToolResult = {
  ok: true,
  data: { purpose: 'follow_up', subject: 'Your pilot', body: 'Hi Dana Ruiz,\n\nFollowing up on the pilot.\n\nCheers,\nAnna', tone: { formality: 'casual' }, facts, instructions: null, composedBy: 'record', unsupported: [] },
};

function modelAnswering(reply: string | Error, seen: { system?: string; message?: string } = {}): CopilotModel {
  return {
    id: 'openai:test',
    route: async () => ({ kind: 'decline', text: '' }),
    agentStep: async () => ({ kind: 'answer', text: '' }),
    writeText: async ({ system, message }) => {
      seen.system = system;
      seen.message = message;
      if (reply instanceof Error) throw reply;
      return reply;
    },
  };
}

const P = () => 'P';

describe('rewriteDraft', () => {
  it('keeps a rewrite that states only the record\'s facts, and sends the facts and draft as data', async () => {
    const seen: { system?: string; message?: string } = {};
    const asked: string[] = [];
    const prompt = (name: string) => (asked.push(name), 'PROMPT');
    const out = await rewriteDraft(modelAnswering('Starting your pilot in July\n\nHi Dana,\n\nYou asked whether the pilot can start in July: yes, and the $48,000 plan covers it.\n\nCheers,\nAnna', seen), prompt, 'draft_email', recordDraft);
    expect(asked).toEqual(['draft_email']);
    expect(out).toMatchObject({ ok: true, data: { subject: 'Starting your pilot in July', composedBy: 'model', modelRewrite: { accepted: true } } });
    expect(seen.system).toBe('PROMPT');
    expect(JSON.parse(seen.message!)).toMatchObject({ purpose: 'follow_up', facts: [{ fact: 'Dana Ruiz' }, { fact: '$48,000' }, { key: 'interaction.question' }], draft: { subject: 'Your pilot' } });
  });

  it('rejects a rewrite that invents a figure, a date or a name, and keeps the record\'s draft', async () => {
    const out = await rewriteDraft(modelAnswering('Your pilot\n\nHi Dana,\n\nWe can offer 20% off by Friday, and Marcus from our team will call.\n\nCheers,\nAnna'), P, 'draft_email', recordDraft);
    expect(out.ok && (out.data as { subject: string }).subject).toBe('Your pilot');
    expect(out.ok && (out.data as { composedBy: string }).composedBy).toBe('record');
    const rewrite = out.ok ? (out.data as { modelRewrite: { accepted: boolean; unsupported: { kind: string; text: string }[] } }).modelRewrite : undefined;
    expect(rewrite?.accepted).toBe(false);
    expect(rewrite?.unsupported.map((c) => c.kind).sort()).toEqual(['date', 'name', 'number']);
  });

  it('leaves the draft alone when the provider fails, for other tools, and for a model without writeText', async () => {
    const failed = await rewriteDraft(modelAnswering(new Error('429')), P, 'draft_email', recordDraft);
    expect(failed).toMatchObject({ ok: true, data: { subject: 'Your pilot', modelRewrite: { accepted: false } } });
    expect(await rewriteDraft(modelAnswering('x\n\ny'), P, 'call_script', recordDraft)).toBe(recordDraft);
    // an email-shaped result is not a draft_message one: left alone rather than misread
    expect(await rewriteDraft(modelAnswering('x'), P, 'draft_message', recordDraft)).toBe(recordDraft);
    const local: CopilotModel = { id: 'local', route: async () => ({ kind: 'decline', text: '' }), agentStep: async () => ({ kind: 'answer', text: '' }) };
    expect(await rewriteDraft(local, P, 'draft_email', recordDraft)).toBe(recordDraft);
  });

  it('reads the reply as subject line, blank line, body', () => {
    expect(parseDraftReply('Subject: Hello\n\nBody text')).toEqual({ subject: 'Hello', body: 'Body text' });
    expect(parseDraftReply('only a line')).toBeUndefined();
  });
});
