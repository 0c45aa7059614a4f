import type { AgentStepRequest, AgentStepResult, ChatMessage, CopilotModel, RouteRequest, RouteResult } from '../../agents/models/types.ts';

// A CopilotModel driven by the test: route() and agentStep() are plain functions of the request, so a script
// reads like "when the lead agent has seen no tool result yet, call lead_search". Every request is recorded.

export interface Script {
  route(text: string, request: RouteRequest): RouteResult;
  step(request: AgentStepRequest, turn: TurnView): AgentStepResult;
}

/** What the agent has seen this turn: the tool results since the last user message, by tool name. */
export interface TurnView {
  results: Extract<ChatMessage, { role: 'tool' }>[];
  last: Extract<ChatMessage, { role: 'tool' }> | undefined;
  parsed(name: string): Record<string, unknown> | undefined;
}

export function turnView(messages: ChatMessage[]): TurnView {
  const lastUser = messages.map((m) => m.role).lastIndexOf('user');
  const results = messages.slice(lastUser + 1).filter((m): m is Extract<ChatMessage, { role: 'tool' }> => m.role === 'tool');
  return {
    results,
    last: results.at(-1),
    parsed: (name) => {
      const found = [...results].reverse().find((m) => m.name === name);
      return found ? (JSON.parse(found.content) as Record<string, unknown>) : undefined;
    },
  };
}

export interface ScriptedModel extends CopilotModel {
  routes: RouteRequest[];
  steps: AgentStepRequest[];
}

export function scriptedModel(script: Script, id = 'scripted'): ScriptedModel {
  const routes: RouteRequest[] = [];
  const steps: AgentStepRequest[] = [];
  return {
    id,
    routes,
    steps,
    route: async (request) => {
      routes.push(request);
      const last = request.messages.at(-1);
      return script.route(last?.role === 'user' ? last.content : '', request);
    },
    agentStep: async (request) => {
      steps.push(request);
      return script.step(request, turnView(request.messages));
    },
  };
}
