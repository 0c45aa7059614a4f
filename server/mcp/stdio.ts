import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { systemClock } from '../../core/clock.ts';
import { loadEnv } from '../../core/env.ts';
import { isAppError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { registry } from '../../tools/index.ts';
import { callTool, localActor } from '../../tools/core/services.ts';
import { openRuntime } from '../../tools/runtime.ts';
import { createMcpServer } from './server.ts';
import { pino } from 'pino';

// `npm run mcp`: the tools over MCP stdio, acting as DEALWISE_LOCAL_USER. stdout carries the protocol,
// so every log line goes to stderr.
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL, pino.destination(2));
  const runtime = await openRuntime({ env, clock: systemClock, log });
  const actor = await localActor(runtime, env.DEALWISE_LOCAL_USER);
  const server = createMcpServer({
    list: () => registry.list(),
    call: (name, input) => callTool(registry, runtime, actor, name, input),
  });
  const transport = new StdioServerTransport();
  transport.onclose = () => void runtime.close().then(() => process.exit(0));
  await server.connect(transport);
  // the client closing our stdin is its way of ending the session: close the store and exit now, rather
  // than wait for the SIGTERM it sends seconds later
  process.stdin.once('end', () => void server.close());
  log.info({ tools: registry.names().length }, 'MCP stdio server ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`${isAppError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
