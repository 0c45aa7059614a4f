import type { AgentDefinition } from '../agents/agent.ts';
import type { ToolSpec } from '../agents/models/types.ts';
import type { Role } from '../core/domain.ts';
import { mayCallAny, type ToolRegistry } from '../tools/registry.ts';

// An agent's tools as its model sees them: only the ones listed in agents/<name>.agent.ts, only the ones the
// caller's role may call (the registry's own rule), and without dryRun, which the graph alone sets.

function forModel(listed: Record<string, unknown>): Record<string, unknown> {
  // providers want the bare schema object: no $schema dialect tag
  const { $schema: _dialect, ...schema } = listed;
  const properties = schema.properties as Record<string, unknown> | undefined;
  if (!properties || !('dryRun' in properties)) return schema;
  const { dryRun: _dryRun, ...rest } = properties;
  return { ...schema, properties: rest, ...(Array.isArray(schema.required) ? { required: schema.required.filter((name) => name !== 'dryRun') } : {}) };
}

export function createToolSpecs(registry: ToolRegistry): (agent: AgentDefinition, role: Role) => ToolSpec[] {
  const listing = new Map(registry.list().map((tool) => [tool.name, tool]));
  const cache = new Map<string, ToolSpec[]>();
  return (agent, role) => {
    const key = `${agent.name}:${role}`;
    let specs = cache.get(key);
    if (!specs) {
      specs = agent.toolNames.flatMap((name) => {
        const tool = listing.get(name);
        if (!tool || !mayCallAny(role, tool)) return [];
        return [{ name, description: tool.description, inputSchema: forModel(tool.inputSchema), readOnly: tool.annotations.readOnlyHint }];
      });
      cache.set(key, specs);
    }
    return specs;
  };
}
