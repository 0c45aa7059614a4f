import { createModelFromEnv } from '../agents/models/index.ts';
import type { EntityDirectory } from '../agents/models/types.ts';
import type { Env } from '../core/env.ts';
import { createCopilot, type Copilot, type CopilotActor } from '../graph/copilot.ts';
import { copilotServices } from '../tools/copilot/services.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import type { Runtime } from '../tools/runtime.ts';

// The one place a surface gets its copilot: the model from the configuration, the tool layer's services, and
// the entity directory the local model resolves names with.

// Until the tool layer's EntityDirectory lands, names resolve to nothing; swap this one function for it.
function directoryFor(_runtime: Runtime): (actor: CopilotActor) => EntityDirectory {
  return () => ({ names: async () => [] });
}

export function openCopilot(runtime: Runtime, env: Env, registry: ToolRegistry): Copilot {
  return createCopilot({ model: createModelFromEnv(env), services: copilotServices(runtime, registry), directory: directoryFor(runtime), log: runtime.log });
}
