import { createInterface } from 'node:readline';
import { systemClock } from '../../core/clock.ts';
import { loadEnv, type Env } from '../../core/env.ts';
import { isAppError } from '../../core/errors.ts';
import { createLogger, type Logger } from '../../core/logger.ts';
import { localActor } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import { claimStore, StoreLockedError } from '../../tools/remote.ts';
import { openRuntime, type Runtime } from '../../tools/runtime.ts';
import { remoteCopilot } from './remote-copilot.ts';
import { openCopilot } from '../copilot.ts';
import { runChatLoop } from './chat-loop.ts';
import type { Printer } from './chat-render.ts';

// `npm run chat`: the copilot in a terminal, on the configured store (the demo org by default), as the local
// user, with no key needed (the offline model). Approvals are answered y / n / e (edit). Works piped too:
// each line of stdin is a message or an answer.

/**
 * Opens the store the chat works on, or finds the server that owns it: an embedded store is never opened by
 * two processes (tools/remote.ts claimStore), so with a server running the chat goes through its API.
 */
export async function openChatRuntime(env: Env, log: Logger): Promise<{ runtime: Runtime } | { remote: { url: string; token: string } }> {
  const access = await claimStore(env, 'chat');
  if (access.mode === 'remote') return { remote: { url: access.owner.url ?? access.client.url, token: access.owner.token } };
  return { runtime: await openRuntime({ env, clock: systemClock, log, command: 'chat', ...(access.lock ? { lock: access.lock } : {}) }) };
}

/** Lines from stdin, one question at a time; null once input ends. */
function lineReader(out: Printer) {
  const rl = createInterface({ input: process.stdin, terminal: process.stdin.isTTY === true });
  const waiting: ((line: string | null) => void)[] = [];
  const buffered: string[] = [];
  let closed = false;
  rl.on('line', (line) => (waiting.length > 0 ? waiting.shift()!(line) : buffered.push(line)));
  rl.on('close', () => {
    closed = true;
    for (const resolve of waiting.splice(0)) resolve(null);
  });
  return {
    ask(prompt: string): Promise<string | null> {
      out.write(prompt);
      const line = buffered.shift();
      if (line !== undefined) {
        if (!process.stdin.isTTY) out.write(`${line}\n`);
        return Promise.resolve(line);
      }
      if (closed) return Promise.resolve(null);
      return new Promise((resolve) =>
        waiting.push((value) => {
          if (value !== null && !process.stdin.isTTY) out.write(`${value}\n`);
          resolve(value);
        }),
      );
    },
    close: () => rl.close(),
  };
}

async function main(): Promise<void> {
  const out: Printer = { write: (text) => void process.stdout.write(text) };
  let env: Env;
  try {
    env = loadEnv();
  } catch (error) {
    console.error(isAppError(error) ? error.message : String(error));
    process.exit(1);
  }
  const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  out.write('Opening the store...\n');
  let opened: Awaited<ReturnType<typeof openChatRuntime>>;
  try {
    opened = await openChatRuntime(env, log);
  } catch (error) {
    console.error(isAppError(error) || error instanceof StoreLockedError ? `${error.message}${'hint' in error && error.hint ? ` (${String(error.hint)})` : ''}` : String(error));
    process.exit(1);
  }
  const reader = lineReader(out);
  if ('remote' in opened) {
    // the server acts as its configured local user for its owner; the actor here only labels the turn
    const copilot = remoteCopilot(opened.remote.url, opened.remote.token);
    out.write(`Dealwise copilot through ${copilot.modelId}, acting as ${env.DEALWISE_LOCAL_USER}. Empty line or /quit to leave.\n\n`);
    process.on('SIGINT', () => process.exit(0));
    await runChatLoop({ copilot, actor: { userId: 'server-local-user', role: 'admin', teamId: null, email: env.DEALWISE_LOCAL_USER }, lines: reader, out });
    reader.close();
    return;
  }
  const { runtime } = opened;
  const actor = await localActor(runtime, env.DEALWISE_LOCAL_USER);
  const copilot = openCopilot(runtime, env, registry);
  out.write(`Dealwise copilot (${copilot.modelId}), acting as ${env.DEALWISE_LOCAL_USER} (${actor.role}). Empty line or /quit to leave.\n\n`);

  const close = async () => {
    reader.close();
    await runtime.close();
  };
  process.on('SIGINT', () => void close().then(() => process.exit(0)));
  await runChatLoop({ copilot, actor: { ...actor, email: env.DEALWISE_LOCAL_USER }, lines: reader, out });
  await close();
}

void main();
