import { agents } from '../../agents/index.ts';
import type { CopilotModel, EntityDirectory, ToolSpec } from '../../agents/models/types.ts';
import type { Db } from '../../db/client.ts';
import { findUserByEmail } from '../../db/repos/scope.ts';
import { createEntityDirectory } from '../../tools/core/directory.ts';
import type { ToolRegistry } from '../../tools/registry.ts';
import type { Conversation } from './dataset.ts';
import { percentile } from './report.ts';

// Routing + slot filling alone (route and the first agent step, no tools), every first turn of the set,
// after one warm-up round: the model's own cost, apart from the tools it calls.

export async function benchUnderstanding(conversations: readonly Conversation[], model: CopilotModel, registry: ToolRegistry, db: Db, now: Date, rounds = 3): Promise<{ p50: number; p95: number; n: number }> {
  const listing = registry.list();
  const specs = agents.map((a) => ({ name: a.name, description: a.description, prompt: '' }));
  const toolsOf = (agent: string): ToolSpec[] =>
    listing.filter((t) => agents.find((a) => a.name === agent)!.toolNames.includes(t.name)).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, readOnly: t.annotations.readOnlyHint }));
  const directories = new Map<string, EntityDirectory>();
  const times: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    for (const conv of conversations) {
      const actor = (await findUserByEmail(db, conv.actor))!;
      const directory = directories.get(conv.actor) ?? createEntityDirectory({ db }, actor);
      directories.set(conv.actor, directory);
      await directory.names();
      // a trailing space per round: a new message, not the model's per-turn cache
      const messages = [{ role: 'user' as const, content: conv.turns[0]!.user + ' '.repeat(round) }];
      const context = { now, actor: { userId: actor.userId, role: actor.role, teamId: actor.teamId }, focus: [], directory };
      const start = performance.now();
      const route = await model.route({ messages, agents: specs, prompt: '', context });
      if (route.kind === 'plan') {
        for (const step of route.steps) await model.agentStep({ agent: specs.find((a) => a.name === step.agent)!, tools: toolsOf(step.agent), messages, request: step.request, context });
      }
      if (round > 0) times.push(performance.now() - start);
    }
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), n: times.length };
}
