import type { InteractionType, ObjectionType, Sentiment } from '../../../core/domain.ts';
import type { DealModel, InteractionRow, LeadModel, SeedCtx } from '../model.ts';
import type { Rng } from '../rng.ts';
import { SEND_HOUR_WEIGHTS } from '../catalog/marketing.ts';
import { MINUTE, addMs, nextBusinessAt, roundSecond } from '../time.ts';

// One place that shapes an interaction row, so every builder fills the same columns the same way.

const CHANNEL: Record<InteractionType, string> = { email: 'email', call: 'phone', meeting: 'video', sms: 'sms', whatsapp: 'whatsapp', note: 'crm' };

export interface InteractionSpec {
  type: InteractionType;
  direction: 'inbound' | 'outbound' | 'internal';
  lead: LeadModel;
  at: Date;
  body: string;
  userId?: string;
  deal?: DealModel | undefined;
  subject?: string | undefined;
  threadId?: string | undefined;
  channel?: string;
  sentimentScore?: number;
  sentiment?: Sentiment;
  intent?: string;
  objectionType?: ObjectionType | undefined;
  question?: string | undefined;
  outcome?: string;
  durationSeconds?: number;
  metadata?: Record<string, unknown>;
}

export function addInteraction(ctx: SeedCtx, spec: InteractionSpec): InteractionRow {
  const at = roundSecond(spec.at);
  const score = spec.sentimentScore === undefined ? null : Math.round(spec.sentimentScore * 100) / 100;
  const row: InteractionRow = {
    id: ctx.id(),
    type: spec.type,
    direction: spec.direction,
    channel: spec.channel ?? CHANNEL[spec.type],
    leadId: spec.lead.id,
    accountId: spec.lead.account.id,
    opportunityId: spec.deal?.id ?? null,
    userId: spec.userId ?? spec.deal?.owner.id ?? spec.lead.owner.id,
    threadId: spec.threadId ?? null,
    subject: spec.subject ?? null,
    body: spec.body,
    sentiment: spec.sentiment ?? null,
    sentimentScore: score,
    intent: spec.intent ?? null,
    objectionType: spec.objectionType ?? null,
    question: spec.question ?? null,
    outcome: spec.outcome ?? null,
    durationSeconds: spec.durationSeconds ?? null,
    occurredAt: at,
    metadata: spec.metadata ?? {},
    createdAt: at,
  };
  ctx.data.interactions.push(row);
  return row;
}

/** email threads are keyed by the first message's Message-ID, as a mail import would key them */
export function newThread(ctx: SeedCtx): string {
  return `<${ctx.id()}@mail.dealwise.demo>`;
}

/** the next working-hours moment in the lead's zone after `after`, at an hour reps would pick */
export function nextSendTime(rng: Rng, after: Date, tz: string): Date {
  return nextBusinessAt(addMs(after, 10 * MINUTE), tz, rng.weighted(SEND_HOUR_WEIGHTS), rng.int(0, 59));
}

/** a working-hours moment for calls and meetings */
export function nextMeetingTime(rng: Rng, after: Date, tz: string): Date {
  return nextBusinessAt(addMs(after, 30 * MINUTE), tz, rng.int(9, 16), rng.pick([0, 0, 15, 30, 30, 45]));
}
