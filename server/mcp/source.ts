import type { Role } from '../../core/domain.ts';
import type { ToolListing, ToolResult } from '../../tools/registry.ts';

// What an MCP server serves its tools from: an open store acting as one caller (runtime-source.ts), or
// `npm run mcp`'s backend (the store it owns, or a running server over HTTP).

export interface McpToolSource {
  /** the registry in process, or a running server's over HTTP (the bridge) */
  list(): ToolListing[] | Promise<ToolListing[]>;
  call(name: string, input: unknown): Promise<ToolResult>;
  /** the caller's role, once known: it filters the tool list (calls are role-checked by the registry anyway) */
  role?(): Role | undefined | Promise<Role | undefined>;
  /**
   * Parks a write for a person's decision with its dry-run preview (a row of the one approvals mechanism);
   * absent where the source cannot, and then a write that needs approval is refused, never made.
   */
  propose?(name: string, input: Record<string, unknown>): Promise<ToolResult<{ approvalId: string; preview: unknown }>>;
}
