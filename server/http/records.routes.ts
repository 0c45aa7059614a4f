import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../tools/core/context.ts';
import { callTool } from '../../tools/core/services.ts';
import type { ToolRegistry, ToolResult } from '../../tools/registry.ts';
import { actorOrReply, sendStarting } from './caller.ts';
import { errorResponses } from './chat-schemas.ts';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor.ts';
import type { Readiness } from './readiness.ts';
import { leadResource, opportunityResource, parameterOf, toolInputOf, type RecordResource } from './record-resources.ts';
import { invalidInput, sendError, statusForCode } from './reply-error.ts';
import { withZod } from './zod-scope.ts';

// GET /api/<records> (filters, sorting, cursor paging) and GET /api/<records>/:id, each one registry call:
// the tool validates, checks the role and keeps to the caller's scope (someone else's record is a 404).

export interface RecordRoutesOptions {
  registry: ToolRegistry;
  readiness: Readiness;
  actorFor(request: FastifyRequest): Promise<Actor>;
}

const paging = {
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('records per page (1-100)'),
  cursor: z.string().min(1).max(200).optional().describe('nextCursor of the previous page, with the same filters and sorting'),
};

function outputOf(registry: ToolRegistry, tool: string): z.ZodType {
  const definition = registry.get(tool);
  if (!definition) throw new Error(`REST resource over a tool the registry does not have: ${tool}`);
  return definition.output;
}

function sendMiss(reply: FastifyReply, resource: RecordResource, result: Extract<ToolResult, { ok: false }>) {
  const { error } = result;
  const issues = error.issues?.map((issue) => ({ field: parameterOf(resource, issue.field), message: issue.message }));
  return sendError(reply, statusForCode(error.code, 422), { ...error, ...(issues ? { issues, message: issues.map((i) => `${i.field}: ${i.message}`).join('; ') } : {}) });
}

function registerResource(app: FastifyInstance, resource: RecordResource, options: RecordRoutesOptions) {
  const { registry } = options;
  const listOutput = outputOf(registry, resource.searchTool) as z.ZodObject;
  const caller = async (request: FastifyRequest, reply: FastifyReply) => {
    const runtime = options.readiness.runtime();
    if (!runtime) return void sendStarting(reply);
    const actor = await actorOrReply(options.actorFor, request, reply);
    return actor ? { runtime, actor } : undefined;
  };

  return withZod(app, (scope) => {
    scope.get(
      `/api/${resource.plural}`,
      {
        schema: {
          summary: `Search ${resource.plural}`,
          description: `Built on the ${resource.searchTool} tool: the same filters, role and scope.`,
          tags: ['records'],
          querystring: resource.query.extend(paging),
          response: {
            200: z.object({
              ok: z.literal(true),
              [resource.plural]: listOutput.shape[resource.listKey] as z.ZodType,
              page: z.object({ total: z.number().int(), limit: z.number().int(), nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last') }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { limit, cursor, ...query } = request.query as Record<string, unknown> & { limit: number; cursor?: string };
        const input = toolInputOf(resource, query);
        const fingerprint = queryFingerprint(input);
        const at = cursor ? decodeCursor(cursor, fingerprint) : { offset: 0 };
        if ('error' in at) return sendError(reply, 400, invalidInput([{ field: 'cursor', message: at.error }]));
        const context = await caller(request, reply);
        if (!context) return reply;
        const result = await callTool(registry, context.runtime, context.actor, resource.searchTool, { ...input, limit, offset: at.offset }, request.id);
        if (!result.ok) return sendMiss(reply, resource, result);
        const data = result.data as Record<string, unknown> & { page: { total: number; hasMore: boolean } };
        const rows = data[resource.listKey] as unknown[];
        const nextCursor = data.page.hasMore ? encodeCursor(at.offset + rows.length, fingerprint) : null;
        return { ok: true, [resource.plural]: rows, page: { total: data.page.total, limit, nextCursor } };
      },
    );

    scope.get(
      `/api/${resource.plural}/:id`,
      {
        schema: {
          summary: `One ${resource.singular} in full`,
          description: `Built on the ${resource.getTool} tool.`,
          tags: ['records'],
          params: z.object({ id: z.uuid().describe(`${resource.singular} id`) }),
          response: { 200: z.object({ ok: z.literal(true) }).and(outputOf(registry, resource.getTool)), ...errorResponses },
        },
      },
      async (request, reply) => {
        const context = await caller(request, reply);
        if (!context) return reply;
        const result = await callTool(registry, context.runtime, context.actor, resource.getTool, { [resource.idField]: request.params.id }, request.id);
        if (!result.ok) return sendMiss(reply, resource, result);
        // the get tool's own answer ({ opportunity, stageHistory, ... } / { lead, ... }), as the tool gives it
        return { ok: true as const, ...(result.data as Record<string, unknown>) };
      },
    );
  });
}

export async function registerRecordRoutes(app: FastifyInstance, options: RecordRoutesOptions): Promise<void> {
  for (const resource of [opportunityResource, leadResource]) await registerResource(app, resource, options);
}
