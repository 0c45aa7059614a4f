import { createEntityDirectory } from '../tools/core/directory.ts';
import { createModelFromEnv } from '../agents/models/index.ts';
import type { EntityDirectory } from '../agents/models/types.ts';
import type { Env } from '../core/env.ts';
import { createCopilot, type Copilot, type CopilotActor } from '../graph/copilot.ts';
import { copilotServices } from '../tools/copilot/services.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import type { Runtime } from '../tools/runtime.ts';

// The one place a surface gets its copilot: the model from the configuration, the tool layer's services, and
// the entity directory the local model resolves names with.

// One directory per user, so its short-lived cache of the names they may see serves their next turns too.
function directoryFor(runtime: Runtime): (actor: CopilotActor) => EntityDirectory {
  const byUser = new Map<string, EntityDirectory>();
  return (actor) => {
    let directory = byUser.get(actor.userId);
    if (!directory) {
      directory = createEntityDirectory({ db: runtime.db, clock: () => runtime.clock.now().getTime() }, { userId: actor.userId, role: actor.role, teamId: actor.teamId ?? null });
      byUser.set(actor.userId, directory);
    }
    return directory;
  };
}

export function openCopilot(runtime: Runtime, env: Env, registry: ToolRegistry): Copilot {
  return createCopilot({ model: createModelFromEnv(env), services: copilotServices(runtime, registry), directory: directoryFor(runtime), log: runtime.log });
}
