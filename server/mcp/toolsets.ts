import { agents } from '../../agents/index.ts';
import type { Role } from '../../core/domain.ts';
import { AppError } from '../../core/errors.ts';
import { mayCall } from '../../tools/core/roles.ts';
import { needsApproval, type ToolListing } from '../../tools/registry.ts';

// Toolsets: MCP clients cope with a few dozen tools (Cursor reads about 40, Windsurf 50), so a client can ask
// for the tools of one or more agents (`lead,analytics`), the read-only ones, or all of them (the default).
// The same selection serves stdio (--toolset), Streamable HTTP (/mcp/<toolset>) and GET /v1/tools?toolset=.

export const READ_ONLY = 'read-only';
export const ALL = 'all';

export interface Toolset {
  /** as the caller wrote it, normalized (sorted, deduplicated) */
  name: string;
  includes(tool: ToolListing, all: readonly ToolListing[]): boolean;
}

export function toolsetNames(): string[] {
  return [ALL, READ_ONLY, ...agents.map((agent) => agent.name)];
}

/** Parses `lead,analytics`, `read-only` or `all`; a name that is none of these is an error naming the choices. */
export function parseToolset(spec: string | undefined): Toolset {
  const parts = [...new Set((spec ?? ALL).split(',').map((part) => part.trim().toLowerCase()).filter(Boolean))].sort();
  if (parts.length === 0 || parts.includes(ALL)) return { name: ALL, includes: () => true };
  const unknown = parts.filter((part) => part !== READ_ONLY && part !== 'readonly' && !agents.some((agent) => agent.name === part));
  if (unknown.length > 0) {
    throw new AppError('invalid_input:toolset', `Unknown toolset ${unknown.map((u) => `"${u}"`).join(', ')}`, { hint: `one or more of: ${toolsetNames().join(', ')} (comma-separated)` });
  }
  const readOnly = parts.includes(READ_ONLY) || parts.includes('readonly');
  const agentTools = new Set(agents.filter((agent) => parts.includes(agent.name)).flatMap((agent) => agent.toolNames));
  const inAgents = (tool: ToolListing) => agentTools.has(tool.name);
  return {
    name: parts.map((part) => (part === 'readonly' ? READ_ONLY : part)).join(','),
    includes(tool, all) {
      if (readOnly && tool.annotations.readOnlyHint) return true;
      if (tool.name === 'ask_copilot') return true;
      // confirm_action belongs wherever a write waits for approval
      if (tool.name === 'confirm_action') return all.some((other) => inAgents(other) && needsApproval(other.annotations));
      return inAgents(tool);
    },
  };
}

/** The tools a caller with `role` sees in `toolset`: the registry's own role rule decides, as it does for calls. */
export function toolsFor(listing: readonly ToolListing[], role: Role | undefined, toolset: Toolset): ToolListing[] {
  return listing.filter((tool) => toolset.includes(tool, listing) && (role === undefined || mayCall(role, tool.minRole, !tool.annotations.readOnlyHint)));
}
