import fastifySwagger, { type SwaggerTransform } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { $ZodType } from 'zod/v4/core';

// The OpenAPI 3.1 document, generated from the routes' zod schemas (tool routes carry the registry's own
// input and output schemas), at GET /openapi.json, and a browsable page at /docs. Register it before any
// route: it learns the routes as they are added.

const isZod = (value: unknown) => value instanceof $ZodType;

/** Routes of other parts may carry plain JSON Schemas: those go into the document as they are. */
const transform: SwaggerTransform = (route) => {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const parts = [schema.body, schema.querystring, schema.params, schema.headers, ...Object.values((schema.response ?? {}) as Record<string, unknown>)];
  if (parts.some(isZod)) return jsonSchemaTransform(route as Parameters<typeof jsonSchemaTransform>[0]);
  return { schema: route.schema, url: route.url };
};

export interface RouteEntry {
  method: string;
  url: string;
  hidden: boolean;
}

const routeLists = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route the app registered after registerOpenApi (what the document must cover). */
export function routesOf(app: FastifyInstance): RouteEntry[] {
  return routeLists.get(app) ?? [];
}

export async function registerOpenApi(app: FastifyInstance, info: { version: string }): Promise<void> {
  const routes: RouteEntry[] = [];
  routeLists.set(app, routes);
  app.addHook('onRoute', (route) => {
    const hidden = Boolean((route.schema as { hide?: boolean } | undefined)?.hide);
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url, hidden });
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Dealwise',
        version: info.version,
        description: 'The self-hosted sales copilot: chat with it, call its tools, read your records. Every error is { ok: false, error: { code, message, hint?, issues? } }.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'an API key: Authorization: Bearer <key>' } } },
      security: [{ apiKey: [] }],
    },
    transform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
