import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAppError } from '../../core/errors.ts';
import type { Actor } from '../../tools/core/context.ts';
import type { ToolError } from '../../tools/core/errors.ts';
import { callTool } from '../../tools/core/services.ts';
import type { ToolRegistry } from '../../tools/registry.ts';
import type { Copilot } from '../../graph/copilot.ts';
import { copilotAccess } from '../copilot-access.ts';
import { parseToolset, toolsFor } from '../mcp/toolsets.ts';
import type { Readiness } from './readiness.ts';
import { sendError } from './reply-error.ts';

// Every tool over HTTP, generated from the registry: no route declares a schema of its own.

const STATUS_BY_CODE: [RegExp, number][] = [
  [/^invalid_input/, 400],
  [/^forbidden/, 403],
  [/^not_found/, 404],
  [/^(ambiguous|conflict)/, 409],
  [/^internal/, 500],
  [/^config/, 503],
];

export function statusFor(error: ToolError): number {
  return STATUS_BY_CODE.find(([pattern]) => pattern.test(error.code))?.[1] ?? 422;
}

export interface ToolRoutesOptions {
  registry: ToolRegistry;
  readiness: Readiness;
  /** who the request acts as (the API key's user, or the configured local user on loopback) */
  actorFor(request: FastifyRequest): Promise<Actor>;
  /** the copilot, for the surface-only tools that wrap it (ask_copilot, confirm_action) */
  copilot?: () => Copilot | undefined;
}

export async function registerToolRoutes(app: FastifyInstance, options: ToolRoutesOptions): Promise<void> {
  const { registry, readiness } = options;

  // ?toolset=lead,analytics (as MCP's /mcp/<toolset>); filtered by the caller's role once the store is open
  app.get<{ Querystring: { toolset?: string } }>('/v1/tools', async (request, reply) => {
    let toolset;
    try {
      toolset = parseToolset(request.query.toolset);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return sendError(reply, 400, { code: 'invalid_input', message: error.message, ...(error.hint ? { hint: error.hint } : {}), issues: [{ field: 'toolset', message: error.message }] });
    }
    let role;
    try {
      role = readiness.runtime() ? (await options.actorFor(request)).role : undefined;
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code.startsWith('unauthorized')) return sendError(reply, 401, { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
    }
    return { tools: toolsFor(registry.list(), role, toolset) };
  });

  app.post<{ Params: { name: string } }>('/v1/tools/:name', async (request, reply) => {
    const runtime = readiness.runtime();
    if (!runtime) return reply.code(503).send({ ok: false, error: { code: 'starting', message: 'The store is still opening', hint: 'retry when GET /health answers 200' } });
    let actor: Actor;
    try {
      actor = await options.actorFor(request);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return reply.code(503).send({ ok: false, error: { code: error.code, message: error.message, hint: error.hint } });
    }
    const copilot = options.copilot?.();
    const result = await callTool(registry, runtime, actor, request.params.name, request.body ?? {}, request.id, copilot ? copilotAccess(copilot) : undefined);
    return reply.code(result.ok ? 200 : statusFor(result.error)).send(result);
  });
}
