import type { CopilotModel } from '../types.ts';

// Placeholder until the local offline model lands: it declines everything rather than guess.
export function createLocalModel(): CopilotModel {
  return {
    id: 'local',
    route: async () => ({ kind: 'decline', text: 'The offline model is not built yet; configure OPENAI_API_KEY or ANTHROPIC_API_KEY.' }),
    agentStep: async () => ({ kind: 'answer', text: 'The offline model is not built yet.' }),
  };
}
