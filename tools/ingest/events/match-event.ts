import { createHash } from 'node:crypto';
import { findEventInteraction, interactionCampaign, type EventInteraction } from '../../../db/repos/ingest-events.ts';
import type { ToolContext } from '../../core/context.ts';
import { ToolMiss } from '../../core/errors.ts';
import { resolveLead } from '../../core/resolve.ts';
import type { EngagementEventInput } from './event-schema.ts';

// Placing one engagement event: the message it is about (by id or Message-ID, inside the caller's scope),
// its recipient, and the campaign it counts towards, or the reason it cannot be placed.

/** Opens, clicks and bounces belong to messages; a call or a meeting has none. */
const MESSAGE_TYPES = new Set(['email', 'sms', 'whatsapp']);

/** A stable id for an event the provider sent without one, so a resend is still recognised. */
export function derivedExternalId(e: EngagementEventInput): string {
  const key = [e.type, e.interaction ?? '', e.lead?.toLowerCase() ?? '', new Date(e.occurredAt).toISOString(), e.url ?? ''].join('|');
  return `derived:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

export type Matched = { interaction: EventInteraction | undefined; leadId: string | null; campaignId: string | null };

/** Lookups repeat within a batch (a provider sends delivered, opened, clicked... for one message): asked once each. */
export interface Lookups {
  interactions: Map<string, Promise<EventInteraction | 'hidden' | undefined>>;
  leads: Map<string, Promise<string | ToolMiss>>;
  campaigns: Map<string, Promise<string | null>>;
}

const once = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
  let hit = cache.get(key);
  if (!hit) cache.set(key, (hit = load()));
  return hit;
};

async function leadIdOf(ctx: ToolContext, reference: string): Promise<string | ToolMiss> {
  try {
    return (await resolveLead(ctx, reference)).id;
  } catch (error) {
    if (error instanceof ToolMiss) return error;
    throw error;
  }
}

/** The interaction and lead an event is about, or the reason it cannot be placed. */
export async function matchEvent(ctx: ToolContext, e: EngagementEventInput, cache: Lookups): Promise<Matched | string> {
  let interaction: EventInteraction | undefined;
  if (e.interaction) {
    const ref = e.interaction;
    const found = await once(cache.interactions, ref, () => findEventInteraction(ctx.db, ctx.scope, ref));
    if (found === undefined || found === 'hidden') return `no interaction you can see matches "${e.interaction}"`;
    if (!MESSAGE_TYPES.has(found.type)) return `interaction ${found.id} is a ${found.type}; engagement events apply to emails and messages`;
    interaction = found;
  }
  let leadId = interaction?.leadId ?? null;
  if (e.lead) {
    const ref = e.lead.toLowerCase();
    const found = await once(cache.leads, ref, () => leadIdOf(ctx, ref));
    if (found instanceof ToolMiss) return found.message.replace(`"${ref}"`, `"${e.lead}"`);
    leadId = found;
    if (interaction?.leadId && interaction.leadId !== leadId) return `lead "${e.lead}" is not the recipient of interaction ${interaction.id}`;
  }
  const id = interaction?.id;
  const campaignId = id ? await once(cache.campaigns, id, () => interactionCampaign(ctx.db, id)) : null;
  return { interaction, leadId, campaignId };
}

export const newLookups = (): Lookups => ({ interactions: new Map(), leads: new Map(), campaigns: new Map() });
