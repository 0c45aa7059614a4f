import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { OWNER_TOKEN_HEADER } from '../../tools/remote.ts';

// The bridge (`npm run mcp` with a server running) and the CLIs send the owner token from the store's lock
// file. Until API keys exist every loopback request acts as the local user anyway; verifying the token now
// means a wrong one is refused today and a right one keeps working once keys are required.

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function registerOwnerToken(app: FastifyInstance, ownerToken: string | undefined): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    const sent = request.headers[OWNER_TOKEN_HEADER];
    if (sent === undefined) return;
    if (typeof sent === 'string' && ownerToken !== undefined && same(sent, ownerToken)) return;
    return reply.code(401).send({ ok: false, error: { code: 'forbidden:owner_token', message: `The ${OWNER_TOKEN_HEADER} header does not match this server's lock file`, hint: 'the server was restarted: start the bridge or command again' } });
  });
}
