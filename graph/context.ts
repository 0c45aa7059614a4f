import type { TurnContext } from '../agents/models/types.ts';
import type { GraphDeps } from './deps.ts';
import type { CopilotStateValue } from './state.ts';

export function turnContext(deps: GraphDeps, state: Pick<CopilotStateValue, 'actor' | 'focus'>): TurnContext {
  return { now: deps.services.now(), actor: state.actor, focus: state.focus ?? [], directory: deps.directory(state.actor) };
}
