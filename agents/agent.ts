// An agent is data: a name the supervisor routes to, a description it routes by, the prompt file it
// runs with (prompts/<prompt>.md) and the registry tools it may call. Nothing else.
export interface AgentDefinition {
  name: string;
  description: string;
  /** file name under prompts/, without .md */
  prompt: string;
  /** registry tool names; every registry tool belongs to exactly one agent */
  toolNames: readonly string[];
  /** the agent sees what conversations taught us about the leads in focus (lead_remember notes) */
  readsLeadMemory?: boolean;
}

export function defineAgent(definition: AgentDefinition): AgentDefinition {
  if (!/^[a-z]+$/.test(definition.name)) throw new Error(`agent name must be one lowercase word: ${definition.name}`);
  return definition;
}

/** A labelled call: what a user says and the tool input it should become (pins an agent's argument names). */
export interface CallExample {
  utterance: string;
  tool: string;
  args: Record<string, unknown>;
}
