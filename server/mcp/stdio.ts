import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { pino } from 'pino';
import { loadEnv } from '../../core/env.ts';
import { isAppError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { registry } from '../../tools/index.ts';
import { createMcpBackend } from './backend.ts';
import { createMcpServer } from './server.ts';

// `npm run mcp`: the tools over MCP stdio, acting as DEALWISE_LOCAL_USER. stdout carries the protocol,
// so every log line goes to stderr. `initialize` is answered at once; the store is reached in the
// background (backend.ts): through a running server, or opened here when nobody holds it.
// A client that goes away (stdin ends, stdout breaks) ends the process cleanly, closing the store.

const CALL_WAIT_MS = 45_000;

async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL, pino.destination(2));
  const backend = createMcpBackend({ env, log, registry, callWaitMs: CALL_WAIT_MS });

  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    log.info({ why }, 'MCP client gone: closing');
    try {
      await backend.close();
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

  const server = createMcpServer(backend.source);
  const transport = new StdioServerTransport();
  transport.onclose = () => void shutdown('transport closed');
  await server.connect(transport);
  backend.start();
  log.info({ tools: registry.names().length }, 'MCP stdio server ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`${isAppError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
