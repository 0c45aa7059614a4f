import type { AgentDefinition } from '../../agents/agent.ts';
import type { CopilotModel, EntityDirectory } from '../../agents/models/types.ts';
import { createEntityDirectory } from '../../tools/core/directory.ts';
import type { Db } from '../../db/client.ts';
import { findUserByEmail, loadScope } from '../../db/repos/scope.ts';
import type { CallServices, ToolRegistry } from '../../tools/registry.ts';
import type { Conversation } from './dataset.ts';
import { openThread } from './driver.ts';
import { createNormalizer } from './normalize.ts';
import { scoreTurn, type ToolInfo, type TurnScore } from './score.ts';

// Runs every conversation through the model (one thread each) and scores every turn.

export interface EvaluateOptions {
  model: CopilotModel;
  registry: ToolRegistry;
  agents: readonly AgentDefinition[];
  db: Db;
  now: Date;
  services: CallServices;
}

export function toolInfo(registry: ToolRegistry, agents: readonly AgentDefinition[]): ToolInfo {
  const listing = new Map(registry.list().map((t) => [t.name, t]));
  return {
    exists: (tool) => listing.has(tool),
    agentOf: (tool) => agents.find((a) => a.toolNames.includes(tool))?.name,
    defaults: (tool) => {
      const props = (listing.get(tool)?.inputSchema.properties ?? {}) as Record<string, { default?: unknown }>;
      return Object.fromEntries(Object.entries(props).filter(([, p]) => p.default !== undefined).map(([k, p]) => [k, p.default]));
    },
  };
}

export async function evaluate(conversations: readonly Conversation[], options: EvaluateOptions): Promise<TurnScore[]> {
  const info = toolInfo(options.registry, options.agents);
  const scores: TurnScore[] = [];
  const directories = new Map<string, EntityDirectory>();
  for (const conv of conversations) {
    const actor = await findUserByEmail(options.db, conv.actor);
    if (!actor) throw new Error(`${conv.id}: no demo user ${conv.actor}`);
    const normalizer = createNormalizer(options.db, await loadScope(options.db, actor), options.now);
    const directory = directories.get(actor.userId) ?? createEntityDirectory({ db: options.db }, actor);
    directories.set(actor.userId, directory);
    // warm the actor's directory outside the timed turn, as a running server has it cached
    await directory.names();
    if (!directories.has(`${actor.userId}:warm`)) {
      // and the model's index of those names, which it builds once per directory load
      await openThread({ model: options.model, registry: options.registry, services: options.services, actor, directory }).send('how is my pipeline');
      directories.set(`${actor.userId}:warm`, directory);
    }
    const thread = openThread({ model: options.model, registry: options.registry, services: options.services, actor, directory });
    for (let turn = 0; turn < conv.turns.length; turn++) {
      const trace = await thread.send(conv.turns[turn]!.user);
      scores.push(await scoreTurn(conv, turn, conv.turns[turn]!.expect, trace, normalizer, info));
    }
  }
  return scores;
}
