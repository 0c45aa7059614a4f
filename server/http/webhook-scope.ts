import type { FastifyInstance } from 'fastify';
import { keepRawJsonBodies } from './raw-body.ts';
import { registerWebhookRoutes, type WebhookRoutesOptions } from './webhooks.routes.ts';

// The webhook routes in a plugin of their own, whose JSON parser keeps the raw bytes a signature covers.
export async function registerSignedWebhooks(app: FastifyInstance, options: WebhookRoutesOptions): Promise<void> {
  await app.register(async (scope) => {
    keepRawJsonBodies(scope);
    await registerWebhookRoutes(scope, options);
  });
}
