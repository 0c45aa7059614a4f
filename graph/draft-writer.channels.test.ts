import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CopilotModel } from '../agents/models/types.ts';
import type { Store } from '../db/client.ts';
import { loadPrompt } from '../prompts/index.ts';
import { createCommsFixture, type CommsFixture } from '../test/helpers/comms.ts';
import { createTestStore } from '../test/helpers/db.ts';
import { ORG_NOW } from '../test/helpers/org.ts';
import { call } from '../test/helpers/tools.ts';
import type { ModelRewrite } from '../tools/communication/rewrite/types.ts';
import type { ToolResult } from '../tools/registry.ts';
import { rewriteDraft } from './draft-writer.ts';

// The model path of draft_message and draft_sequence on real tool output (the communication fixture:
// Dana Ruiz, formal, has a phone and an open question "Could the contract start on July 1 instead?"),
// with a scripted writeText in place of a provider: what the model is sent, which rewrites are kept,
// which are rejected, and that channel limits and timing hold after a rewrite.

interface Message { text: string; length: number; limit: number; encoding: string; truncated: boolean; originalLength: number; composedBy: string; modelRewrite: ModelRewrite }
interface Step { step: number; channel: string; businessDay: number; date: string; purpose: string; subject: string | null; text: string }
interface Sequence { steps: Step[]; composedBy: string; modelRewrite: ModelRewrite }

function scripted(reply: string | ((message: string) => string), seen: { system?: string; message?: string } = {}): CopilotModel {
  return {
    id: 'openai:scripted',
    route: async () => ({ kind: 'decline', text: '' }),
    agentStep: async () => ({ kind: 'answer', text: '' }),
    writeText: async ({ system, message }) => {
      seen.system = system;
      seen.message = message;
      return typeof reply === 'string' ? reply : reply(message);
    },
  };
}

const data = <T>(r: ToolResult) => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
};

describe('the model path of draft_message and draft_sequence', () => {
  let store: Store;
  let f: CommsFixture;
  let sms: ToolResult;
  let sequence: ToolResult;

  beforeAll(async () => {
    store = await createTestStore();
    f = await createCommsFixture(store.db);
    sms = await call(store.db, f.org.users.repAnna, 'draft_message', { lead: 'Dana Ruiz', channel: 'sms' }, ORG_NOW);
    // six touches: email, call, email, sms, email, email (Dana has a phone, no preferred channel)
    sequence = await call(store.db, f.org.users.repAnna, 'draft_sequence', { lead: 'Dana Ruiz', steps: 6 }, ORG_NOW);
  });
  afterAll(() => store.close());

  it('has a static prompt for each, with no interpolation', () => {
    for (const name of ['draft_message', 'draft_sequence']) {
      expect(loadPrompt(name).length, name).toBeGreaterThan(500);
      expect(loadPrompt(name), name).not.toContain('${');
    }
  });

  it('draft_message: keeps a faithful rewrite, sending the prompt and the facts and draft as data', async () => {
    const seen: { system?: string; message?: string } = {};
    const reply = 'Hello Dana Ruiz, this is Anna. You asked: Could the contract start on July 1 instead? I will call you with the answer.';
    const out = data<Message>(await rewriteDraft(scripted(reply, seen), loadPrompt, 'draft_message', sms));
    expect(out).toMatchObject({ text: reply, composedBy: 'model', truncated: false, length: reply.length, limit: 160, encoding: 'GSM-7', modelRewrite: { accepted: true, unsupported: [] } });
    expect(seen.system).toBe(loadPrompt('draft_message'));
    expect(JSON.parse(seen.message!)).toMatchObject({ channel: 'sms', limit: { characters: 160, ifNotGsm7: 70 }, facts: [{ fact: 'Dana Ruiz' }, { fact: 'Anna' }, { fact: 'Could the contract start on July 1 instead?' }], draft: { text: data<Message>(sms).text } });
  });

  it('draft_message: rejects a rewrite inventing a number, a date or a name; the record\'s text stands', async () => {
    const record = data<Message>(sms);
    const out = data<Message>(await rewriteDraft(scripted('Hello Dana Ruiz, Marcus can take 15% off if you sign by Friday.'), loadPrompt, 'draft_message', sms));
    expect(out).toMatchObject({ text: record.text, composedBy: 'record', length: record.length, modelRewrite: { accepted: false, reason: 'it stated facts the record does not hold' } });
    expect(out.modelRewrite.unsupported).toEqual([{ kind: 'date', text: 'Friday' }, { kind: 'number', text: '15%' }, { kind: 'name', text: 'Marcus' }]);
  });

  it('draft_message: the SMS limit holds after a rewrite, and the cut is said', async () => {
    // 3 x 61 = 183 characters of faithful text, with typographic quotes that would make it UCS-2 (70)
    const long = 'Hello Dana Ruiz, Anna here about “Could the contract start on July 1 instead?” '.repeat(3).trim();
    const out = data<Message>(await rewriteDraft(scripted(long), loadPrompt, 'draft_message', sms));
    expect(out).toMatchObject({ composedBy: 'model', truncated: true, limit: 160, encoding: 'GSM-7', modelRewrite: { accepted: true } });
    expect(out.length).toBeLessThanOrEqual(160);
    expect([...out.text].length).toBe(out.length);
    expect(out.originalLength).toBe([...long].length);
    expect(out.text.endsWith('...')).toBe(true);
    expect(out.text).not.toMatch(/[“”]/);
    // an SMS is one paragraph: line breaks from the model become spaces
    const lines = data<Message>(await rewriteDraft(scripted('Hello Dana Ruiz,\nAnna here.'), loadPrompt, 'draft_message', sms));
    expect(lines.text).toBe('Hello Dana Ruiz, Anna here.');
  });

  it('draft_sequence: rewrites every step\'s text and leaves channel, purpose and timing as they were', async () => {
    const record = data<Sequence>(sequence);
    expect(record.steps.map((s) => s.channel)).toEqual(['email', 'call', 'email', 'sms', 'email', 'email']);
    const seen: { system?: string; message?: string } = {};
    // a faithful rewrite: each step re-worded from the record's facts only (the SMS step too long: cut)
    const reply = (message: string) => {
      const sent = JSON.parse(message) as { steps: { step: number; channel: string; subject: string | null }[] };
      return JSON.stringify({
        steps: sent.steps.map((s) => ({
          step: s.step,
          subject: s.channel === 'email' ? 'Acme rollout: a note for Dana' : null,
          text: s.channel === 'sms' ? `Hello Dana Ruiz, Anna here. ${'On the Acme rollout: the next step is to send the security questionnaire. '.repeat(3)}` : `Dear Dana Ruiz,\n\nOn the Acme rollout, the next step on our side is to send the security questionnaire.\n\nKind regards,\nAnna Rep`,
        })),
      });
    };
    const out = data<Sequence>(await rewriteDraft(scripted(reply, seen), loadPrompt, 'draft_sequence', sequence));
    expect(out.composedBy).toBe('model');
    expect(out.modelRewrite).toMatchObject({ accepted: true, unsupported: [], cut: [4] });
    const timing = (s: Step) => [s.step, s.channel, s.purpose, s.businessDay, s.date];
    expect(out.steps.map(timing)).toEqual(record.steps.map(timing));
    expect(out.steps[0]).toMatchObject({ subject: 'Acme rollout: a note for Dana', text: expect.stringContaining('security questionnaire') });
    expect(out.steps[1]?.subject).toBeNull();
    expect(out.steps[3]!.text.length).toBeLessThanOrEqual(160);
    // the model saw every step's wording, not its dates
    const sent = JSON.parse(seen.message!) as { steps: Record<string, unknown>[] };
    expect(sent.steps).toHaveLength(6);
    expect(sent.steps.every((s) => !('date' in s) && !('businessDay' in s))).toBe(true);
    expect(seen.system).toBe(loadPrompt('draft_sequence'));
  });

  it('draft_sequence: one step inventing a fact rejects the whole rewrite, naming the step; a reply missing a step is rejected too', async () => {
    const record = data<Sequence>(sequence);
    const steps = record.steps.map((s) => ({ step: s.step, subject: s.subject, text: s.text }));
    steps[2] = { ...steps[2]!, text: 'Dear Dana Ruiz,\n\nWe closed a 40% saving for Globex on March 3.\n\nKind regards,\nAnna Rep' };
    const out = data<Sequence>(await rewriteDraft(scripted(JSON.stringify({ steps })), loadPrompt, 'draft_sequence', sequence));
    expect(out).toMatchObject({ composedBy: 'record', steps: record.steps, modelRewrite: { accepted: false, reason: 'it stated facts the record does not hold' } });
    expect(out.modelRewrite.unsupported).toEqual([
      { kind: 'date', text: 'March 3', step: 3 },
      { kind: 'number', text: '40%', step: 3 },
      { kind: 'name', text: 'Globex', step: 3 },
    ]);
    const missing = data<Sequence>(await rewriteDraft(scripted(JSON.stringify({ steps: steps.slice(0, 5) })), loadPrompt, 'draft_sequence', sequence));
    expect(missing).toMatchObject({ steps: record.steps, modelRewrite: { accepted: false, reason: 'the model\'s reply left out step 6' } });
    const prose = data<Sequence>(await rewriteDraft(scripted('Here is your sequence!'), loadPrompt, 'draft_sequence', sequence));
    expect(prose.modelRewrite).toMatchObject({ accepted: false, reason: 'the model\'s reply was not JSON' });
  });
});
