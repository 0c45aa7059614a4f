import { z } from 'zod';
import { findApiKeys, revokeApiKey } from '../../db/repos/auth.ts';
import { ambiguous, notFound } from '../core/errors.ts';
import { defineTool } from '../registry.ts';

export const apiKeyRevoke = defineTool({
  name: 'api_key_revoke',
  description: 'Revoke an API key, by its id, its visible prefix or its name: the next request that sends it is refused (401). Revoking a revoked key changes nothing.',
  input: z.object({
    key: z.string().trim().min(1).max(100).describe('the key\'s id, its prefix as api_key_list shows it (e.g. dw_Ab12Cd3e), or its name'),
  }),
  output: z.object({
    keyId: z.string().describe('the key revoked'),
    prefix: z.string().describe('its first characters'),
    user: z.string().describe('email of the user it acted as'),
    revokedAt: z.string().describe('when it was revoked (ISO 8601)'),
    changed: z.boolean().describe('false when it was already revoked'),
  }),
  annotations: { title: 'Revoke API key', readOnlyHint: false, destructiveHint: true, idempotentHint: true, approval: 'required' },
  minRole: 'admin',
  surfaceOnly: true,
  async execute(input, ctx) {
    const found = await findApiKeys(ctx.db, input.key);
    if (found.length === 0) throw notFound('api_key', input.key, 'list keys with api_key_list');
    if (found.length > 1) throw ambiguous('api_key', input.key, found.map((k) => ({ id: k.id, label: `${k.prefix} (${k.name})`, detail: k.email })));
    const key = found[0]!;
    if (key.revokedAt) return { keyId: key.id, prefix: key.prefix, user: key.email, revokedAt: key.revokedAt.toISOString(), changed: false };
    await revokeApiKey(ctx.db, key.id, ctx.now);
    return { keyId: key.id, prefix: key.prefix, user: key.email, revokedAt: ctx.now.toISOString(), changed: true };
  },
  audit: (_input, output) => ({ action: output.changed ? 'api_key.revoked' : 'api_key.already_revoked', recordType: 'user', changes: { keyId: output.keyId, prefix: output.prefix, user: output.user } }),
});
