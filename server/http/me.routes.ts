import type { FastifyInstance, FastifyRequest } from 'fastify';
import { userProfile } from '../../tools/admin/identity.ts';
import type { Actor } from '../../tools/core/context.ts';
import { authKindOf } from './auth.ts';
import type { Readiness } from './readiness.ts';
import { sendError } from './reply-error.ts';

// GET /v1/me: who the credential acts as (a client checks its key with it). Authenticated by the hook.

export interface MeRouteOptions {
  readiness: Readiness;
  actorFor(request: FastifyRequest): Promise<Actor>;
}

export async function registerMeRoute(app: FastifyInstance, options: MeRouteOptions): Promise<void> {
  app.get('/v1/me', async (request, reply) => {
    const runtime = options.readiness.runtime();
    if (!runtime) return sendError(reply, 503, { code: 'starting', message: 'The store is still opening', hint: 'retry when GET /health answers 200' });
    const actor = await options.actorFor(request);
    const user = await userProfile(runtime, actor.userId);
    if (!user) return sendError(reply, 404, { code: 'not_found:user', message: 'The acting user is not in the store' });
    const kind = authKindOf(request);
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId }, auth: kind === 'key' ? 'key' : 'local' };
  });
}
