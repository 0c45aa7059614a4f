import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../tools/core/context.ts';
import type { FieldIssue } from '../../tools/core/errors.ts';
import { callTool } from '../../tools/core/services.ts';
import { engagementEventInput } from '../../tools/ingest/events/event-schema.ts';
import type { ToolRegistry, ToolResult } from '../../tools/registry.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { actorOrReply } from './caller.ts';
import type { Readiness } from './readiness.ts';
import { statusFor } from './tools.routes.ts';

// Inbound webhooks, as thin adapters over ingestion tools: no schema of their own. Engagement events go to
// ingest_events as one batch; new leads go to lead_upsert one by one, after every lead has passed
// lead_upsert's own input schema (a batch with one malformed lead is refused whole, with the field named).
// No shared-secret check yet: the routes act as the configured local user, like /v1/tools.
// Other systems send fields we have no column for. The tools refuse unknown keys, so the adapter maps them
// explicitly: a lead's extra fields go into its `attributes`, an event's into `providerFields` (kept in the
// event's metadata). Neither is dropped in silence nor a reason to refuse the delivery; the reply lists them.

/** More leads than this in one delivery is refused: each is its own transaction. */
export const MAX_WEBHOOK_LEADS = 100;

export interface WebhookRoutesOptions {
  registry: ToolRegistry;
  readiness: Readiness;
  actorFor(request: FastifyRequest): Promise<Actor>;
}

/** The runtime and acting user, or the reply already sent (503) when either is missing. */
async function callerOf(options: WebhookRoutesOptions, request: FastifyRequest, reply: FastifyReply): Promise<{ runtime: Runtime; actor: Actor } | undefined> {
  const runtime = options.readiness.runtime();
  if (!runtime) {
    await reply.code(503).send({ ok: false, error: { code: 'starting', message: 'The store is still opening', hint: 'retry when GET /health answers 200' } });
    return undefined;
  }
  const actor = await actorOrReply(options.actorFor, request, reply);
  return actor ? { runtime, actor } : undefined;
}

const invalid = (issues: FieldIssue[]) => ({
  ok: false as const,
  error: { code: 'invalid_input', message: issues.map((i) => `${i.field}: ${i.message}`).join('; '), hint: 'fix the named fields and send again', issues },
});

/** A single lead, an array of leads, or { leads: [...] }: the list, and whether the body was a single lead. */
function leadsOf(body: unknown): { leads: unknown[]; single: boolean } {
  if (Array.isArray(body)) return { leads: body, single: false };
  if (body && typeof body === 'object' && Array.isArray((body as { leads?: unknown }).leads)) return { leads: (body as { leads: unknown[] }).leads, single: false };
  return { leads: [body ?? {}], single: true };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Splits an object into the keys a tool takes and the rest, which go under `into` (the sender's own `into` wins). */
export function mapExtraFields(item: unknown, accepted: ReadonlySet<string>, into: string): { input: unknown; extra: string[] } {
  if (!isRecord(item)) return { input: item, extra: [] };
  const known: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) (accepted.has(key) ? known : rest)[key] = value;
  const extra = Object.keys(rest);
  if (extra.length === 0) return { input: item, extra };
  const own = isRecord(known[into]) ? (known[into] as Record<string, unknown>) : {};
  return { input: { ...known, [into]: { ...rest, ...own } }, extra };
}

const EVENT_KEYS = new Set(Object.keys(engagementEventInput.shape));

export async function registerWebhookRoutes(app: FastifyInstance, options: WebhookRoutesOptions): Promise<void> {
  const { registry } = options;

  // Providers post either { events: [...] } or a bare JSON array of events.
  app.post('/v1/webhooks/events', async (request, reply) => {
    const caller = await callerOf(options, request, reply);
    if (!caller) return reply;
    const body = Array.isArray(request.body) ? { events: request.body } : (request.body ?? {});
    const events = isRecord(body) && Array.isArray(body.events) ? body.events.map((e) => mapExtraFields(e, EVENT_KEYS, 'providerFields')) : undefined;
    const input = events ? { ...(body as Record<string, unknown>), events: events.map((e) => e.input) } : body;
    const result = await callTool(registry, caller.runtime, caller.actor, 'ingest_events', input, request.id);
    const mapped = (events ?? []).flatMap((e, index) => (e.extra.length > 0 ? [{ index, providerFields: e.extra }] : []));
    return reply.code(result.ok ? 200 : statusFor(result.error)).send(mapped.length > 0 ? { ...result, mappedFields: mapped } : result);
  });

  app.post('/v1/webhooks/leads', async (request, reply) => {
    const upsert = registry.get('lead_upsert');
    if (!upsert) throw new Error('lead_upsert is not in the registry');
    const { leads: received, single } = leadsOf(request.body);
    const leadKeys = new Set(Object.keys(registry.inputSchemaOf(upsert).shape));
    const mappedLeads = received.map((lead) => mapExtraFields(lead, leadKeys, 'attributes'));
    const leads = mappedLeads.map((m) => m.input);
    if (leads.length === 0) return reply.code(400).send(invalid([{ field: 'leads', message: 'send at least one lead' }]));
    if (leads.length > MAX_WEBHOOK_LEADS) return reply.code(400).send(invalid([{ field: 'leads', message: `at most ${MAX_WEBHOOK_LEADS} leads per delivery` }]));
    const issues = leads.flatMap((lead, index) => {
      const parsed = registry.parseInput(upsert, lead);
      if (parsed.success) return [];
      return parsed.issues.map((issue) => ({
        field: single ? issue.field : ['leads', String(index), ...(issue.field === '(input)' ? [] : [issue.field])].join('.'),
        message: issue.message,
      }));
    });
    if (issues.length > 0) return reply.code(400).send(invalid(issues));

    const caller = await callerOf(options, request, reply);
    if (!caller) return reply;
    const results: (ToolResult & { index: number })[] = [];
    for (const [index, lead] of leads.entries()) {
      results.push({ index, ...(await callTool(registry, caller.runtime, caller.actor, 'lead_upsert', lead, request.id)) });
    }
    if (single) {
      const [only] = results;
      const extra = mappedLeads[0]!.extra;
      return reply
        .code(only!.ok ? 200 : statusFor(only!.error))
        .send({ ok: only!.ok, ...(only!.ok ? { data: only!.data } : { error: only!.error }), ...(extra.length > 0 ? { mappedFields: { attributes: extra } } : {}) });
    }
    const tally = (result: string) => results.filter((r) => r.ok && (r.data as { result?: string }).result === result).length;
    return reply.code(200).send({
      ok: true,
      data: {
        received: leads.length,
        created: tally('created'),
        updated: tally('updated'),
        unchanged: tally('unchanged'),
        failed: results.filter((r) => !r.ok).length,
        results: results.map((r) => {
          const extra = mappedLeads[r.index]!.extra;
          const mapped = extra.length > 0 ? { mappedFields: { attributes: extra } } : {};
          return r.ok ? { index: r.index, ok: true, data: r.data, ...mapped } : { index: r.index, ok: false, error: r.error, ...mapped };
        }),
      },
    });
  });
}
