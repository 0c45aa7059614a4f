import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { pino } from 'pino';
import { loadEnv } from '../../core/env.ts';
import { isAppError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import type { McpBackend } from './backend.ts';
import { createMcpServer, type McpToolSource } from './server.ts';
import { parseToolset } from './toolsets.ts';

// `npm run mcp [-- --toolset lead,analytics]`: the tools over MCP stdio, acting as DEALWISE_LOCAL_USER. stdout carries the protocol,
// so every log line goes to stderr. `initialize` is answered at once: the tools and the store behind
// them load after the transport is up (backend.ts: through a running server, or the store opened here
// when nobody holds it), and requests wait for them. A client that goes away (stdin ends, stdout breaks)
// ends the process cleanly, closing the store.

const CALL_WAIT_MS = 45_000;

async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL, pino.destination(2));
  const toolset = parseToolset(toolsetArgument(process.argv.slice(2)) ?? env.DEALWISE_MCP_TOOLSET);

  // the registry and the store code are the slow part of starting: imported once the client has its answer
  let loading: Promise<McpBackend> | undefined;
  const load = () =>
    (loading ??= (async () => {
      const [{ registry }, { createMcpBackend }] = await Promise.all([import('../../tools/index.ts'), import('./backend.ts')]);
      const backend = createMcpBackend({ env, log, registry, callWaitMs: CALL_WAIT_MS });
      backend.start();
      log.info({ tools: registry.names().length }, 'MCP tools loaded');
      return backend;
    })());
  const source: McpToolSource = {
    list: async () => (await load()).source.list(),
    call: async (name, input) => (await load()).source.call(name, input),
    role: async () => (await load()).source.role?.(),
    propose: async (name, input) => (await load()).source.propose!(name, input),
  };

  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    log.info({ why }, 'MCP client gone: closing');
    try {
      await (await loading?.catch(() => undefined))?.close();
    } catch (error) {
      log.error({ err: error }, 'closing the store failed');
    }
    process.exit(0);
  };
  // EPIPE on a write after the client left is an 'error' event: without a listener it would crash us
  process.stdout.on('error', () => void shutdown('stdout closed'));
  process.stdin.on('end', () => void shutdown('stdin ended'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const server = createMcpServer({ source, toolset, log });
  const transport = new StdioServerTransport();
  transport.onclose = () => void shutdown('transport closed');
  await server.connect(transport);
  log.info({ toolset: toolset.name }, 'MCP stdio server listening');
  void load().catch((error: unknown) => log.error({ err: error }, 'could not load the tools'));
}

/** `--toolset lead,analytics` or `--toolset=read-only` */
function toolsetArgument(args: string[]): string | undefined {
  const at = args.findIndex((arg) => arg === '--toolset' || arg.startsWith('--toolset='));
  if (at < 0) return undefined;
  const arg = args[at]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[at + 1];
}

main().catch((error: unknown) => {
  process.stderr.write(`${isAppError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
