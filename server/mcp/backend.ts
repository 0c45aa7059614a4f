import { systemClock } from '../../core/clock.ts';
import type { Role } from '../../core/domain.ts';
import type { Env } from '../../core/env.ts';
import { isAppError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Copilot } from '../../graph/copilot.ts';
import { localActor } from '../../tools/core/services.ts';
import { openCopilot } from '../copilot.ts';
import type { ToolRegistry, ToolResult } from '../../tools/registry.ts';
import { claimStore, describeOwner, ownerRequest, type RemoteTools } from '../../tools/remote.ts';
import { openRuntime, type Runtime } from '../../tools/runtime.ts';
import { PROPOSALS_PATH } from './paths.ts';
import { runtimeSource } from './runtime-source.ts';
import type { McpToolSource } from './source.ts';

// What `npm run mcp` serves its tools from. With a Dealwise server holding the store: that server, over
// its /v1/tools routes (the bridge), so Claude and the web page see the same data at once. Otherwise the
// store itself, opened (and seeded when empty) in the background so `initialize` is answered at once;
// tool calls wait for it, up to `callWaitMs`, then answer "starting, retry".

type Actor = Awaited<ReturnType<typeof localActor>>;
type Backend = { kind: 'remote'; client: RemoteTools; token: string } | { kind: 'own'; opening: Promise<Runtime>; actor?: Promise<Actor>; role?: Role; copilot?: Copilot };

export interface McpBackendOptions {
  env: Env;
  log: Logger;
  registry: ToolRegistry;
  /** how long a tool call waits for a store still opening before answering `starting` */
  callWaitMs: number;
}

export interface McpBackend {
  source: McpToolSource;
  /** decides bridge or owner now, so opening and seeding start before the first call */
  start(): void;
  /** closes an owned store (after it finished opening: never under a half-written seed) */
  close(): Promise<void>;
}

const failure = (error: unknown): ToolResult => ({
  ok: false,
  error: isAppError(error)
    ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
    : { code: 'internal', message: error instanceof Error ? error.message : String(error) },
});

const STARTING: ToolResult = { ok: false, error: { code: 'starting', message: 'The store is still opening (the first start seeds the demo org)', hint: 'retry this call in a few seconds' } };

/** a refused connection: the server we bridged to has stopped */
const serverGone = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED' || (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET';

export function createMcpBackend(options: McpBackendOptions): McpBackend {
  const { env, log, registry } = options;
  let backend: Promise<Backend> | undefined;

  const decide = async (): Promise<Backend> => {
    const access = await claimStore(env, 'mcp');
    if (access.mode === 'remote') {
      log.info({ server: access.owner.url }, `bridging MCP to the running server: ${describeOwner(access.owner)}`);
      return { kind: 'remote', client: access.client, token: access.owner.token };
    }
    const opening = openRuntime({ env, clock: systemClock, log, command: 'mcp', dailySnapshots: true, ...(access.lock ? { lock: access.lock } : {}) });
    opening.catch((error: unknown) => log.error({ err: error }, 'could not open the store'));
    return { kind: 'own', opening };
  };

  const current = (): Promise<Backend> => {
    const decided = (backend ??= decide());
    // a refusal (another process holds the store) is retried on the next call
    decided.catch(() => {
      if (backend === decided) backend = undefined;
    });
    return decided;
  };

  /** the store once open and the local user found: a miss (starting, no such user) otherwise */
  const ownSource = async (b: Extract<Backend, { kind: 'own' }>): Promise<McpToolSource | ToolResult> => {
    let timer: NodeJS.Timeout | undefined;
    const wait = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), options.callWaitMs)));
    let runtime: Runtime | undefined;
    try {
      runtime = await Promise.race([b.opening, wait]);
    } catch (error) {
      if (backend && (await backend) === b) backend = undefined; // a failed open (lock released) is tried again on the next call
      return failure(error);
    } finally {
      clearTimeout(timer);
    }
    if (!runtime) return STARTING;
    // looked up once; a failed lookup (no such local user) is retried on the next call
    const opened = runtime;
    b.actor ??= localActor(opened, env.DEALWISE_LOCAL_USER);
    let actor: Actor;
    try {
      actor = await b.actor;
    } catch (error) {
      b.actor = undefined;
      return failure(error);
    }
    b.role = actor.role;
    b.copilot ??= openCopilot(opened, env, registry);
    return runtimeSource({ registry, runtime: opened, actor, copilot: b.copilot });
  };

  const callOwn = async (b: Extract<Backend, { kind: 'own' }>, use: (source: McpToolSource) => Promise<ToolResult>): Promise<ToolResult> => {
    const source = await ownSource(b);
    return 'call' in source ? use(source) : source;
  };

  const call = (name: string, input: unknown) => viaBackend((source) => source.call(name, input), (b) => b.client.call(name, input));
  // on the bridge, the running server parks the write (POST /v1/mcp/proposals, server/mcp/http.ts)
  const propose = (name: string, input: Record<string, unknown>) =>
    viaBackend(
      (source) => source.propose!(name, input),
      async (b) => (await ownerRequest(`${b.client.url}${PROPOSALS_PATH}`, b.token, 'POST', { tool: name, input })).body as ToolResult,
    ) as Promise<ToolResult<{ approvalId: string; preview: unknown }>>;

  const viaBackend = async (own: (source: McpToolSource) => Promise<ToolResult>, remote: (b: Extract<Backend, { kind: 'remote' }>) => Promise<ToolResult>, retried = false): Promise<ToolResult> => {
    let b: Backend;
    try {
      b = await current();
    } catch (error) {
      return failure(error);
    }
    if (b.kind === 'own') return callOwn(b, own);
    let result: ToolResult;
    try {
      result = await remote(b);
    } catch (error) {
      if (!serverGone(error) || retried) return failure(error);
      // the server stopped: decide again (bridge to a new one, or own the store now)
      log.warn({ server: b.client.url }, 'the server this bridge used has stopped; reconnecting');
      backend = undefined;
      return viaBackend(own, remote, true);
    }
    if (!result.ok && result.error.code === 'forbidden:owner_token' && !retried) {
      // a restarted server has a new token: read the lock file again
      log.warn({ server: b.client.url }, 'the server was restarted; reconnecting');
      backend = undefined;
      return viaBackend(own, remote, true);
    }
    return result;
  };

  return {
    start: () => void current().catch((error: unknown) => log.warn(isAppError(error) ? `${error.message}. ${error.hint ?? ''}` : String(error))),
    source: {
      // the tool list needs no store: answered from the registry unless bridged (the server's may be newer)
      list: async () => {
        const b = await current().catch(() => undefined);
        return b?.kind === 'remote' ? b.client.list() : registry.list();
      },
      call,
      propose,
      // the local user's role once the store is open (filters the list); the bridge lists what the server lists
      role: async () => {
        const b = await current().catch(() => undefined);
        return b?.kind === 'own' ? b.role : undefined;
      },
    },
    async close() {
      const b = await backend?.catch(() => undefined);
      if (b?.kind !== 'own') return;
      const runtime = await b.opening.catch(() => undefined);
      await runtime?.close();
    },
  };
}
