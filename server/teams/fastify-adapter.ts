import type { FastifyInstance } from 'fastify';
import type { HttpRouteHandler, IHttpServerAdapter } from '@microsoft/teams.apps';

// Mounts the Teams SDK's messaging endpoint on our fastify server: the SDK's HttpServer registers its route here
// and does the Teams part itself (JWT validation, activity dispatch); we only hand it the parsed body and headers.

export class FastifyTeamsAdapter implements IHttpServerAdapter {
  constructor(private readonly app: FastifyInstance) {}

  registerRoute(method: 'POST', path: string, handler: HttpRouteHandler): void {
    this.app.route({
      method,
      url: path,
      handler: async (request, reply) => {
        const headers: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
        const response = await handler({ body: request.body ?? {}, headers });
        reply.code(response.status);
        return response.body === undefined ? reply.send() : reply.send(response.body);
      },
    });
  }
}
