import http from 'node:http';
import type { Env } from '../core/env.ts';
import { acquireStoreLock, describeOwner, StoreLockedError, type LockInfo, type StoreLock } from '../db/lock.ts';
import type { ToolListing, ToolResult } from './registry.ts';
import { storeOptionsFromEnv } from './runtime.ts';

// "Talk to the running server, or own the store": the one decision every process that needs the store
// makes first (server, `npm run mcp`, ingest, chat ...). With DATABASE_URL many processes share Postgres
// and nothing is locked. With the embedded store exactly one process opens it; the others reach it
// through that process's HTTP API, authenticated by the owner token in the lock file.

export const OWNER_TOKEN_HEADER = 'x-dealwise-owner-token';

export type StoreAccess =
  /** this process may open the store; `lock` (embedded store only) goes to openRuntime and is released by its close */
  | { mode: 'own'; lock: StoreLock | undefined }
  /** a server holds the store: go through its API */
  | { mode: 'remote'; owner: LockInfo; client: RemoteTools };

export interface ClaimOptions {
  /** how long to wait for an owner that has the lock but is not listening yet (a server starting up) */
  waitForUrlMs?: number;
}

/**
 * Decides how this process reaches the store. Throws StoreLockedError (a one-line message with a hint)
 * when another process holds it without serving an API (another `npm run mcp`, an import, a seed).
 */
export async function claimStore(env: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>, command: string, options: ClaimOptions = {}): Promise<StoreAccess> {
  const store = storeOptionsFromEnv(env);
  if (store.kind !== 'pglite' || store.dataDir === undefined) return { mode: 'own', lock: undefined };
  const deadline = Date.now() + (options.waitForUrlMs ?? 5_000);
  for (;;) {
    try {
      return { mode: 'own', lock: await acquireStoreLock(store.dataDir, command) };
    } catch (error) {
      if (!(error instanceof StoreLockedError)) throw error;
      const { owner } = error;
      if (owner.url && (await reachable(owner.url))) return { mode: 'remote', owner, client: remoteTools(owner.url, owner.token) };
      // a server between taking the lock and listening: give it a moment; anything else is refused
      if (owner.command !== 'server' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export { describeOwner, StoreLockedError, type LockInfo, type StoreLock };

export interface RemoteTools {
  url: string;
  list(): Promise<ToolListing[]>;
  /** a tool call on the server, acting as its local user; a server still opening answers `starting` */
  call(name: string, input: unknown): Promise<ToolResult>;
  /** resolves once GET /health answers 200; `onWait` is called once if it has to wait */
  ready(onWait?: (status: string) => void): Promise<void>;
}

export interface OwnerAnswer {
  status: number;
  body: unknown;
}

/**
 * One JSON request to the owning server with its owner token (for routes beyond the tools, e.g. a chat).
 * node:http rather than fetch: fetch gives up on a response that takes over 5 minutes (undici's headers
 * timeout), and a big import through the server can take longer than that.
 */
export function ownerRequest(url: string, token: string, method: 'GET' | 'POST', body?: unknown): Promise<OwnerAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method,
        headers: { ...(token ? { [OWNER_TOKEN_HEADER]: token } : {}), accept: 'application/json', ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function reachable(url: string): Promise<boolean> {
  return ownerRequest(`${url}/health`, '', 'GET').then(() => true, () => false);
}

const isToolResult = (body: unknown): body is ToolResult => typeof body === 'object' && body !== null && 'ok' in body;

export function remoteTools(url: string, token: string): RemoteTools {
  return {
    url,
    async list() {
      const answer = await ownerRequest(`${url}/v1/tools`, token, 'GET');
      if (answer.status !== 200) throw new Error(`the Dealwise server at ${url} answered ${answer.status} to GET /v1/tools`);
      return (answer.body as { tools: ToolListing[] }).tools;
    },
    async call(name, input) {
      const answer = await ownerRequest(`${url}/v1/tools/${encodeURIComponent(name)}`, token, 'POST', input ?? {});
      if (isToolResult(answer.body)) return answer.body;
      // fastify's own errors (404 route, 401 token, 500) carry { message } instead of a tool result
      const message = typeof answer.body === 'object' && answer.body !== null && 'message' in answer.body ? String(answer.body.message) : String(answer.body);
      return { ok: false, error: { code: answer.status === 401 ? 'forbidden:owner_token' : 'internal', message: `the Dealwise server at ${url} answered ${answer.status}: ${message}` } };
    },
    async ready(onWait) {
      let told = false;
      for (;;) {
        const answer = await ownerRequest(`${url}/health`, token, 'GET');
        if (answer.status === 200) return;
        const status = (answer.body as { status?: string } | undefined)?.status ?? String(answer.status);
        if (!told) onWait?.(status);
        told = true;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
  };
}
