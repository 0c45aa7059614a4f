import { randomUUID } from 'node:crypto';
import { systemClock } from '../../core/clock.ts';
import { loadEnv } from '../../core/env.ts';
import { isAppError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { registry } from '../index.ts';
import type { ToolResult } from '../registry.ts';
import { claimStore, describeOwner, StoreLockedError } from '../remote.ts';
import { openRuntime } from '../runtime.ts';
import { parseAdminArgs, USAGE } from './cli-args.ts';
import { formatAdminResult } from './cli-format.ts';
import { runAsOperator } from './operator.ts';

// `npm run users|keys|webhooks -- ...`: one admin tool call. When a server holds the embedded store the
// call goes to that server (acting as its local user, who must be an admin); otherwise this process opens
// the store and acts as the operator (tools/admin/operator.ts).

async function main(): Promise<number> {
  const [command = '', ...argv] = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) return print(USAGE, argv.length === 0 ? 1 : 0);
  const call = parseAdminArgs(command, argv);
  if ('error' in call) return fail(`${call.error}\n${USAGE}`);

  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  let result: ToolResult;
  try {
    const access = await claimStore(env, command);
    if (access.mode === 'remote') {
      console.error(`${command}: ${describeOwner(access.owner)} holds the store; asking it, as its local user`);
      await access.client.ready();
      result = await access.client.call(call.tool, call.input);
    } else {
      const runtime = await openRuntime({ env, clock: systemClock, log, command, ...(access.lock ? { lock: access.lock } : {}) });
      try {
        result = await runAsOperator(registry, runtime, call.tool, call.input, `cli:${command}:${randomUUID()}`);
      } finally {
        await runtime.close();
      }
    }
  } catch (error) {
    if (error instanceof StoreLockedError) return fail(`${error.message}. ${error.hint ?? ''}`.trim());
    throw error;
  }
  if (!result.ok) {
    const { code, message, hint } = result.error;
    return fail(`${code}: ${message}${hint ? ` (${hint})` : ''}`);
  }
  return print(formatAdminResult(call.tool, result.data), 0);
}

function print(text: string, code: number): number {
  console.log(text);
  return code;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isAppError(error)) console.error(`${error.message}${error.hint ? ` (${error.hint})` : ''}`);
    else console.error(error);
    process.exitCode = 1;
  },
);
