import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../tools/core/context.ts';
import type { ToolError } from '../../tools/core/errors.ts';
import { isAppError } from '../../core/errors.ts';
import { callTool } from '../../tools/core/services.ts';
import type { ToolRegistry } from '../../tools/registry.ts';
import { actorOrReply, sendStarting } from './caller.ts';
import { errorResponses } from './chat-schemas.ts';
import type { Readiness } from './readiness.ts';
import { sendError, statusForCode } from './reply-error.ts';
import { withZod } from './zod-scope.ts';
import type { Copilot } from '../../graph/copilot.ts';
import { copilotAccess } from '../copilot-access.ts';
import { parseToolset, toolsFor } from '../mcp/toolsets.ts';

// Every tool over HTTP, generated from the registry: one POST route per tool, documented with the tool's own
// input and output schemas, and validated by the registry alone (so its "did you mean" issues reach the caller).

/** A tool miss's HTTP status; a code of no known kind is a 422. */
export function statusFor(error: ToolError): number {
  return statusForCode(error.code, 422);
}

export interface ToolRoutesOptions {
  registry: ToolRegistry;
  readiness: Readiness;
  /** who the request acts as (the API key's user, or the configured local user on loopback) */
  actorFor(request: FastifyRequest): Promise<Actor>;
  /** the copilot, for the surface-only tools that wrap it (ask_copilot, confirm_action) */
  copilot?: () => Copilot | undefined;
}

// the registry validates; the route's schemas only document
const registryValidates = () => (data: unknown) => ({ value: data });

export async function registerToolRoutes(app: FastifyInstance, options: ToolRoutesOptions): Promise<void> {
  const { registry, readiness } = options;

  async function call(name: string, request: FastifyRequest, reply: FastifyReply) {
    const runtime = readiness.runtime();
    if (!runtime) return sendStarting(reply);
    const actor = await actorOrReply(options.actorFor, request, reply);
    if (!actor) return reply;
    const copilot = options.copilot?.();
    const result = await callTool(registry, runtime, actor, name, request.body ?? {}, request.id, copilot ? copilotAccess(copilot) : undefined);
    return reply.code(result.ok ? 200 : statusFor(result.error)).send(result);
  }

  await withZod(app, (scope) => {
    // ?toolset=lead,analytics (as MCP's /mcp/<toolset>); filtered by the caller's role once the store is open
    const listQuery = z.object({ toolset: z.string().optional().describe('all, read-only, or agent names separated by commas (as /mcp/<toolset>)') });
    scope.get('/v1/tools', { schema: { summary: 'The tools the caller may call, with their JSON Schemas', tags: ['tools'], querystring: listQuery } }, async (request, reply) => {
      let toolset;
      try {
        toolset = parseToolset((request.query as z.infer<typeof listQuery>).toolset);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return sendError(reply, 400, { code: 'invalid_input', message: error.message, ...(error.hint ? { hint: error.hint } : {}), issues: [{ field: 'toolset', message: error.message }] });
      }
      const runtime = readiness.runtime();
      if (!runtime) return { ok: true, tools: toolsFor(registry.list(), undefined, toolset) };
      const actor = await actorOrReply(options.actorFor, request, reply);
      if (!actor) return reply;
      return { ok: true, tools: toolsFor(registry.list(), actor.role, toolset) };
    });

    for (const name of registry.names()) {
      const definition = registry.get(name)!;
      scope.post(
        `/v1/tools/${name}`,
        {
          validatorCompiler: registryValidates,
          schema: {
            summary: definition.annotations.title,
            description: definition.description,
            tags: ['tools'],
            body: registry.inputSchemaOf(definition),
            response: { 200: z.object({ ok: z.literal(true), data: definition.output }), ...errorResponses },
          },
        },
        (request, reply) => call(name, request, reply),
      );
    }

    // names the registry does not have: the registry's own not_found:tool, listing the ones it has
    scope.post<{ Params: { name: string } }>('/v1/tools/:name', { schema: { hide: true } }, (request, reply) => call(request.params.name, request, reply));
  });
}
