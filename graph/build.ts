import { END, START, StateGraph, type BaseCheckpointSaver, type LangGraphRunnableConfig } from '@langchain/langgraph';
import type { Citation } from '../agents/models/types.ts';
import { agentNode } from './agent-node.ts';
import { emitterOf, type GraphDeps } from './deps.ts';
import { CopilotState, turnMessages, type CopilotStateValue } from './state.ts';
import { supervisorNode } from './supervisor.ts';
import { toolNode } from './tool-node.ts';

// supervisor -> agent (loop: agent -> tool tasks -> agent) -> next agent of the plan ... -> finish.
// Every hop is a Command from the node itself, so the same graph runs with every model.

/** The turn's answer: the agents' answers joined in plan order, with their citations. */
function finishNode() {
  return (state: CopilotStateValue, config: LangGraphRunnableConfig) => {
    const turn = turnMessages(state);
    const answers = turn.filter((m) => m.role === 'assistant' && !(m.toolCalls?.length) && m.content.trim() !== '');
    const text = answers.map((m) => m.content.trim()).join('\n\n');
    const all: Citation[] = answers.flatMap((m) => (m.role === 'assistant' ? (m.citations ?? []) : []));
    const citations = all.filter((c, i) => all.findIndex((other) => other.kind === c.kind && other.id === c.id) === i);
    const agents = [...new Set(turn.flatMap((m) => (m.role === 'assistant' && m.agent && m.agent !== 'supervisor' ? [m.agent] : [])))];
    emitterOf(config)({ type: 'answer', text, citations, agents });
    return {};
  };
}

export function buildCopilotGraph(deps: GraphDeps, checkpointer: BaseCheckpointSaver) {
  return new StateGraph(CopilotState)
    .addNode('supervisor', supervisorNode(deps), { ends: ['agent', 'finish'] })
    .addNode('agent', agentNode(deps), { ends: ['tool', 'agent', 'finish'] })
    .addNode('tool', toolNode(deps), { ends: ['agent', 'tool'] })
    .addNode('finish', finishNode())
    .addEdge(START, 'supervisor')
    .addEdge('finish', END)
    .compile({ checkpointer });
}

export type CopilotGraph = ReturnType<typeof buildCopilotGraph>;
