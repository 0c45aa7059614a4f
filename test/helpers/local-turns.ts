import { registry } from '../../tools/index.ts';
import { agents } from '../../agents/index.ts';
import type { AgentStepResult, ChatMessage, EntityDirectory, NamedEntity, ToolSpec, TurnContext } from '../../agents/models/types.ts';
import { createLocalModel } from '../../agents/models/local/index.ts';

// The local model on a hand-made directory, one turn at a time (route, then each step's calls), for the
// model's unit tests: no database, so every expectation can be worked out by hand.

export const NOW = new Date('2026-06-15T12:00:00Z'); // a Monday in 2026-Q2
export const entities: NamedEntity[] = [
  { kind: 'lead', id: 'l1', name: 'Dana Krajcik', aliases: ['dana.krajcik@acme.com', 'Dana'], detail: 'Acme Corporation, qualified' },
  { kind: 'lead', id: 'l2', name: 'Vivien Hills', aliases: ['Vivien'], detail: 'Globex, new' },
  { kind: 'lead', id: 'l3', name: 'Vivien Mraz', aliases: ['Vivien'], detail: 'Initech, contacted' },
  { kind: 'opportunity', id: 'o1', name: 'Acme Corporation - Data Connect', aliases: ['Acme Corporation'], detail: 'proposal, $42,000' },
  { kind: 'opportunity', id: 'o2', name: 'Acme Corporation - Insight Analytics', aliases: ['Acme Corporation'], detail: 'negotiation, $18,000' },
  { kind: 'opportunity', id: 'o3', name: 'Globex - Pipeline Cloud', aliases: ['Globex'], detail: 'discovery, $9,000' },
  { kind: 'account', id: 'a1', name: 'Acme Corporation', aliases: ['acme.com'] },
  { kind: 'account', id: 'a2', name: 'Globex', aliases: ['globex.com'] },
  { kind: 'user', id: 'u1', name: 'Maya Chen', aliases: ['maya.chen@dealwise.demo'], detail: 'rep' },
  { kind: 'team', id: 't1', name: 'Enterprise' },
  { kind: 'product', id: 'p1', name: 'Forecast Pro' },
];
export const directory: EntityDirectory = { names: async () => entities };
export const context: TurnContext = { now: NOW, actor: { userId: 'u9', role: 'manager', teamId: 't1' }, focus: [], directory };
export const specs = agents.map((a) => ({ name: a.name, description: a.description, prompt: '' }));
const listing = registry.list();
export const toolsOf = (agent: string): ToolSpec[] =>
  listing.filter((t) => agents.find((a) => a.name === agent)!.toolNames.includes(t.name)).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, readOnly: t.annotations.readOnlyHint }));

export const model = createLocalModel();

/** One turn: route, then each step's first agentStep (what the model would call). */
export async function turn(messages: ChatMessage[], text: string) {
  messages.push({ role: 'user', content: text });
  const route = await model.route({ messages, agents: specs, prompt: '', context });
  if (route.kind !== 'plan') return { route, steps: [] as { agent: string; result: AgentStepResult }[] };
  const steps: { agent: string; result: AgentStepResult }[] = [];
  for (const step of route.steps) {
    const result = await model.agentStep({ agent: specs.find((a) => a.name === step.agent)!, tools: toolsOf(step.agent), messages, request: step.request, context });
    steps.push({ agent: step.agent, result });
    if (result.kind === 'tool_calls') {
      messages.push({ role: 'assistant', content: '', agent: step.agent, toolCalls: result.calls });
      for (const call of result.calls) messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: '{}', ok: true });
      const answer = await model.agentStep({ agent: specs.find((a) => a.name === step.agent)!, tools: toolsOf(step.agent), messages, request: step.request, context });
      messages.push({ role: 'assistant', content: answer.kind === 'tool_calls' ? '' : answer.text, agent: step.agent });
    } else messages.push({ role: 'assistant', content: result.text, agent: step.agent });
  }
  return { route, steps };
}
export const calls = (r: Awaited<ReturnType<typeof turn>>) => r.steps.flatMap((s) => (s.result.kind === 'tool_calls' ? s.result.calls.map((c) => ({ tool: c.name, input: c.input })) : []));
