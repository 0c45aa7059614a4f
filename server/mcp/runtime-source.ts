import type { Copilot } from '../../graph/copilot.ts';
import { proposeWrite } from '../../tools/approvals/propose.ts';
import type { Actor } from '../../tools/core/context.ts';
import type { CallServices, ToolRegistry } from '../../tools/registry.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { copilotAccess } from '../copilot-access.ts';
import type { McpToolSource } from './source.ts';

// The tools of an open store, acting as one caller: what the HTTP endpoint serves each session, and what
// `npm run mcp` serves when it owns the store.

export interface RuntimeSourceOptions {
  registry: ToolRegistry;
  runtime: Runtime;
  actor: Actor;
  /** the copilot behind ask_copilot (absent: ask_copilot answers unavailable) */
  copilot?: Copilot | undefined;
}

export function servicesOf(runtime: Runtime, copilot: Copilot | undefined): CallServices {
  return { db: runtime.db, log: runtime.log, now: runtime.clock.now(), embedder: runtime.embedder, ...(copilot ? { copilot: copilotAccess(copilot) } : {}) };
}

export function runtimeSource(options: RuntimeSourceOptions): McpToolSource {
  const { registry, runtime, actor, copilot } = options;
  return {
    list: () => registry.list(),
    role: () => actor.role,
    call: (name, input) => registry.execute(name, input, actor, servicesOf(runtime, copilot)),
    propose: (name, input) => proposeWrite(registry, servicesOf(runtime, copilot), actor, name, input),
  };
}
