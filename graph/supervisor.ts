import { Command } from '@langchain/langgraph';
import type { AgentSpec } from '../agents/models/types.ts';
import type { GraphDeps } from './deps.ts';
import type { CopilotStateValue } from './state.ts';
import { turnContext } from './context.ts';

// The supervisor: the model picks which agents handle the new message, in order; the graph then visits them.
// A decline or a clarifying question ends the turn before any tool runs.
export function supervisorNode(deps: GraphDeps) {
  const specs: AgentSpec[] = deps.agents.map((agent) => ({ name: agent.name, description: agent.description, prompt: deps.prompt(agent.prompt) }));
  const known = new Set(specs.map((spec) => spec.name));
  return async (state: CopilotStateValue) => {
    const turnStart = state.messages.length - 1;
    const route = await deps.model.route({ messages: state.messages, agents: specs, prompt: deps.prompt('supervisor'), context: turnContext(deps, state) });
    if (route.kind === 'plan') {
      const steps = route.steps.filter((step) => known.has(step.agent));
      if (steps.length > 0) return new Command({ update: { turnStart, plan: steps, step: 0, rounds: 0 }, goto: 'agent' });
    }
    const text = route.kind === 'plan' ? 'I could not tell which part of Dealwise handles that. Ask about leads, deals, forecasts, risks or messages.' : route.text;
    return new Command({ update: { turnStart, plan: [], step: 0, rounds: 0, messages: [{ role: 'assistant', content: text, agent: 'supervisor' }] }, goto: 'finish' });
  };
}
