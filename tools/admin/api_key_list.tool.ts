import { z } from 'zod';
import { listApiKeys, userByEmail } from '../../db/repos/auth.ts';
import { notFound } from '../core/errors.ts';
import { defineTool } from '../registry.ts';

const LIMIT = 200;

export const apiKeyList = defineTool({
  name: 'api_key_list',
  description: 'List API keys by their visible prefix (never the key): whose they are, what for, when created and last used, and whether revoked. Newest first, at most 200.',
  input: z.object({
    user: z.email('must be an email address').optional().describe('only this user\'s keys'),
    includeRevoked: z.boolean().default(false).describe('also list revoked keys'),
  }),
  output: z.object({
    keys: z
      .array(
        z.object({
          keyId: z.string().describe('the key\'s id'),
          prefix: z.string().describe('its first characters'),
          user: z.string().describe('email of the user it acts as'),
          name: z.string().describe('what it is for'),
          createdAt: z.string().describe('when it was created (ISO 8601)'),
          lastUsedAt: z.string().nullable().describe('when a request last used it (to the minute)'),
          revokedAt: z.string().nullable().describe('when it was revoked; null while it works'),
        }),
      )
      .describe('the keys, newest first'),
  }),
  annotations: { title: 'List API keys', readOnlyHint: true },
  minRole: 'admin',
  surfaceOnly: true,
  async execute(input, ctx) {
    const user = input.user ? await userByEmail(ctx.db, input.user) : undefined;
    if (input.user && !user) throw notFound('user', input.user, 'list users with user_list');
    const rows = await listApiKeys(ctx.db, { ...(user ? { userId: user.id } : {}), includeRevoked: input.includeRevoked, limit: LIMIT });
    return {
      keys: rows.map((r) => ({
        keyId: r.id, prefix: r.prefix, user: r.email, name: r.name, createdAt: r.createdAt.toISOString(),
        lastUsedAt: r.lastUsedAt?.toISOString() ?? null, revokedAt: r.revokedAt?.toISOString() ?? null,
      })),
    };
  },
});
