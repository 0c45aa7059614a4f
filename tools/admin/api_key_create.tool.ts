import { z } from 'zod';
import { insertApiKey, userByEmail } from '../../db/repos/auth.ts';
import { notFound, ToolMiss } from '../core/errors.ts';
import { defineTool } from '../registry.ts';
import { newApiKey } from './secrets.ts';

// The key is in this tool's answer and nowhere else: only its hash and visible prefix are stored, and the
// audit row records the prefix. Its input holds no secret, so the registry's audit of the input is safe.

export const apiKeyCreate = defineTool({
  name: 'api_key_create',
  description:
    'Create an API key for a user: every HTTP and MCP request sent with it (Authorization: Bearer <key>) acts as that user, with their role and scope. The key is shown once, in this answer; only its hash is kept.',
  input: z.object({
    user: z.email('must be an email address').describe('email of the user the key acts as'),
    name: z.string().trim().min(1).max(100).default('default').describe('what the key is for (e.g. "laptop", "zapier"), to tell keys apart'),
  }),
  output: z.object({
    keyId: z.string().describe('the key\'s id (to revoke it)'),
    key: z.string().describe('the key itself: shown this once, store it now'),
    prefix: z.string().describe('its first characters, as lists show it'),
    user: z.string().describe('email of the user it acts as'),
    name: z.string().describe('what the key is for'),
  }),
  annotations: { title: 'Create API key', readOnlyHint: false, destructiveHint: false, idempotentHint: false, approval: 'required' },
  minRole: 'admin',
  surfaceOnly: true,
  async execute(input, ctx) {
    const user = await userByEmail(ctx.db, input.user);
    if (!user) throw notFound('user', input.user, 'add them first with user_add');
    if (!user.active) throw new ToolMiss({ code: 'conflict', message: `${user.email} is not active`, hint: 'keys are only for active users' });
    const secret = newApiKey();
    const keyId = await insertApiKey(ctx.db, { userId: user.id, name: input.name, prefix: secret.prefix, keyHash: secret.hash, createdBy: ctx.actor.userId || null, at: ctx.now });
    return { keyId, key: secret.key, prefix: secret.prefix, user: user.email, name: input.name };
  },
  // never the key: only what identifies it
  audit: (_input, output) => ({ action: 'api_key.created', recordType: 'user', changes: { keyId: output.keyId, prefix: output.prefix, user: output.user, name: output.name } }),
});
