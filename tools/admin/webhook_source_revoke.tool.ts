import { z } from 'zod';
import { revokeWebhookSource, webhookSourceByName } from '../../db/repos/auth.ts';
import { notFound } from '../core/errors.ts';
import { defineTool } from '../registry.ts';

export const webhookSourceRevoke = defineTool({
  name: 'webhook_source_revoke',
  description: 'Revoke a webhook source: its signed deliveries are refused from the next one on. Revoking a revoked source changes nothing.',
  input: z.object({ name: z.string().trim().min(1).max(63).describe('the source\'s name') }),
  output: z.object({
    sourceId: z.string().describe('the source revoked'),
    name: z.string().describe('its name'),
    revokedAt: z.string().describe('when it was revoked (ISO 8601)'),
    changed: z.boolean().describe('false when it was already revoked'),
  }),
  annotations: { title: 'Revoke webhook source', readOnlyHint: false, destructiveHint: true, idempotentHint: true, approval: 'required' },
  minRole: 'admin',
  surfaceOnly: true,
  async execute(input, ctx) {
    const source = await webhookSourceByName(ctx.db, input.name);
    if (!source) throw notFound('webhook_source', input.name, 'list sources with webhook_source_list');
    if (source.revokedAt) return { sourceId: source.id, name: source.name, revokedAt: source.revokedAt.toISOString(), changed: false };
    await revokeWebhookSource(ctx.db, source.id, ctx.now);
    return { sourceId: source.id, name: source.name, revokedAt: ctx.now.toISOString(), changed: true };
  },
  audit: (_input, output) => ({ action: output.changed ? 'webhook_source.revoked' : 'webhook_source.already_revoked', recordType: 'user', changes: { sourceId: output.sourceId, name: output.name } }),
});
