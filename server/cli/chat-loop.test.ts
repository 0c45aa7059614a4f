import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads } from '../../db/schema/index.ts';
import { createCopilot } from '../../graph/copilot.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { scriptedModel } from '../../test/helpers/scripted-model.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { runChatLoop } from './chat-loop.ts';

// The terminal conversation with scripted input lines: a question, a change answered "e" (edit) then "y".

const model = scriptedModel({
  route: (text) => ({ kind: 'plan', steps: [{ agent: 'lead', request: text }] }),
  step: (request, turn) => {
    if (/move/.test(request.request)) {
      if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `m${request.messages.length}`, name: 'lead_set_stage', input: { lead: 'Dana Kim', stage: 'qualified', reason: 'budget confirmed' } }] };
      const out = JSON.parse(turn.last.content) as { to?: string };
      return { kind: 'answer', text: turn.last.ok ? `Dana is ${out.to} now.` : 'Nothing changed.' };
    }
    if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `s${request.messages.length}`, name: 'lead_search', input: { query: 'dana' } }] };
    return { kind: 'answer', text: 'Dana Kim, at new.' };
  },
});

let runtime: Runtime;
let org: FixtureOrg;
beforeAll(async () => {
  ({ runtime, org } = await createFixtureRuntime());
  await runtime.db.insert(leads).values({ fullName: 'Dana Kim', email: 'dana@acme.com', ownerId: org.users.repAnna.userId, accountId: org.accounts.acme });
});
afterAll(async () => runtime.close());

describe('npm run chat loop', () => {
  it('answers, asks about the approval, takes an edit, then a yes, and stops at an empty line', async () => {
    const input = ['find dana', 'move dana to qualified', 'e', '{"stage":"contacted"}', 'y', ''];
    let text = '';
    const copilot = createCopilot({ model, services: copilotServices(runtime, registry) });
    await runChatLoop({
      copilot,
      actor: org.users.repAnna,
      out: { write: (t) => void (text += t) },
      lines: {
        ask: async (prompt) => {
          const line = input.shift() ?? null;
          text += `${prompt}${line ?? ''}\n`;
          return line;
        },
      },
    });
    expect(text).toContain('Dana Kim, at new.');
    expect(text).toContain('Approval needed: lead_set_stage {"lead":"Dana Kim","stage":"qualified","reason":"budget confirmed"}');
    expect(text).toContain('    to: qualified');
    expect(text).toContain('Approval needed: lead_set_stage {"lead":"Dana Kim","stage":"contacted","reason":"budget confirmed"}');
    expect(text).toContain('Dana is contacted now.');
    const [dana] = await runtime.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.fullName, 'Dana Kim'));
    expect(dana!.stage).toBe('contacted');
    expect(input).toEqual([]);
  });
});
