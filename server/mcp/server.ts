import { Server, type CallToolResult, type ServerContext } from '@modelcontextprotocol/server';
import type { Logger } from '../../core/logger.ts';
import type { ToolError } from '../../tools/core/errors.ts';
import { needsApproval, type ToolListing, type ToolResult } from '../../tools/registry.ts';
import { RESOURCE_URI_META_KEY } from '@modelcontextprotocol/ext-apps/server';
import { askApproval } from './approval-flow.ts';
import { DASHBOARD_TOOLS, DASHBOARD_URI } from './app/dashboard.ts';
import { registerPrompts } from './prompts.ts';
import { registerResources } from './resources.ts';
import type { McpToolSource } from './source.ts';
import { parseToolset, toolsFor, type Toolset } from './toolsets.ts';

// The registry as an MCP server (the maintained v2 SDK). We answer tools/list and tools/call ourselves (the
// low-level Server) instead of McpServer.registerTool, so the registry validates input exactly once and every
// surface gets the same field-named error; a registerTool handler would be pre-validated by the SDK.


export interface McpServerOptions {
  source: McpToolSource;
  /** which tools to offer (default: all) */
  toolset?: Toolset;
  /** where a failed elicitation is noted */
  log?: Logger;
}

export type { McpToolSource };

export const MCP_SERVER_INFO = { name: 'dealwise', version: '0.1.0' } as const;

/** The MCP annotations of a registry tool, every hint explicit (MCP's defaults assume open-world and destructive). */
export function mcpAnnotations(tool: ToolListing) {
  const a = tool.annotations;
  return {
    title: a.title,
    readOnlyHint: a.readOnlyHint,
    destructiveHint: a.readOnlyHint ? false : (a.destructiveHint ?? true),
    idempotentHint: a.idempotentHint ?? false,
    openWorldHint: a.openWorldHint ?? false,
  };
}

export function mcpTool(tool: ToolListing) {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema as { type: 'object'; [key: string]: unknown },
    outputSchema: tool.outputSchema as { type: 'object'; [key: string]: unknown },
    annotations: mcpAnnotations(tool),
    // MCP Apps: hosts that render apps show the dashboard beside the result (the legacy key for older hosts)
    ...(DASHBOARD_TOOLS.has(tool.name) ? { _meta: { ui: { resourceUri: DASHBOARD_URI }, [RESOURCE_URI_META_KEY]: DASHBOARD_URI } } : {}),
  };
}

/** An expected miss: a result with isError the model reads and recovers from. */
export function missResult(error: ToolError | Record<string, unknown>): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(error, null, 2) }] };
}

function dataResult(data: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(data, null, 2) }], structuredContent: data as Record<string, unknown> };
}

export function createMcpServer(options: McpServerOptions): Server {
  const { source } = options;
  const toolset = options.toolset ?? parseToolset(undefined);
  const server = new Server(MCP_SERVER_INFO, {
    capabilities: { tools: {}, resources: {}, prompts: {} },
    instructions:
      'Dealwise CRM tools. Reads are scoped to the acting user. A change asks the user first: by a form where the client supports it, otherwise the result is approval_required with a preview and an actionId that confirm_action carries out once the user agrees. ask_copilot answers questions in plain language.',
  });

  // the listing is fetched once per connection (over the bridge it is a round trip); the role may become known later
  let listing: Promise<ToolListing[]> | undefined;
  const listed = () => {
    const pending = (listing ??= Promise.resolve(source.list()));
    pending.catch(() => {
      if (listing === pending) listing = undefined;
    });
    return pending;
  };
  const visible = async () => toolsFor(await listed(), await source.role?.(), toolset);

  server.setRequestHandler('tools/list', async () => ({ tools: (await visible()).map(mcpTool) }));

  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult> => {
    const { name } = request.params;
    const args = (request.params.arguments ?? {}) as Record<string, unknown>;
    const tool = (await visible()).find((t) => t.name === name);
    if (!tool) {
      return missResult({ code: 'not_found:tool', message: `No tool named "${name}" in this toolset (${toolset.name}) for you`, hint: 'list the tools again, or connect with a wider toolset' });
    }
    const result = needsApproval(tool.annotations) && args.dryRun !== true ? await approveThenCall(tool, args, ctx) : toCallResult(await source.call(name, args));
    return server.projectCallToolResult(result, tool.outputSchema);
  });

  async function approveThenCall(tool: ToolListing, args: Record<string, unknown>, ctx: ServerContext): Promise<CallToolResult> {
    if (!source.propose) {
      return missResult({ code: 'unavailable:approval', message: `${tool.name} changes data and needs a person's approval, which this connection cannot ask for`, hint: 'call it with dryRun: true to preview, or connect to the server\'s /mcp endpoint' });
    }
    const proposal = await source.propose(tool.name, args);
    if (!proposal.ok) return missResult(proposal.error);
    const { approvalId, preview } = proposal.data;
    const pending = () =>
      missResult({
        code: 'approval_required',
        message: `${tool.title} waits for the user's approval; nothing has changed yet`,
        actionId: approvalId,
        preview,
        hint: 'show the preview to the user; once they agree, call confirm_action with this actionId (decision "reject" drops it)',
      });
    if (!server.getClientCapabilities()?.elicitation) return pending();
    const answer = await askApproval(ctx, tool, args, preview, options.log);
    // no answer (the client failed or timed out): the action stays pending, nothing is written
    if (answer === 'unanswered') return pending();
    const decided = await source.call('confirm_action', { actionId: approvalId, decision: answer });
    if (!decided.ok) return missResult(decided.error);
    if (answer === 'reject') return missResult({ code: 'declined:approval', message: `The user declined: ${tool.name} was not carried out, nothing changed`, actionId: approvalId });
    return dataResult((decided.data as { result?: unknown }).result);
  }

  registerResources(server, source);
  registerPrompts(server);
  return server;
}

/** A registry result as an MCP tool result. */
export function toCallResult(result: ToolResult): CallToolResult {
  return result.ok ? dataResult(result.data) : missResult(result.error);
}
