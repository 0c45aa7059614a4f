import { describe, expect, it } from 'vitest';
import { registry } from '../tools/index.ts';
import { agents, checkAgents } from './index.ts';

describe('agents', () => {
  it('cover every registry tool exactly once, with six unique names', () => {
    expect(() => checkAgents(agents, registry.agentToolNames())).not.toThrow();
    expect(agents.map((agent) => agent.name)).toEqual(['lead', 'opportunity', 'communication', 'analytics', 'automation', 'intelligence']);
  });

  it('refuses a tool with no agent, a tool in two agents and a tool the registry lacks', () => {
    expect(() => checkAgents(agents, [...registry.agentToolNames(), 'made_up_tool'])).toThrow(/without an agent: made_up_tool/);
    const twice = [...agents, { name: 'extra', description: 'x', prompt: 'x', toolNames: ['lead_get'] }];
    expect(() => checkAgents(twice, registry.agentToolNames())).toThrow(/lead_get belongs to two agents/);
    const ghost = [...agents, { name: 'extra', description: 'x', prompt: 'x', toolNames: ['ghost_tool'] }];
    expect(() => checkAgents(ghost, registry.agentToolNames())).toThrow(/does not have: ghost_tool/);
  });
});

// The labelled calls beside the communication and automation agents pin their argument names: each must
// name the agent's own tool with an input that tool accepts.
describe('automation agent call examples', () => {
  it('name only the agent\'s own tools, with inputs those tools accept', async () => {
    const { automationCallExamples: automationExamples } = await import('./automation.call-examples.ts');
    const { automationAgent } = await import('./automation.agent.ts');
    for (const example of automationExamples) {
      expect(automationAgent.toolNames, example.utterance).toContain(example.tool);
      const definition = registry.get(example.tool)!;
      const parsed = registry.inputSchemaOf(definition).safeParse(example.args);
      expect(parsed.success, `${example.utterance}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
    expect(new Set(automationExamples.map((e) => e.tool))).toEqual(new Set(automationAgent.toolNames));
  });
});

describe('communication agent call examples', () => {
  it('name only the agent\'s own tools, with inputs those tools accept', async () => {
    const { communicationCallExamples: communicationExamples } = await import('./communication.call-examples.ts');
    const { communicationAgent } = await import('./communication.agent.ts');
    for (const example of communicationExamples) {
      expect(communicationAgent.toolNames, example.utterance).toContain(example.tool);
      const definition = registry.get(example.tool)!;
      const parsed = registry.inputSchemaOf(definition).safeParse(example.args);
      expect(parsed.success, `${example.utterance}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
  });
});
