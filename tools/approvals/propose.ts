import type { Actor } from '../core/context.ts';
import type { CallServices, ToolRegistry, ToolResult } from '../registry.ts';
import { createApproval } from './approvals.ts';

// A write proposed by a surface that cannot pause a graph (MCP): run it as a dry run for the preview, then
// park it as a pending approval (source 'mcp') that confirm_action carries out once a person agrees.

export async function proposeWrite(
  registry: ToolRegistry,
  services: CallServices,
  actor: Actor,
  name: string,
  input: Record<string, unknown>,
): Promise<ToolResult<{ approvalId: string; preview: unknown }>> {
  const { dryRun: _dryRun, ...proposed } = input;
  const preview = await registry.execute(name, { ...proposed, dryRun: true }, actor, services);
  // a call the registry refuses (bad input, role, scope) is refused now, not parked
  if (!preview.ok) return preview;
  const approval = await createApproval(services.db, { source: 'mcp', requesterId: actor.userId, tool: name, input: proposed, preview: preview.data });
  return { ok: true, data: { approvalId: approval.id, preview: preview.data } };
}
