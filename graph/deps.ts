import type { AgentDefinition } from '../agents/agent.ts';
import type { CopilotModel, EntityDirectory, TurnContext } from '../agents/models/types.ts';
import type { CopilotServices } from '../tools/copilot/services.ts';
import type { CopilotEvent } from './events.ts';

/** What the graph's nodes run with: injected by createCopilot, never global. */
export interface GraphDeps {
  model: CopilotModel;
  services: CopilotServices;
  agents: readonly AgentDefinition[];
  prompt(name: string): string;
  directory(actor: TurnContext['actor']): EntityDirectory;
  /** compare an answer's figures with the turn's tool outputs (LLMs; the local model renders from them) */
  verifyNumbers: boolean;
  /** model calls one agent may make in one plan step */
  maxRounds: number;
}

/** The event channel of a node: LangGraph's custom stream writer. */
export type Emit = (event: CopilotEvent) => void;

export function emitterOf(config: { writer?: ((chunk: unknown) => void) | undefined }): Emit {
  return (event) => config.writer?.(event);
}
