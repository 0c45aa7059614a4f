import { Annotation } from '@langchain/langgraph';
import { mergeFocus } from '../agents/focus.ts';
import type { ChatMessage, FocusEntity, ToolCall, TurnContext } from '../agents/models/types.ts';

// The thread as the checkpointer keeps it: plain JSON only.

export type TurnActor = TurnContext['actor'];

export interface PlanStep {
  agent: string;
  request: string;
}

/** One tool call as its own task (a Send), so an approval in one call never re-runs the others. */
export interface ToolTask {
  call: ToolCall;
  agent: string;
  /** 0 for the model's input, +1 for each edit a person made */
  revision: number;
}

export const CopilotState = Annotation.Root({
  actor: Annotation<TurnActor>(),
  messages: Annotation<ChatMessage[]>({ reducer: (current, added) => current.concat(added), default: () => [] }),
  /** index in messages of this turn's user message */
  turnStart: Annotation<number>(),
  plan: Annotation<PlanStep[]>(),
  /** the plan step running now */
  step: Annotation<number>(),
  /** model calls the current step has made (the loop is bounded) */
  rounds: Annotation<number>(),
  focus: Annotation<FocusEntity[]>({ reducer: (current, added) => mergeFocus(current, added), default: () => [] }),
  /** only in a tool task's own input (Send), never written to the thread */
  toolTask: Annotation<ToolTask | undefined>(),
});

export type CopilotStateValue = typeof CopilotState.State;

/** The messages of the current turn (from its user message on). */
export function turnMessages(state: Pick<CopilotStateValue, 'messages' | 'turnStart'>): ChatMessage[] {
  return state.messages.slice(state.turnStart ?? 0);
}
