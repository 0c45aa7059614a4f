import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { AgentStepRequest, AgentStepResult, ChatMessage, CopilotModel, RouteRequest, RouteResult, TurnContext } from './types.ts';
import { DEFAULT_RETRY, withRetries, type RetryOptions } from './retry.ts';

// A CopilotModel over any LangChain chat model with tool calling (OpenAI, Anthropic, OpenAI-compatible servers).
// Routing is a forced call of one "route" tool; an agent step streams the reply, and its tool calls are the step's.

const ROUTE_TOOL = 'route_request';
/** the most recent messages a provider sees; older ones are summarised by the focus list */
const HISTORY_LIMIT = 40;

export interface ChatCopilotOptions {
  id: string;
  provider: string;
  chat: BaseChatModel;
  retry?: RetryOptions;
}

function contextMessage(context: TurnContext, extra?: string): string {
  const focus = context.focus.slice(0, 5).map((f) => `${f.kind} "${f.name}" (id ${f.id})`).join('; ');
  return [
    `Now: ${context.now.toISOString()}.`,
    `You are helping ${context.actor.name ?? 'a user'} (role ${context.actor.role}${context.actor.email ? `, ${context.actor.email}` : ''}).`,
    focus ? `Records discussed so far, newest first: ${focus}. "it", "her", "that deal" mean these.` : '',
    ...(context.leadNotes ?? []).map((lead) => `What we know about ${lead.lead}: ${lead.notes.join('; ')}.`),
    extra ?? '',
  ]
    .filter(Boolean)
    .join('\n');
}

function toLangChain(messages: ChatMessage[]): BaseMessage[] {
  const recent = messages.slice(-HISTORY_LIMIT);
  // a cut must not start on a tool result whose call was cut off
  while (recent.length > 0 && recent[0]!.role === 'tool') recent.shift();
  const known = new Set(recent.flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []).map((c) => c.id) : [])));
  return recent.flatMap((message): BaseMessage[] => {
    if (message.role === 'user') return [new HumanMessage(message.content)];
    if (message.role === 'tool') return known.has(message.toolCallId) ? [new ToolMessage({ tool_call_id: message.toolCallId, content: message.content, name: message.name })] : [];
    const toolCalls = (message.toolCalls ?? []).map((call) => ({ id: call.id, name: call.name, args: call.input, type: 'tool_call' as const }));
    if (!message.content && toolCalls.length === 0) return [];
    return [new AIMessage({ content: message.content, tool_calls: toolCalls })];
  });
}

function textOf(content: AIMessageChunk['content']): string {
  if (typeof content === 'string') return content;
  return content.map((part) => (typeof part === 'string' ? part : part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}

export function createChatCopilotModel(options: ChatCopilotOptions): CopilotModel {
  const { chat, provider } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  if (!chat.bindTools) throw new Error(`${options.id} does not support tool calling`);
  const bind = chat.bindTools.bind(chat);

  type Streamable = { stream(input: BaseMessage[], options?: { signal?: AbortSignal }): Promise<AsyncIterable<AIMessageChunk>> };

  async function streamed(model: Streamable, messages: BaseMessage[], onToken?: (text: string) => void, signal?: AbortSignal): Promise<AIMessageChunk> {
    return withRetries(
      provider,
      async () => {
        let whole: AIMessageChunk | undefined;
        const stream = await model.stream(messages, signal ? { signal } : {});
        for await (const chunk of stream) {
          whole = whole ? whole.concat(chunk) : chunk;
          const text = textOf(chunk.content);
          if (text) onToken?.(text);
        }
        if (!whole) throw new Error(`${provider} returned an empty reply`);
        return whole;
      },
      retry,
    );
  }

  return {
    id: options.id,
    async route(request: RouteRequest): Promise<RouteResult> {
      const agentNames = request.agents.map((agent) => agent.name);
      const tool = {
        type: 'function' as const,
        function: {
          name: ROUTE_TOOL,
          description: 'Say which agents handle the latest user message (in order, each with its part of the request), or decline, or ask one clarifying question.',
          parameters: {
            type: 'object',
            properties: {
              kind: { type: 'string', enum: ['plan', 'decline', 'clarify'], description: 'plan = agents handle it; decline = out of scope; clarify = ask the user first' },
              steps: {
                type: 'array',
                description: 'for plan: the agents in the order they must work',
                items: {
                  type: 'object',
                  properties: { agent: { type: 'string', enum: agentNames }, request: { type: 'string', description: "this agent's part of the request, standing on its own" } },
                  required: ['agent', 'request'],
                },
              },
              text: { type: 'string', description: 'for decline or clarify: what to tell the user' },
            },
            required: ['kind'],
          },
        },
      };
      const agentsList = request.agents.map((agent) => `- ${agent.name}: ${agent.description}`).join('\n');
      // one system message: Anthropic takes the system prompt apart from the turns
      const messages = [new SystemMessage(`${request.prompt}\n\n${contextMessage(request.context)}\nAgents:\n${agentsList}`), ...toLangChain(request.messages)];
      const reply = await streamed(bind([tool], { tool_choice: ROUTE_TOOL }), messages);
      const call = reply.tool_calls?.find((c) => c.name === ROUTE_TOOL);
      const args = (call?.args ?? {}) as { kind?: string; steps?: { agent?: string; request?: string }[]; text?: string };
      if (args.kind === 'plan' && Array.isArray(args.steps)) {
        const steps = args.steps.flatMap((s) => (s.agent && agentNames.includes(s.agent) ? [{ agent: s.agent, request: s.request ?? '' }] : []));
        if (steps.length > 0) return { kind: 'plan', steps };
      }
      if (args.kind === 'clarify' && args.text) return { kind: 'clarify', text: args.text };
      return { kind: 'decline', text: args.text ?? (textOf(reply.content) || 'I can help with leads, deals, forecasts, risks and customer messages.') };
    },

    async agentStep(request: AgentStepRequest): Promise<AgentStepResult> {
      const tools = request.tools.map((tool) => ({ type: 'function' as const, function: { name: tool.name, description: tool.description, parameters: tool.inputSchema } }));
      const messages = [new SystemMessage(`${request.agent.prompt}\n\n${contextMessage(request.context, `Your part of the latest request: ${request.request}`)}`), ...toLangChain(request.messages)];
      const model: Streamable = tools.length > 0 ? bind(tools) : (chat as unknown as Streamable);
      const reply = await streamed(model, messages, request.onToken, request.signal);
      const calls = (reply.tool_calls ?? []).map((call, index) => ({ id: call.id ?? `call_${index}`, name: call.name, input: (call.args ?? {}) as Record<string, unknown> }));
      if (calls.length > 0) return { kind: 'tool_calls', calls };
      return { kind: 'answer', text: textOf(reply.content).trim() };
    },

    async writeText(request: { system: string; message: string; signal?: AbortSignal }): Promise<string> {
      const reply = await streamed(chat as unknown as Streamable, [new SystemMessage(request.system), new HumanMessage(request.message)], undefined, request.signal);
      return textOf(reply.content).trim();
    },
  };
}
