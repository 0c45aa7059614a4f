import { registry } from '../../../tools/index.ts';
import type { AgentStepRequest, AgentStepResult, ChatMessage, CopilotModel, RouteRequest, RouteResult, TurnContext } from '../types.ts';
import { intentModel, OUT_OF_SCOPE, type IntentModel } from './intents.ts';
import { declineMissing, declineRole } from './phrases.ts';
import { renderError, renderResult, type ToolErrorShape } from './render.ts';
import { fillSlots } from './slots.ts';
import { focusFromCalls, lastUserIndex, latestSpan, SAME_SPAN } from './thread.ts';
import { entityIndex, predict, understand, type Step, type Understanding } from './understand.ts';

// The local offline model: no key, no network, no weights from a hub. An intent classifier trained at
// start-up from the example utterances beside each agent, entity mentions against the caller's directory,
// slot filling into the tool's JSON Schema, and answers rendered from the tool's structured output.

export interface LocalModelOptions {
  /** the tools that exist in this install (default: the registry's); the catalog's others are declined honestly */
  toolNames?: readonly string[];
  /** below this probability a request is out of scope (default 0.3) */
  threshold?: number;
}

export interface LocalModel extends CopilotModel {
  /** how long training the classifier took, ms (once per process) */
  readonly coldStartMs: number;
}

const MAX_CACHE = 200;

// The prefix of the ids of the calls made for one step request: finds the step's results in the thread.
const stepPrefix = (request: string) => {
  let h = 0;
  for (let i = 0; i < request.length; i++) h = (Math.imul(h, 31) + request.charCodeAt(i)) | 0;
  return `lc${(h >>> 0).toString(36)}_`;
};

export function createLocalModel(options: LocalModelOptions = {}): LocalModel {
  const model: IntentModel = intentModel();
  const tools = new Set(options.toolNames ?? registry.agentToolNames());
  const threshold = options.threshold ?? 0.3;
  // every tool's input schema as the model sees it (the role filter applies later, at the agent)
  const specs = new Map(registry.list().map((t) => [t.name, { name: t.name, description: t.description, inputSchema: t.inputSchema as Record<string, unknown>, readOnly: t.annotations.readOnlyHint }]));
  // route() and agentStep() of one turn read the same message: understand it once
  const cache = new Map<string, Understanding>();

  async function understood(messages: readonly ChatMessage[], context: TurnContext): Promise<Understanding> {
    const at = lastUserIndex(messages);
    const key = `${context.actor.userId}|${at}|${JSON.stringify(messages.slice(Math.max(0, at - 4), at + 1))}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const index = entityIndex(model, await context.directory.names());
    const result = understand(model, index, messages, context, { threshold, tools, specOf: (name) => specs.get(name) });
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value!);
    cache.set(key, result);
    return result;
  }

  return {
    id: 'local',
    coldStartMs: model.trainedMs,

    async route(request: RouteRequest): Promise<RouteResult> {
      const u = await understood(request.messages, request.context);
      if (u.kind === 'decline') return u;
      const known = new Set(request.agents.map((a) => a.name));
      const steps = u.steps.filter((s) => known.has(s.agent)).map((s) => ({ agent: s.agent, request: s.request }));
      return steps.length > 0 ? { kind: 'plan', steps } : { kind: 'decline', text: declineMissing(u.steps[0]!.tool) };
    },

    async agentStep(request: AgentStepRequest): Promise<AgentStepResult> {
      const result = await step(request);
      if (result.kind !== 'tool_calls') request.onToken?.(result.text);
      return result;
    },
  };

  async function step(request: AgentStepRequest): Promise<AgentStepResult> {
    const { messages, context } = request;
    const prefix = stepPrefix(request.request);
    const since = lastUserIndex(messages);
    const results = messages.slice(since + 1).filter((m): m is Extract<ChatMessage, { role: 'tool' }> => m.role === 'tool' && m.toolCallId.startsWith(prefix));
    if (results.length > 0) return answerFrom(results.at(-1)!, request);

    const entities = await context.directory.names();
    const index = entityIndex(model, entities);
    const u = await understood(messages, context);
    let planned: Step | undefined = u.kind === 'plan' ? u.steps.find((s) => s.request === request.request && s.agent === request.agent.name) : undefined;
    if (!planned) {
      // the route came from elsewhere (another model, or a step we did not plan): classify within this agent
      const own = new Set([...model.agentOf].filter(([, agent]) => agent === request.agent.name).map(([tool]) => tool));
      const top = predict(model, index, request.request).find((p) => own.has(p.label) || p.label === OUT_OF_SCOPE);
      if (!top || top.label === OUT_OF_SCOPE) return { kind: 'answer', text: `I'm not sure what to do with "${request.request}" here. Could you say it another way?` };
      planned = { tool: top.label, agent: request.agent.name, request: request.request, confidence: top.probability };
    }
    const spec = request.tools.find((t) => t.name === planned.tool);
    if (!spec) {
      const text = tools.has(planned.tool) ? declineRole(planned.tool, context.actor.role) : declineMissing(planned.tool);
      return { kind: 'answer', text };
    }
    const focus = [...context.focus, ...focusFromCalls(messages, entities)];
    const filled = fillSlots({
      tool: spec,
      text: request.request,
      mentions: index.find(request.request),
      focus,
      entities,
      now: context.now,
      ...(planned.previous ? { previous: planned.previous } : {}),
      // a terse follow-up, or a later part of a compound request, means the record already in play
      implicitFocus:
        /^(and|so|ok|okay|what about|how about|now|then)\b/i.test(request.request.trim()) ||
        request.request.trim().split(/\s+/).length <= 3 ||
        // a short request that names nothing, in a thread that already has a record in play
        (request.request.trim().split(/\s+/).length <= 5 && index.find(request.request).length === 0 && focusFromCalls(messages, entities).length > 0) ||
        (u.kind === 'plan' && u.steps.indexOf(planned) > 0) ||
        // "what should I do next there": a request that names nothing but points back at the record in play
        (index.find(request.request).length === 0 && /\b(there|that one|this one|on it|with it|for it|about it)\b/i.test(request.request)),
    });
    if (filled.kind === 'clarify') return filled;
    const input = withSameSpan(filled.input, spec, request.request, messages);
    return { kind: 'tool_calls', calls: [{ id: `${prefix}${messages.length}`, name: spec.name, input }] };
  }

  function answerFrom(message: Extract<ChatMessage, { role: 'tool' }>, request: AgentStepRequest): AgentStepResult {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.content);
    } catch {
      parsed = { message: message.content };
    }
    const envelope = parsed as { ok?: boolean; data?: unknown; error?: ToolErrorShape; dryRun?: boolean };
    const ok = typeof envelope.ok === 'boolean' ? envelope.ok : message.ok;
    if (!ok) {
      const error = envelope.error ?? (parsed as ToolErrorShape);
      if (/^(rejected|approval)/.test(error.code ?? '')) return { kind: 'answer', text: 'OK, I left it unchanged.' };
      return renderError({ code: error.code ?? 'error', message: error.message ?? String(message.content) , ...(error.hint ? { hint: error.hint } : {}), ...(error.candidates ? { candidates: error.candidates } : {}) });
    }
    const data = typeof envelope.ok === 'boolean' && 'data' in envelope ? envelope.data : parsed;
    const spec = request.tools.find((t) => t.name === message.name);
    const rendered = renderResult(message.name, data, spec?.readOnly ?? true, envelope.dryRun === true);
    return { kind: 'answer', text: rendered.text, ...(rendered.citations.length > 0 ? { citations: rendered.citations } : {}) };
  }
}

/** "win/loss for the same quarter": a request that points back at the span in play and names none of its own. */
function withSameSpan(input: Record<string, unknown>, spec: { inputSchema: Record<string, unknown> }, text: string, messages: readonly ChatMessage[]): Record<string, unknown> {
  if (!SAME_SPAN.test(text) || input.period !== undefined || input.from !== undefined) return input;
  const props = (spec.inputSchema as { properties?: Record<string, unknown> }).properties ?? {};
  const span = latestSpan(messages);
  if (!span) return input;
  const kept = Object.fromEntries(Object.entries(span).filter(([f]) => f in props));
  return { ...input, ...kept };
}
