import { analyticsAgent } from './analytics.agent.ts';
import type { AgentDefinition } from './agent.ts';
import { automationAgent } from './automation.agent.ts';
import { communicationAgent } from './communication.agent.ts';
import { intelligenceAgent } from './intelligence.agent.ts';
import { leadAgent } from './lead.agent.ts';
import { opportunityAgent } from './opportunity.agent.ts';

export type { AgentDefinition };

/** The six agents the supervisor routes between. */
export const agents: readonly AgentDefinition[] = [leadAgent, opportunityAgent, communicationAgent, analyticsAgent, automationAgent, intelligenceAgent];

/** Checks, at start, that names are unique and every registry tool belongs to exactly one agent that exists. */
export function checkAgents(list: readonly AgentDefinition[], toolNames: readonly string[]): void {
  const names = new Set<string>();
  const owner = new Map<string, string>();
  for (const agent of list) {
    if (names.has(agent.name)) throw new Error(`agent defined twice: ${agent.name}`);
    names.add(agent.name);
    for (const tool of agent.toolNames) {
      const previous = owner.get(tool);
      if (previous) throw new Error(`tool ${tool} belongs to two agents: ${previous} and ${agent.name}`);
      owner.set(tool, agent.name);
    }
  }
  const known = new Set(toolNames);
  const missing = toolNames.filter((tool) => !owner.has(tool));
  if (missing.length > 0) throw new Error(`tools without an agent: ${missing.join(', ')}`);
  const unknown = [...owner.keys()].filter((tool) => !known.has(tool));
  if (unknown.length > 0) throw new Error(`agents list tools the registry does not have: ${unknown.join(', ')}`);
}

export function agentNamed(name: string): AgentDefinition | undefined {
  return agents.find((agent) => agent.name === name);
}
