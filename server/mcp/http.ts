import { randomUUID } from 'node:crypto';
import { createMcpHandler, isInitializeRequest, WebStandardStreamableHTTPServerTransport, type AuthInfo, type Server } from '@modelcontextprotocol/server';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Copilot } from '../../graph/copilot.ts';
import { proposeWrite } from '../../tools/approvals/propose.ts';
import type { Actor } from '../../tools/core/context.ts';
import { needsApproval, type ToolRegistry } from '../../tools/registry.ts';
import { sendError } from '../http/reply-error.ts';
import type { Readiness } from '../http/readiness.ts';
import { MCP_PATH, PROPOSALS_PATH } from './paths.ts';
import { runtimeSource, servicesOf } from './runtime-source.ts';
import { createMcpServer, type McpToolSource } from './server.ts';
import { parseToolset, type Toolset } from './toolsets.ts';

// MCP over Streamable HTTP at /mcp (all tools) and /mcp/<toolset> (/mcp/analytics, /mcp/lead,analytics,
// /mcp/read-only), on the same server and with the same key auth as the rest (actorFor). A client that
// initializes gets a session (2025-era clients: the 1.x SDK, the Inspector, Claude, IDEs): its server instance
// lives across requests, so an elicitation asked during a tool call is answered on a later POST. Requests
// without a session that are not an initialize (the 2026-07-28 per-request era) are served statelessly.
// A session belongs to the user who opened it: anyone else gets 404, as for an unknown session.

export interface McpRoutesOptions {
  registry: ToolRegistry;
  readiness: Readiness;
  actorFor(request: FastifyRequest): Promise<Actor>;
  copilot?: () => Copilot | undefined;
  /** a session unused this long is closed (default 30 minutes) */
  sessionIdleMs?: number;
}

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server;
  userId: string;
  /** who calls, as authenticated by the latest request (a role or team changed since opening applies at once) */
  caller: { actor: Actor };
  toolset: string;
  lastSeen: number;
}

const SESSION_HEADER = 'mcp-session-id';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

// DNS rebinding: a web page on this machine must not reach a loopback-bound /mcp through a name it controls.
// Requests that arrived on a loopback address must name localhost (Host, and Origin when a browser sends one);
// a server reached over the network (HOST=0.0.0.0 behind a domain) is protected by its keys instead.
const loopbackHost = localhostHostValidation();
const loopbackOrigin = localhostOriginValidation();
async function rebindingGuard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!LOOPBACK.has(request.socket.localAddress ?? '')) return;
  await loopbackHost(request, reply);
  if (!reply.sent) await loopbackOrigin(request, reply);
}

/** fastify's request as the Web Request the SDK transports take (the body is passed already parsed) */
function webRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(`http://${request.headers.host ?? 'localhost'}${request.url}`, { method: request.method, headers });
}

async function sendWeb(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  reply.code(response.status);
  response.headers.forEach((value, name) => void reply.header(name, value));
  return reply.send(response.body ?? '');
}

function jsonRpcError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ jsonrpc: '2.0', error: { code: status === 404 ? -32001 : -32000, message }, id: null });
}

export async function registerMcpRoutes(app: FastifyInstance, options: McpRoutesOptions): Promise<void> {
  const { registry, readiness } = options;
  const sessions = new Map<string, Session>();
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;

  const sourceFor = (actor: Actor) => {
    const runtime = readiness.runtime()!;
    return runtimeSource({ registry, runtime, actor, copilot: options.copilot?.() });
  };
  // a session's server lives across requests: it acts as the session's current actor, never the one it opened with
  const sessionSource = (current: () => Actor): McpToolSource => ({
    list: () => registry.list(),
    role: () => current().role,
    call: (name, input) => sourceFor(current()).call(name, input),
    propose: (name, input) => sourceFor(current()).propose!(name, input),
  });

  // the per-request era: one server per request, told who calls through authInfo
  const stateless = createMcpHandler(({ authInfo }) => {
    const { actor, toolset } = authInfo!.extra as { actor: Actor; toolset: Toolset };
    return createMcpServer({ source: sourceFor(actor), toolset, log: app.log as unknown as Logger });
  });

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, session] of sessions) if (now - session.lastSeen > idleMs) void session.transport.close();
  }, Math.min(idleMs, 60_000));
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    await Promise.all([...sessions.values()].map((session) => session.transport.close()));
    await stateless.close();
  });

  /** who calls, or an answer already sent (401 no/bad key, 503 starting) */
  async function callerOf(request: FastifyRequest, reply: FastifyReply): Promise<Actor | undefined> {
    if (!readiness.runtime()) {
      sendError(reply, 503, { code: 'starting', message: 'The store is still opening', hint: 'retry when GET /health answers 200' });
      return undefined;
    }
    try {
      return await options.actorFor(request);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const status = error.code.startsWith('unauthorized') ? 401 : 503;
      if (status === 401) reply.header('www-authenticate', 'Bearer');
      sendError(reply, status, { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
      return undefined;
    }
  }

  const handle = async (request: FastifyRequest<{ Params: { toolset?: string } }>, reply: FastifyReply) => {
    const actor = await callerOf(request, reply);
    if (!actor) return reply;
    let toolset: Toolset;
    try {
      toolset = parseToolset(request.params.toolset);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return sendError(reply, 404, { code: 'not_found:toolset', message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
    }
    const sessionId = request.headers[SESSION_HEADER];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      // someone else's session, or one opened on another toolset, reads as unknown
      if (!session || session.userId !== actor.userId || session.toolset !== toolset.name) return jsonRpcError(reply, 404, 'Session not found: initialize again');
      session.lastSeen = Date.now();
      session.caller.actor = actor;
      return sendWeb(reply, await session.transport.handleRequest(webRequest(request), { parsedBody: request.body }));
    }
    if (request.method === 'POST' && isInitializeRequest(request.body)) {
      const caller = { actor };
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (id) => void sessions.set(id, { transport, server, userId: actor.userId, caller, toolset: toolset.name, lastSeen: Date.now() }),
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      const server = createMcpServer({ source: sessionSource(() => caller.actor), toolset, log: app.log as unknown as Logger });
      await server.connect(transport);
      return sendWeb(reply, await transport.handleRequest(webRequest(request), { parsedBody: request.body }));
    }
    if (request.method !== 'POST') return jsonRpcError(reply, 400, 'No session: POST an initialize request first');
    const authInfo: AuthInfo = { token: '', clientId: actor.userId, scopes: [], extra: { actor, toolset } };
    return sendWeb(reply, await stateless.fetch(webRequest(request), { parsedBody: request.body, authInfo }));
  };

  for (const url of [MCP_PATH, `${MCP_PATH}/:toolset`]) {
    app.route<{ Params: { toolset?: string } }>({ method: ['GET', 'POST', 'DELETE'], url, onRequest: rebindingGuard, handler: handle });
  }

  // the stdio bridge parks a write for approval here, acting as the server's user (see backend.ts)
  app.post<{ Body: { tool?: unknown; input?: unknown } }>(PROPOSALS_PATH, async (request, reply) => {
    const actor = await callerOf(request, reply);
    if (!actor) return reply;
    const { tool, input } = request.body ?? {};
    const definition = typeof tool === 'string' ? registry.get(tool) : undefined;
    if (!definition || !needsApproval(definition.annotations)) {
      return sendError(reply, 400, { code: 'invalid_input', message: 'tool must name a write that needs approval', issues: [{ field: 'tool', message: 'not a write that needs approval' }] });
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return sendError(reply, 400, { code: 'invalid_input', message: 'input must be an object', issues: [{ field: 'input', message: 'must be an object' }] });
    const result = await proposeWrite(registry, servicesOf(readiness.runtime()!, options.copilot?.()), actor, tool as string, input as Record<string, unknown>);
    return reply.code(200).send(result);
  });
}
