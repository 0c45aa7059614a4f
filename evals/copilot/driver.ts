import { agents } from '../../agents/index.ts';
import type { AgentSpec, ChatMessage, CopilotModel, EntityDirectory, ToolSpec, TurnContext } from '../../agents/models/types.ts';
import type { Actor } from '../../db/repos/scope.ts';
import { createEntityDirectory } from '../../tools/core/directory.ts';
import { mayCall } from '../../tools/core/roles.ts';
import type { CallServices, ToolRegistry } from '../../tools/registry.ts';

// Drives a CopilotModel through a conversation the way the graph does (route -> agent steps -> registry
// -> agent step until it answers), with write tools run as dry runs so the eval changes nothing.
// Everything the scorer needs is in TurnTrace; switching to graph/copilot.ts's send() means producing the
// same trace from its events.

export interface TracedCall {
  agent: string;
  tool: string;
  input: Record<string, unknown>;
  ok: boolean;
  errorCode?: string;
}

export interface TurnTrace {
  outcome: 'answer' | 'clarify' | 'decline';
  agents: string[];
  calls: TracedCall[];
  text: string;
  /** route + the first agent step of each plan step (routing and slot filling, no tools) */
  understandMs: number;
  /** the whole turn, tools and answer included */
  turnMs: number;
}

export interface Thread {
  send(message: string): Promise<TurnTrace>;
}

export interface DriverOptions {
  /** one directory per actor, shared by their threads as the product caches it */
  directory?: EntityDirectory;
  model: CopilotModel;
  registry: ToolRegistry;
  services: CallServices;
  actor: Actor & { email?: string; name?: string };
  /**
   * Writes run as dry runs unless this says yes to the preview (the transcript's stand-in for the graph's
   * approval interrupt); then they run for real.
   */
  approve?: (call: { name: string; input: Record<string, unknown> }, preview: unknown) => boolean;
}

export function openThread(options: DriverOptions): Thread {
  const { model, registry, services, actor } = options;
  const messages: ChatMessage[] = [];
  const directory = options.directory ?? createEntityDirectory({ db: services.db }, actor);
  const listing = registry.list();
  const agentSpecs: AgentSpec[] = agents.map((a) => ({ name: a.name, description: a.description, prompt: '' }));
  const toolsOf = (agent: string): ToolSpec[] => {
    const names = new Set(agents.find((a) => a.name === agent)?.toolNames ?? []);
    return listing
      .filter((t) => names.has(t.name) && mayCall(actor.role, t.minRole, !t.annotations.readOnlyHint))
      .map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, readOnly: t.annotations.readOnlyHint }));
  };
  const context: TurnContext = { now: services.now, actor: { userId: actor.userId, role: actor.role, teamId: actor.teamId }, focus: [], directory };

  return {
    async send(message) {
      const start = performance.now();
      let understandMs = 0;
      messages.push({ role: 'user', content: message });
      const t0 = performance.now();
      const route = await model.route({ messages, agents: agentSpecs, prompt: '', context });
      understandMs += performance.now() - t0;
      const trace: TurnTrace = { outcome: 'answer', agents: [], calls: [], text: '', understandMs: 0, turnMs: 0 };
      if (route.kind !== 'plan') {
        messages.push({ role: 'assistant', content: route.text });
        return { ...trace, outcome: route.kind, text: route.text, understandMs, turnMs: performance.now() - start };
      }
      const texts: string[] = [];
      let asked = false;
      for (const step of route.steps) {
        trace.agents.push(step.agent);
        const spec = agentSpecs.find((a) => a.name === step.agent)!;
        for (let round = 0; round < 4; round++) {
          const t1 = performance.now();
          const result = await model.agentStep({ agent: spec, tools: toolsOf(step.agent), messages, request: step.request, context });
          if (round === 0) understandMs += performance.now() - t1;
          if (result.kind !== 'tool_calls') {
            messages.push({ role: 'assistant', content: result.text, agent: step.agent });
            texts.push(result.text);
            if (result.kind === 'clarify') asked = true;
            break;
          }
          messages.push({ role: 'assistant', content: '', agent: step.agent, toolCalls: result.calls });
          for (const call of result.calls) {
            const writes = !registry.get(call.name)?.annotations.readOnlyHint;
            let out = await registry.execute(call.name, writes ? { ...call.input, dryRun: true } : call.input, actor, services);
            if (writes && out.ok && options.approve?.(call, out.data)) out = await registry.execute(call.name, call.input, actor, services);
            trace.calls.push({ agent: step.agent, tool: call.name, input: call.input, ok: out.ok, ...(out.ok ? {} : { errorCode: out.error.code }) });
            messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: JSON.stringify(out.ok ? out.data : out.error), ok: out.ok });
          }
        }
        if (asked) break;
      }
      const outcome = asked ? 'clarify' : trace.calls.length === 0 ? 'decline' : 'answer';
      return { ...trace, outcome, text: texts.join('\n\n'), understandMs, turnMs: performance.now() - start };
    },
  };
}
