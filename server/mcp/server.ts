import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolResult } from '../../tools/registry.ts';
import type { ToolListing } from '../../tools/registry.ts';

// The registry as an MCP server. We answer tools/list and tools/call ourselves (the SDK's low-level Server)
// instead of McpServer.registerTool, so the registry validates input exactly once and every surface gets
// the same field-named error; a registerTool handler would be pre-validated by the SDK with its own messages.

export interface McpToolSource {
  /** the registry in process, or a running server's over HTTP (the bridge) */
  list(): ToolListing[] | Promise<ToolListing[]>;
  call(name: string, input: unknown): Promise<ToolResult>;
}

export const MCP_SERVER_INFO = { name: 'dealwise', version: '0.1.0' } as const;

export function createMcpServer(source: McpToolSource): Server {
  const server = new Server(MCP_SERVER_INFO, {
    capabilities: { tools: {} },
    instructions: 'Dealwise CRM tools. Reads are scoped to the acting user; writes take dryRun to preview changes.',
  });

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (await source.list()).map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema as { type: 'object'; [key: string]: unknown },
      outputSchema: tool.outputSchema as { type: 'object'; [key: string]: unknown },
      annotations: tool.annotations,
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const result = await source.call(request.params.name, request.params.arguments ?? {});
    if (!result.ok) {
      // An expected miss is a tool result with isError, so the model can read it and recover.
      return { isError: true, content: [{ type: 'text', text: JSON.stringify(result.error, null, 2) }] };
    }
    return {
      content: [{ type: 'text', text: JSON.stringify(result.data, null, 2) }],
      structuredContent: result.data as Record<string, unknown>,
    };
  });

  return server;
}
