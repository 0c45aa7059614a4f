import { Command, Send, type LangGraphRunnableConfig } from '@langchain/langgraph';
import type { AgentDefinition } from '../agents/agent.ts';
import type { AgentStepRequest, AgentStepResult, ChatMessage, ToolCall } from '../agents/models/types.ts';
import { createToolSpecs } from './agent-tools.ts';
import { turnContext } from './context.ts';
import { emitterOf, type GraphDeps } from './deps.ts';
import { citationsFromOutputs } from './citations.ts';
import { checkNumbers, flagUnsupported } from './numbers.ts';
import { turnMessages, type CopilotStateValue } from './state.ts';

// One agent's tool-calling loop, one model call per visit: tool calls go out as one task each (Send) and come
// back here; an answer or a question ends the step. Bounded by deps.maxRounds.

type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;

/** Calls of the turn's last tool-calling message that have no result yet (an edited call is re-previewing). */
function unansweredCalls(messages: ChatMessage[]): ToolCall[] {
  const lastCalls = [...messages].reverse().find((m): m is AssistantMessage => m.role === 'assistant' && (m.toolCalls?.length ?? 0) > 0);
  if (!lastCalls) return [];
  const answered = new Set(messages.flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : [])));
  return lastCalls.toolCalls!.filter((call) => !answered.has(call.id));
}

/** Call ids unique within the thread, whatever the model sent. */
function uniqueCalls(calls: ToolCall[], messages: ChatMessage[], turnStart: number, round: number): ToolCall[] {
  const used = new Set(messages.flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []).map((c) => c.id) : [])));
  return calls.map((call, index) => {
    const { dryRun: _dryRun, ...input } = call.input ?? {};
    const id = call.id && !used.has(call.id) ? call.id : `t${turnStart}-${round}-${index}`;
    used.add(id);
    return { id, name: call.name, input };
  });
}

function toolOutputs(messages: ChatMessage[]): unknown[] {
  return messages.flatMap((m) => {
    if (m.role !== 'tool') return [];
    try {
      return [JSON.parse(m.content) as unknown];
    } catch {
      return [m.content];
    }
  });
}

/** leads in focus whose notes an agent that reads lead memory gets */
const MEMORY_LEADS = 3;

const REPAIR =
  'Your answer states figures that no tool result of this turn contains: {figures}. Rewrite the answer using only figures that appear in the tool results, or call a tool to get them.';

export function agentNode(deps: GraphDeps) {
  const toolSpecs = createToolSpecs(deps.services.registry);
  const byName = new Map(deps.agents.map((agent) => [agent.name, agent]));

  async function checkedAnswer(request: AgentStepRequest, result: Extract<AgentStepResult, { kind: 'answer' }>, state: CopilotStateValue) {
    if (!deps.verifyNumbers) return result;
    const turn = turnMessages(state);
    const outputs = toolOutputs(turn);
    const userText = turn[0]?.role === 'user' ? turn[0].content : '';
    const first = checkNumbers(result.text, outputs, userText);
    if (first.ok) return result;
    const repair = await deps.model.agentStep({
      ...request,
      onToken: undefined,
      messages: [...request.messages, { role: 'assistant', content: result.text, agent: request.agent.name }, { role: 'user', content: REPAIR.replace('{figures}', first.unsupported.join(', ')) }],
    });
    if (repair.kind === 'answer' && checkNumbers(repair.text, outputs, userText).ok) return repair;
    return { ...result, text: flagUnsupported(result.text, first.unsupported) };
  }

  return async (state: CopilotStateValue, config: LangGraphRunnableConfig) => {
    const emit = emitterOf(config);
    const step = state.plan[state.step];
    const agent: AgentDefinition | undefined = step ? byName.get(step.agent) : undefined;
    if (!step || !agent) return new Command({ goto: 'finish' });
    // a tool task of this round is still waiting (an edit re-previews): that task comes back here when done
    if (state.rounds > 0 && unansweredCalls(turnMessages(state)).length > 0) return {};
    if (state.rounds === 0) emit({ type: 'agent', agent: agent.name, request: step.request });

    const next = (update: Record<string, unknown>) => {
      const more = state.step + 1 < state.plan.length;
      return new Command({ update: { ...update, step: state.step + 1, rounds: 0 }, goto: more ? 'agent' : 'finish' });
    };
    if (state.rounds >= deps.maxRounds) {
      const text = `I stopped after ${deps.maxRounds} tool steps without a final answer for "${step.request}". Try asking for one thing at a time.`;
      return next({ messages: [{ role: 'assistant', content: text, agent: agent.name }] });
    }

    const context = turnContext(deps, state);
    if (agent.readsLeadMemory) {
      const leadIds = context.focus.filter((entity) => entity.kind === 'lead').slice(0, MEMORY_LEADS).map((entity) => entity.id);
      const actor = { userId: state.actor.userId, role: state.actor.role, teamId: state.actor.teamId ?? null };
      if (leadIds.length > 0) context.leadNotes = await deps.services.leadNotes(actor, leadIds);
    }
    const request: AgentStepRequest = {
      agent: { name: agent.name, description: agent.description, prompt: deps.prompt(agent.prompt) },
      tools: toolSpecs(agent, state.actor.role),
      messages: state.messages,
      request: step.request,
      context,
      onToken: (text) => emit({ type: 'token', agent: agent.name, text }),
      ...(config.signal ? { signal: config.signal } : {}),
    };
    const result = await deps.model.agentStep(request);

    if (result.kind === 'tool_calls' && result.calls.length > 0) {
      const calls = uniqueCalls(result.calls, state.messages, state.turnStart, state.rounds);
      const message: ChatMessage = { role: 'assistant', content: '', agent: agent.name, toolCalls: calls };
      return new Command({
        update: { messages: [message], rounds: state.rounds + 1 },
        goto: calls.map((call) => new Send('tool', { actor: state.actor, toolTask: { call, agent: agent.name, revision: 0 } })),
      });
    }
    if (result.kind === 'clarify') {
      // the remaining steps depend on the answer to the question: the turn ends here
      return new Command({ update: { messages: [{ role: 'assistant', content: result.text, agent: agent.name }], step: state.plan.length, rounds: 0 }, goto: 'finish' });
    }
    const answer = result.kind === 'answer' ? await checkedAnswer(request, result, state) : { kind: 'answer' as const, text: 'I have nothing to add.' };
    const final = answer.kind === 'answer' ? answer : { kind: 'answer' as const, text: answer.text };
    // an LLM cites nothing itself: the evidence its tools returned this turn is what the answer rests on
    const citations = final.citations ?? (deps.verifyNumbers ? citationsFromOutputs(toolOutputs(turnMessages(state))) : []);
    return next({ messages: [{ role: 'assistant', content: final.text, agent: agent.name, ...(citations.length ? { citations } : {}) }] });
  };
}
