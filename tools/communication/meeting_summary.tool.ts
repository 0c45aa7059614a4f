import { createHash } from 'node:crypto';
import { z } from 'zod';
import { senderOf } from '../../db/repos/comms-context.ts';
import { dealLink, leadLinks } from '../../db/repos/ingest-transcript.ts';
import { findMeeting, upsertActionItemTasks, usersNamed, type MeetingRow, type NewActionItemTask } from '../../db/repos/meeting-tasks.ts';
import { isUuid } from '../../db/repos/resolve.ts';
import { inScope } from '../../db/repos/scope.ts';
import type { ToolContext } from '../core/context.ts';
import { invalidInput, notFound } from '../core/errors.ts';
import { resolveLead, resolveOpportunity } from '../core/resolve.ts';
import { isoDateTime, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { zoneOr } from './facts/format.ts';
import { actionItemKey, actionTaskTitle, businessDue, dueInstant } from '../ingest/core/action-tasks.ts';
import { readMeeting } from './meetings/summarise.ts';

interface Source {
  meeting: MeetingRow | null;
  text: string;
  at: Date;
  leadId: string | null;
  opportunityId: string | null;
  accountId: string | null;
  title: string;
  key: string;
}

async function sourceOf(ctx: ToolContext, input: { interaction?: string | undefined; text?: string | undefined; occurredAt?: string | undefined; lead?: string | undefined; opportunity?: string | undefined }): Promise<Source> {
  if (input.interaction) {
    const meeting = await findMeeting(ctx.db, ctx.scope, isUuid(input.interaction) ? { id: input.interaction } : { subject: input.interaction });
    if (!meeting) throw notFound('interaction', input.interaction, 'give the interaction id, or words from the meeting\'s subject');
    return { meeting, text: meeting.body, at: meeting.occurredAt, leadId: meeting.leadId, opportunityId: meeting.opportunityId, accountId: meeting.accountId, title: meeting.subject ?? 'Meeting', key: meeting.id };
  }
  if (!input.text) throw invalidInput([{ field: 'interaction', message: 'give an interaction (id or subject words) or the transcript / notes as text' }]);
  const at = input.occurredAt ? new Date(input.occurredAt) : ctx.now;
  if (Number.isNaN(at.getTime())) throw invalidInput([{ field: 'occurredAt', message: 'not a date and time (ISO 8601, e.g. 2026-06-12T15:00:00Z)' }]);
  const deal = input.opportunity ? await dealLink(ctx.db, ctx.scope, (await resolveOpportunity(ctx, input.opportunity)).id) : undefined;
  if (input.opportunity && !deal) throw notFound('opportunity', input.opportunity);
  const lead = input.lead ? (await leadLinks(ctx.db, ctx.scope, [(await resolveLead(ctx, input.lead)).id]))[0] : undefined;
  if (input.lead && !lead) throw notFound('lead', input.lead);
  const hash = createHash('sha1').update(`${at.toISOString()}\n${input.text}`).digest('hex').slice(0, 16);
  return { meeting: null, text: input.text, at, leadId: lead?.id ?? null, opportunityId: deal?.id ?? null, accountId: deal?.accountId ?? lead?.accountId ?? null, title: 'Meeting notes', key: `text-${hash}` };
}

const actionItem = z.object({
  text: z.string().describe('the action item as said'),
  owner: z.string().nullable().describe('who owns it, as named (null: a team or unnamed)'),
  ownerUserId: z.string().nullable().describe('the user it was matched to by name, when one of ours'),
  due: z.string().nullable().describe('due day YYYY-MM-DD, resolved against the meeting date; weekend days move to Monday'),
  dueMovedFromWeekend: z.boolean().describe('true when the date said fell on a weekend and was moved to Monday'),
  speaker: z.string().nullable().describe('who said it'),
  taskId: z.string().nullable().describe('the task it became (createTasks), new or from an earlier run'),
  taskCreated: z.boolean().describe('true when this call created the task (false: it already existed, or none was asked for)'),
});

export const meetingSummary = defineTool({
  name: 'meeting_summary',
  description:
    'Summarise a meeting from a stored interaction (id or subject words) or from a transcript or notes given as text: decisions, action items with owner (matched to a user by name) and due date ("by Friday" resolved against the meeting date), objections raised, and sentiment. With createTasks: true the action items become tasks (once: running it again creates nothing new).',
  input: z.object({
    interaction: z.string().trim().min(1).optional().describe('the meeting: an interaction id, or words from its subject'),
    text: z.string().min(10).max(200_000).optional().describe('a transcript (VTT, SRT, Zoom, "Speaker: text") or meeting notes, when the meeting is not stored'),
    occurredAt: isoDateTime.optional().describe('when the meeting took place (text only; default now): relative dates resolve from it'),
    lead: reference('lead').optional().describe('text only: the lead the meeting was with (tasks link to them)'),
    opportunity: reference('opportunity').optional().describe('text only: the deal the meeting was about (tasks link to it)'),
    createTasks: z.boolean().default(false).describe('true = turn the action items into tasks'),
  }),
  output: z.object({
    interactionId: z.string().nullable().describe('the stored meeting summarised, if any'),
    title: z.string().describe('meeting title'),
    meetingDate: z.string().describe('when it took place (ISO)'),
    format: z.string().describe('how the text was read: vtt, srt, zoom, plain, json or notes'),
    summary: z.string().describe('one paragraph: what was decided and what happens next'),
    decisions: z.array(z.object({ text: z.string().describe('the decision as said'), speaker: z.string().nullable().describe('who said it') })).describe('decisions taken'),
    actionItems: z.array(actionItem).describe('action items'),
    objections: z.array(z.object({ type: z.string().describe('objection type'), text: z.string().describe('what was said'), speaker: z.string().nullable().describe('who said it') })).describe('objections raised'),
    sentiment: z.object({ label: z.enum(['positive', 'neutral', 'negative']).describe('overall mood'), score: z.number().describe('-1..1') }).describe('overall sentiment'),
    tasksCreated: z.number().int().describe('tasks created by this call'),
    tasksExisting: z.number().int().describe('action items whose task already existed (an earlier run)'),
  }),
  annotations: { title: 'Meeting summary', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const src = await sourceOf(ctx, input);
    const me = await senderOf(ctx.db, ctx.actor.userId);
    const zone = zoneOr(me?.timeZone);
    const reading = readMeeting(src.text, src.at, zone);
    const items = await Promise.all(
      reading.sections.actionItems.slice(0, 30).map(async (a) => {
        const users = a.owner ? await usersNamed(ctx.db, a.owner) : [];
        const user = users.length === 1 ? users[0] : undefined;
        const due = a.due ? businessDue(a.due) : null;
        return { a, user, due };
      }),
    );
    const rows: NewActionItemTask[] = [];
    if (input.createTasks) {
      items.forEach(({ a, user, due }) => {
        const ownerId = user && inScope(ctx.scope, user.id) ? user.id : ctx.actor.userId;
        rows.push({
          title: actionTaskTitle(a.text, a.owner && (!user || ownerId !== user.id) ? a.owner : null),
          description: `Action item from "${src.title}" (${src.at.toISOString().slice(0, 10)}), said by ${a.speaker ?? 'an unnamed speaker'}.`,
          type: 'follow_up', priority: due ? 'high' : 'medium',
          dueAt: due ? dueInstant(due.date, user?.timeZone ?? zone) : null,
          ownerId, createdById: ctx.actor.userId,
          relatedType: src.opportunityId ? 'opportunity' : src.leadId ? 'lead' : src.meeting ? 'interaction' : null,
          leadId: src.leadId, opportunityId: src.opportunityId, accountId: src.accountId,
          autoGenerated: true, ruleKey: actionItemKey(src.key, a), createdAt: ctx.now, updatedAt: ctx.now,
        });
      });
    }
    const { created, existing } = await upsertActionItemTasks(ctx.db, ctx.scope, rows);
    const actionItems = items.map(({ a, user, due }) => {
      const key = actionItemKey(src.key, a);
      return {
        text: a.text, owner: a.owner, ownerUserId: user?.id ?? null, due: due?.date ?? null, dueMovedFromWeekend: due?.moved ?? false,
        speaker: a.speaker, taskId: created.get(key) ?? existing.get(key) ?? null, taskCreated: created.has(key),
      };
    });
    const decisions = reading.sections.decisions.map((d) => ({ text: d.quote, speaker: d.speaker }));
    const objections = reading.sections.objections.map((o) => ({ type: o.type, text: o.quote, speaker: o.speaker }));
    const dueSoonest = actionItems.map((x) => x.due).filter((d): d is string => d !== null).sort()[0];
    const summary = [
      `${src.title} (${src.at.toISOString().slice(0, 10)}): ${decisions.length} decision(s), ${actionItems.length} action item(s)${dueSoonest ? `, the first due ${dueSoonest}` : ''}.`,
      decisions[0] ? `Decided: ${decisions[0].text}` : 'No decision was recorded.',
      objections.length > 0 ? `Concerns raised: ${[...new Set(objections.map((o) => o.type))].join(', ')}.` : '',
      `Overall mood: ${reading.sentiment.label}.`,
    ].filter(Boolean).join(' ');
    return {
      interactionId: src.meeting?.id ?? null, title: src.title, meetingDate: src.at.toISOString(), format: reading.format, summary,
      decisions, actionItems, objections, sentiment: reading.sentiment, tasksCreated: created.size, tasksExisting: existing.size,
    };
  },
  audit: (input, output) => {
    const created = output.actionItems.filter((a) => a.taskCreated && a.taskId);
    if (created.length === 0) return { action: 'meeting.summarised', recordType: 'interaction', ...(output.interactionId ? { recordId: output.interactionId } : {}), changes: { tasksCreated: 0 } };
    return created.map((a) => ({ action: 'task.created_from_meeting', recordType: 'task' as const, recordId: a.taskId as string, changes: { title: a.text, due: a.due, owner: a.ownerUserId } }));
  },
});
