import type { Role } from '../../core/domain.ts';

// The contract between the copilot graph (graph/) and whatever model drives it: the local offline model,
// OpenAI or Anthropic. The graph is the same for all of them; only the CopilotModel differs.
// Messages are plain JSON so the graph's checkpoints store them as they are.

/** One message of a thread, as the graph keeps it. */
export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; agent?: string; toolCalls?: ToolCall[]; citations?: Citation[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string; ok: boolean };

export interface ToolCall {
  /** unique within the thread */
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/** A tool as a model sees it: what the registry lists, filtered by the caller's role. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the input (registry.list().inputSchema) */
  inputSchema: Record<string, unknown>;
  readOnly: boolean;
}

export interface AgentSpec {
  name: string;
  description: string;
  /** the agent's static prompt text (prompts/<name>.md) */
  prompt: string;
}

/** A record the conversation is about, newest first in TurnContext.focus: what "it", "her", "that deal" mean. */
export interface FocusEntity {
  /** 'product' added by the local model (products are named in requests: "forecast for Forecast Pro") */
  kind: 'lead' | 'opportunity' | 'account' | 'user' | 'team' | 'product';
  id: string;
  name: string;
}

/** A named record the caller may see, for finding mentions in text (the model layer never touches the db). */
export interface NamedEntity extends FocusEntity {
  /** other ways people write it: email, company, first name... */
  aliases?: string[];
  /** a short line to tell candidates apart ("proposal, $42,000") */
  detail?: string;
}

/** Read service over the tool layer's resolver, scoped to the caller. */
export interface EntityDirectory {
  /** every name of the given kinds the caller may see (cached by the implementation) */
  names(kinds?: FocusEntity['kind'][]): Promise<NamedEntity[]>;
}

export interface TurnContext {
  now: Date;
  actor: { userId: string; role: Role; name?: string; email?: string; teamId?: string | null };
  /** records discussed in the thread, newest first */
  focus: FocusEntity[];
  directory: EntityDirectory;
  /** for agents that read lead memory: what conversations taught us about the leads in focus, newest first */
  leadNotes?: LeadNotes[];
}

export interface LeadNotes {
  leadId: string;
  lead: string;
  notes: string[];
}

export interface RouteRequest {
  /** the whole thread so far, the new user message last */
  messages: ChatMessage[];
  agents: AgentSpec[];
  /** the supervisor's static prompt (prompts/supervisor.md) */
  prompt: string;
  context: TurnContext;
}

/** Which agents handle the latest message, in order, each with the part of the request that is theirs. */
export type RouteResult =
  | { kind: 'plan'; steps: { agent: string; request: string }[] }
  /** out of scope, or asks for something no tool does: an honest answer with what we can do instead */
  | { kind: 'decline'; text: string }
  /** a question back to the user before anything runs */
  | { kind: 'clarify'; text: string };

export interface AgentStepRequest {
  agent: AgentSpec;
  /** this agent's tools, already filtered by the caller's role */
  tools: ToolSpec[];
  /** the thread so far, including this turn's earlier tool calls and results */
  messages: ChatMessage[];
  /** the part of the user's message this agent handles (RouteResult step.request) */
  request: string;
  context: TurnContext;
  /** streaming: called with each piece of answer text as it is produced */
  onToken?: (text: string) => void;
  signal?: AbortSignal;
}

export interface Citation {
  /** e.g. interaction, opportunity, lead, source_item */
  kind: string;
  id: string;
  label?: string;
  quote?: string;
}

export type AgentStepResult =
  | { kind: 'tool_calls'; calls: ToolCall[] }
  | { kind: 'answer'; text: string; citations?: Citation[] }
  | { kind: 'clarify'; text: string };

export interface CopilotModel {
  /** 'local', 'openai:gpt-4.1-mini', 'anthropic:...' */
  readonly id: string;
  route(request: RouteRequest): Promise<RouteResult>;
  agentStep(request: AgentStepRequest): Promise<AgentStepResult>;
  /**
   * Plain text from a system prompt and one message (no tools): how a language model rewrites a draft the
   * tools composed. Absent on the local model, whose drafts are the tools' own.
   */
  writeText?(request: { system: string; message: string; signal?: AbortSignal }): Promise<string>;
}
