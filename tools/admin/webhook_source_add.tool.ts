import { z } from 'zod';
import { insertWebhookSource, userByEmail, webhookSourceByName } from '../../db/repos/auth.ts';
import { conflict, notFound } from '../core/errors.ts';
import { defineTool } from '../registry.ts';
import { newWebhookSecret } from './secrets.ts';

// The secret is in this answer once; the server keeps it as-is (an HMAC needs it), never in the audit row.

export const webhookSourceAdd = defineTool({
  name: 'webhook_source_add',
  description:
    'Register a system that calls the webhooks (/v1/webhooks/leads, /v1/webhooks/events) and create its shared secret. It signs each delivery with HMAC-SHA256 (headers X-Dealwise-Source, X-Dealwise-Timestamp, X-Dealwise-Signature) and acts as the given user. The secret is shown once, in this answer.',
  input: z.object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_.-]{1,62}$/, 'use 2-63 lower-case letters, digits, dot, dash or underscore')
      .describe('the source\'s name, sent as X-Dealwise-Source (e.g. "hubspot-forms")'),
    user: z.email('must be an email address').describe('email of the user its deliveries act as (their role and scope decide what it may write)'),
  }),
  output: z.object({
    sourceId: z.string().describe('the source\'s id'),
    name: z.string().describe('the source\'s name'),
    secret: z.string().describe('the shared secret: shown this once, give it to the sending system now'),
    user: z.string().describe('email of the user its deliveries act as'),
  }),
  annotations: { title: 'Add webhook source', readOnlyHint: false, destructiveHint: false, idempotentHint: false, approval: 'required' },
  minRole: 'admin',
  surfaceOnly: true,
  async execute(input, ctx) {
    const user = await userByEmail(ctx.db, input.user);
    if (!user) throw notFound('user', input.user, 'add them first with user_add');
    if (await webhookSourceByName(ctx.db, input.name)) throw conflict(`A webhook source named ${input.name} already exists`, 'pick another name (a revoked source keeps its name)');
    const secret = newWebhookSecret();
    // operator calls (the CLI owning the store) have no user id
    const sourceId = await insertWebhookSource(ctx.db, { name: input.name, secret, userId: user.id, createdBy: ctx.actor.userId || null, at: ctx.now });
    return { sourceId, name: input.name, secret, user: user.email };
  },
  audit: (_input, output) => ({ action: 'webhook_source.added', recordType: 'user', changes: { sourceId: output.sourceId, name: output.name, user: output.user } }),
});
