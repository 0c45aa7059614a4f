import { z } from 'zod';
import { TASK_PRIORITIES, TASK_TYPES } from '../../core/domain.ts';
import { getLeadStage } from '../../db/repos/leads.ts';
import { getOpportunityRow } from '../../db/repos/opportunities.ts';
import { inScope } from '../../db/repos/scope.ts';
import { getTaskView, insertTask, usersBrief } from '../../db/repos/tasks.ts';
import { notFound } from '../core/errors.ts';
import { resolveLead, resolveOpportunity } from '../core/resolve.ts';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { DEFAULT_HOURS, zoneOf } from './business-hours.ts';
import { dueInput, parseDue } from './due.ts';
import { auditedTaskFields } from './task-audit.ts';
import { assignableOwner } from './task-refs.ts';
import { taskOutput, taskToOutput } from './task-schema.ts';

export const taskCreate = defineTool({
  name: 'task_create',
  description:
    'Create a task (call, email, meeting, follow-up or to-do) with a priority and a due date, related to a lead or a deal. Owner defaults to the related record\'s owner (else you); a rep only gives tasks to themselves, a manager to their team. A date without a time is due at the end of that working day in the owner\'s time zone.',
  input: z.object({
    title: z.string().trim().min(3, 'say what to do, in a few words').max(200).describe('what to do'),
    lead: reference('lead').optional().describe('the related lead: an id, an email or a name'),
    opportunity: reference('opportunity').optional().describe('the related deal: an id or a name'),
    due: dueInput.optional(),
    priority: z.enum(TASK_PRIORITIES).default('medium').describe('low, medium, high or urgent'),
    type: z.enum(TASK_TYPES).default('todo').describe('call, email, meeting, follow_up or todo'),
    description: z.string().trim().max(2000).optional().describe('details'),
    owner: z.string().trim().min(1).optional().describe('who does it (id, email or name); default the related record\'s owner, else you'),
  }),
  output: z.object({ task: taskOutput, created: z.literal(true).describe('always true: each call creates one task') }),
  annotations: { title: 'Create task', readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  minRole: 'rep',
  async execute(input, ctx) {
    const lead = input.lead ? await resolveLead(ctx, input.lead) : undefined;
    const deal = input.opportunity ? await getOpportunityRow(ctx.db, ctx.scope, (await resolveOpportunity(ctx, input.opportunity)).id) : undefined;
    if (input.opportunity && !deal) throw notFound('opportunity', input.opportunity);
    const leadOwner = lead ? (await getLeadStage(ctx.db, lead.id))?.ownerId : undefined;
    const recordOwner = deal?.ownerId ?? leadOwner ?? null;
    const ownerId = input.owner
      ? (await assignableOwner(ctx, input.owner)).id
      : recordOwner && inScope(ctx.scope, recordOwner) ? recordOwner : ctx.actor.userId;
    const owner = (await usersBrief(ctx.db, [ownerId])).get(ownerId);
    const hours = owner ? { startHour: owner.workingHoursStart, endHour: owner.workingHoursEnd } : DEFAULT_HOURS;
    const dueAt = input.due ? parseDue(input.due, ctx.now, zoneOf(owner?.timeZone), hours) : null;

    const row = await insertTask(ctx.db, {
      title: input.title,
      description: input.description ?? null,
      type: input.type,
      priority: input.priority,
      dueAt,
      ownerId,
      createdById: ctx.actor.userId,
      relatedType: deal ? 'opportunity' : lead ? 'lead' : null,
      leadId: lead?.id ?? deal?.primaryContactId ?? null,
      opportunityId: deal?.id ?? null,
      accountId: deal?.accountId ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const view = await getTaskView(ctx.db, { kind: 'all' }, row.id);
    return { task: taskToOutput(view!, ctx.now), created: true as const };
  },
  audit: (_input, output) => ({
    action: 'task.created',
    recordType: 'task',
    recordId: output.task.id,
    changes: auditedTaskFields(null, output.task),
  }),
});
