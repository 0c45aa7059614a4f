import { z } from 'zod';
import { listWebhookSources } from '../../db/repos/auth.ts';
import { defineTool } from '../registry.ts';

const LIMIT = 200;

export const webhookSourceList = defineTool({
  name: 'webhook_source_list',
  description: 'List the systems registered to call the webhooks (never their secrets): name, the user they act as, when added and whether revoked.',
  input: z.object({}),
  output: z.object({
    sources: z
      .array(
        z.object({
          sourceId: z.string().describe('the source\'s id'),
          name: z.string().describe('its name (X-Dealwise-Source)'),
          user: z.string().describe('email of the user it acts as'),
          createdAt: z.string().describe('when it was added (ISO 8601)'),
          revokedAt: z.string().nullable().describe('when it was revoked; null while it works'),
        }),
      )
      .describe('the sources, by name'),
  }),
  annotations: { title: 'List webhook sources', readOnlyHint: true },
  minRole: 'admin',
  surfaceOnly: true,
  async execute(_input, ctx) {
    const rows = await listWebhookSources(ctx.db, LIMIT);
    return { sources: rows.map((r) => ({ sourceId: r.id, name: r.name, user: r.email, createdAt: r.createdAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null })) };
  },
});
