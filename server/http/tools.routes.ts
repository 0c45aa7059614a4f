import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../tools/core/context.ts';
import type { ToolError } from '../../tools/core/errors.ts';
import { mayCall } from '../../tools/core/roles.ts';
import { callTool } from '../../tools/core/services.ts';
import type { ToolRegistry } from '../../tools/registry.ts';
import { actorOrReply, sendStarting } from './caller.ts';
import { errorResponses } from './chat-schemas.ts';
import type { Readiness } from './readiness.ts';
import { statusForCode } from './reply-error.ts';
import { withZod } from './zod-scope.ts';

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
    const result = await callTool(registry, runtime, actor, name, request.body ?? {}, request.id);
    return reply.code(result.ok ? 200 : statusFor(result.error)).send(result);
  }

  await withZod(app, (scope) => {
    scope.get('/v1/tools', { schema: { summary: 'The tools the caller may call, with their JSON Schemas', tags: ['tools'] } }, async (request, reply) => {
      const runtime = readiness.runtime();
      if (!runtime) return { ok: true, tools: registry.list() };
      const actor = await actorOrReply(options.actorFor, request, reply);
      if (!actor) return reply;
      return { ok: true, tools: registry.list().filter((tool) => mayCall(actor.role, tool.minRole, !tool.annotations.readOnlyHint)) };
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
