import { randomUUID } from 'node:crypto';
import { insertIngestLeads } from '../../../db/repos/ingest-participants.ts';
import { bulkInsertInteractions, type BulkInteraction } from '../../../db/repos/ingest-bulk.ts';
import { countInteractionsOnLeads, dealsOfInteractions, rekeyThread, type LeadTouch } from '../../../db/repos/ingest-interactions.ts';
import { insertMeetingTasks } from '../../../db/repos/ingest-transcript.ts';
import { inScope, type Actor, type Scope } from '../../../db/repos/scope.ts';
import type { Executor } from '../../../db/client.ts';
import { valuesFromSignals } from '../correlation/index.ts';
import {
  storeSignals,
  stripNul,
  type BulkHandler,
  type ParticipantMatch,
  type ParticipantMatcher,
  type PrepareContext,
  type Prepared,
  type StagedLead,
} from '../core/index.ts';
import { extractSignals } from '../signals/index.ts';
import { planMessageTasks, type PlannedTask } from './action-tasks.ts';
import { correlateEmails, newCorrelationCounts, untally, type CorrelationCounts, type EmailFragment } from './correlate.ts';
import type { EmailItem } from './items.ts';

// One parsed email -> one interaction (type email) linked to its lead, account and user, with its
// signals, then correlated with deals (correlate.ts): the deal it merges into or opens gets the
// interaction. Direction: outbound when one of our users sent it, internal when every participant is
// one of our users, inbound otherwise. Machine mail (bounces, auto-replies) keeps its source item only.
// A bulk handler: prepare() plans the rows (reads only), write() stores a batch in a few statements.

export interface EmailRunState {
  threads: Set<string>;
  leadsMatched: Map<string, { name: string; email: string }>;
  leadsCreated: Map<string, { name: string; email: string }>;
  /** correlation outcomes of the stored emails */
  correlation: CorrelationCounts;
  /** competitor names looked for in every message */
  competitors: string[];
  /** action items become tasks of the colleagues who took them */
  createTasks: boolean;
}

export const newEmailRunState = (competitors: string[] = [], createTasks = true): EmailRunState => ({
  threads: new Set(),
  leadsMatched: new Map(),
  leadsCreated: new Map(),
  correlation: newCorrelationCounts(),
  competitors,
  createTasks,
});

export interface EmailWrites {
  leads: StagedLead[];
  interaction: BulkInteraction | null;
  touch: { leadId: string; at: Date; outbound: boolean; byUserId: string | null } | null;
  rekey: { from: string; to: string } | null;
  /** what correlation is told about the email (null: machine mail) */
  correlate: EmailFragment | null;
  /** its action items taken by colleagues, linked to the deal correlation puts the message on */
  tasks: { planned: PlannedTask[]; interactionId: string; leadId: string | null; accountId: string | null } | null;
}

type Lead = Extract<ParticipantMatch, { kind: 'lead' }>;
type User = Extract<ParticipantMatch, { kind: 'user' }>;

/** who owns a lead created for this message: our user on it when the caller may act for them, else the caller */
function ownerFor(ctx: PrepareContext, users: User[]): string | null | undefined {
  const onMessage = users.find((u) => inScope(ctx.scope, u.id));
  if (onMessage) return onMessage.id;
  if (ctx.actor && ctx.actor.role !== 'admin' && ctx.actor.role !== 'exec') return ctx.actor.userId;
  return undefined; // the account's owner
}

async function prepareEmail(e: EmailItem, ctx: PrepareContext, matcher: ParticipantMatcher, state: EmailRunState): Promise<Prepared<EmailWrites>> {
  const rekey = e.threadRekey;
  if (e.automated) return { value: { leads: [], interaction: null, touch: null, rekey, correlate: null, tasks: null }, embedText: '', counts: { automated: 1 } };

  const users = await matcher.userMap(ctx);
  const senderIsUser = e.from !== null && users.has(e.from.email);
  const recipients = [...e.to, ...e.cc, ...e.bcc];
  const everyone = [...(e.from ? [e.from] : []), ...recipients];
  const internal = senderIsUser && recipients.length > 0 && recipients.every((r) => users.has(r.email));
  const direction = internal ? 'internal' : senderIsUser ? 'outbound' : 'inbound';
  const counterpart = direction === 'inbound' ? (e.from ? [e.from.email] : []) : direction === 'outbound' ? e.to.map((p) => p.email) : [];

  const onMessageUsers: User[] = everyone.flatMap((p) => {
    const u = users.get(p.email);
    return u ? [{ kind: 'user' as const, email: p.email, name: p.name, id: u.id, fullName: u.fullName, timeZone: u.timeZone }] : [];
  });
  const owner = ownerFor(ctx, onMessageUsers);
  const staged: StagedLead[] = [];
  const matches = await matcher.match(ctx, { people: everyone, create: counterpart, staged, ...(owner === undefined ? {} : { ownerId: owner }) });
  const found = (emails: string[]) => emails.map((m) => matches.get(m)).filter((m): m is ParticipantMatch => m !== undefined);
  const leadOf = (emails: string[]) => found(emails).find((m): m is Lead => m.kind === 'lead');
  const cc = e.cc.map((p) => p.email);
  const lead = direction === 'inbound' ? (leadOf(e.from ? [e.from.email] : []) ?? leadOf(cc)) : (leadOf(e.to.map((p) => p.email)) ?? leadOf(cc));
  const user = direction === 'inbound' ? onMessageUsers.find((u) => u.email !== e.from?.email) : onMessageUsers[0];
  const domainAccount = found(counterpart).find((m) => m.kind === 'unknown' && m.accountId);
  const accountId = lead?.accountId ?? (domainAccount?.kind === 'unknown' ? domainAccount.accountId : null);

  const occurredAt = e.date ?? ctx.now;
  const body = stripNul(e.body);
  const subject = e.subject ? stripNul(e.subject).slice(0, 998) : null;
  // analysed with the message (analyse.ts), possibly on a worker thread; here they only get their source id
  const extracted = e.signals ?? extractSignals(body, { now: occurredAt, knownCompetitors: state.competitors });
  const signals = storeSignals(extracted, ctx.sourceItemId);
  const interactionId = randomUUID();
  const planned = state.createTasks
    ? planMessageTasks({ interactionId, subject, occurredAt, from: e.from, to: e.to, cc: e.cc }, extracted.actionItems, users, ctx.scope)
    : { tasks: [], commitments: [] };
  const interaction: BulkInteraction = {
    id: interactionId,
    type: 'email',
    direction,
    channel: 'email',
    leadId: lead?.id ?? null,
    accountId,
    opportunityId: null,
    userId: user?.id ?? null,
    threadId: e.threadKey,
    subject,
    body,
    ...signals.fields,
    occurredAt,
    sourceItemId: ctx.sourceItemId,
    metadata: {
      signals: signals.stored,
      ...(planned.commitments.length > 0 ? { commitments: planned.commitments } : {}),
      messageId: e.messageId,
      labels: e.labels,
      attachments: e.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })).slice(0, 50),
    },
    createdAt: ctx.now,
  };
  remember(ctx, state, e.threadKey, lead);
  const correlate: EmailFragment = {
    fragment: {
      sourceItemId: ctx.sourceItemId, kind: 'email', occurredAt, title: subject, text: body, threadKey: e.threadKey,
      participants: [...matches.values()], accountId, interactionIds: [interactionId],
      values: valuesFromSignals(extracted, occurredAt.toISOString().slice(0, 10), body),
    },
    slot: { counted: null },
  };
  ctx.onRollback(() => untally(state.correlation, correlate.slot));
  return {
    value: {
      leads: staged, interaction, touch: lead ? { leadId: lead.id, at: occurredAt, outbound: direction === 'outbound', byUserId: user?.id ?? null } : null, rekey, correlate,
      tasks: planned.tasks.length > 0 ? { planned: planned.tasks, interactionId, leadId: lead?.id ?? null, accountId } : null,
    },
    interactionId,
    embedText: e.embedText,
    ...(e.chunks ? { chunks: e.chunks } : {}),
    counts: {
      interactions: 1,
      [direction]: 1,
      linkedToLead: lead ? 1 : 0,
      leadsCreated: staged.length,
      hiddenParticipants: [...matches.values()].filter((m) => m.kind === 'hidden').length,
      signals: signals.total,
      attachments: e.attachments.length,
      tasks: planned.tasks.length,
    },
  };
}

/** run-level tallies for the tool's output, undone when the item rolls back */
function remember(ctx: PrepareContext, state: EmailRunState, threadKey: string | null, lead: Lead | undefined): void {
  if (threadKey && !state.threads.has(threadKey)) {
    state.threads.add(threadKey);
    ctx.onRollback(() => state.threads.delete(threadKey));
  }
  if (lead?.created && !state.leadsCreated.has(lead.id)) {
    state.leadsCreated.set(lead.id, { name: lead.fullName, email: lead.email });
    ctx.onRollback(() => state.leadsCreated.delete(lead.id));
  } else if (lead && !lead.created && !state.leadsCreated.has(lead.id) && !state.leadsMatched.has(lead.id)) {
    state.leadsMatched.set(lead.id, { name: lead.fullName, email: lead.email });
    ctx.onRollback(() => state.leadsMatched.delete(lead.id));
  }
}

/** per lead: how many interactions a batch adds and its latest outbound touch */
function touches(writes: EmailWrites[]): LeadTouch[] {
  const byLead = new Map<string, LeadTouch>();
  for (const { touch } of writes) {
    if (!touch) continue;
    const t = byLead.get(touch.leadId) ?? { leadId: touch.leadId, count: 0, lastOutboundAt: null, lastOutboundBy: null };
    t.count++;
    if (touch.outbound && (!t.lastOutboundAt || t.lastOutboundAt < touch.at)) {
      t.lastOutboundAt = touch.at;
      t.lastOutboundBy = touch.byUserId;
    }
    byLead.set(touch.leadId, t);
  }
  return [...byLead.values()];
}

/** `actor`: the caller (undefined for an operator import); it may own the deals correlation opens */
export function emailHandler(matcher: ParticipantMatcher, state: EmailRunState, actor: Actor | undefined): BulkHandler<EmailItem, EmailWrites> {
  return {
    prefetch: (items, ctx) =>
      matcher.prefetch(ctx, items.flatMap(({ payload: e }) => [...(e.from ? [e.from.email] : []), ...[...e.to, ...e.cc, ...e.bcc].map((p) => p.email)])),
    prepare: (item, ctx) => prepareEmail(item.payload, ctx, matcher, state),
    async write(tx, batch, ctx) {
      const writes = batch.map((b) => b.value);
      await insertIngestLeads(tx, writes.flatMap((w) => w.leads));
      await bulkInsertInteractions(tx, writes.flatMap((w) => (w.interaction ? [w.interaction] : [])));
      await countInteractionsOnLeads(tx, ctx.scope, touches(writes));
      const rekeys = new Map<string, string>();
      for (const w of writes) {
        if (!w.rekey) continue;
        await rekeyThread(tx, w.rekey.from, w.rekey.to);
        rekeys.set(w.rekey.from, w.rekey.to);
      }
      const emails = writes.flatMap((w) => (w.correlate ? [w.correlate] : []));
      await correlateEmails(tx, emails, { scope: ctx.scope, now: ctx.now, actor, rekeys }, state.correlation);
      await insertActionTasks(tx, writes, ctx, actor);
    },
  };
}

/** after correlation, so each task links to the deal its message landed on */
async function insertActionTasks(tx: Executor, writes: EmailWrites[], ctx: { scope: Scope; now: Date }, actor: Actor | undefined): Promise<void> {
  const withTasks = writes.flatMap((w) => (w.tasks ? [w.tasks] : []));
  if (withTasks.length === 0) return;
  const deals = await dealsOfInteractions(tx, withTasks.map((t) => t.interactionId));
  const rows = withTasks.flatMap((t) => {
    const dealId = deals.get(t.interactionId) ?? null;
    return t.planned.map((p) => ({
      title: p.title, description: p.description, type: 'follow_up' as const, priority: p.dueAt ? ('high' as const) : ('medium' as const), dueAt: p.dueAt,
      ownerId: p.ownerId, createdById: actor?.userId ?? null,
      relatedType: dealId ? ('opportunity' as const) : t.leadId ? ('lead' as const) : ('interaction' as const),
      leadId: t.leadId, opportunityId: dealId, accountId: t.accountId,
      autoGenerated: true, ruleKey: p.ruleKey, createdAt: ctx.now, updatedAt: ctx.now,
    }));
  });
  await insertMeetingTasks(tx, ctx.scope, rows);
}
