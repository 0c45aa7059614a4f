import { z } from 'zod';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../core/domain.ts';
import { getTaskView, updateTask, usersBrief, type NewTaskRow } from '../../db/repos/tasks.ts';
import { invalidInput, notFound } from '../core/errors.ts';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { DEFAULT_HOURS, zoneOf } from './business-hours.ts';
import { dueInput, parseDue } from './due.ts';
import { auditedTaskFields } from './task-audit.ts';
import { assignableOwner, taskInScope } from './task-refs.ts';
import { taskOutput, taskToOutput } from './task-schema.ts';

export const taskUpdate = defineTool({
  name: 'task_update',
  description:
    'Change a task: mark it done (or in progress, cancelled, reopened), move its due date, change its priority, title, description or owner. Returns each field changed with its old and new value; sending what is already stored changes nothing.',
  input: z.object({
    task: reference('task').describe('the task: its id, or words from its title'),
    status: z.enum(TASK_STATUSES).optional().describe('open, in_progress, done or cancelled'),
    due: dueInput.optional(),
    priority: z.enum(TASK_PRIORITIES).optional().describe('low, medium, high or urgent'),
    title: z.string().trim().min(3).max(200).optional().describe('a new title'),
    description: z.string().trim().max(2000).optional().describe('new details'),
    owner: z.string().trim().min(1).optional().describe('hand it to someone else (id, email or name) in your scope'),
  }),
  output: z.object({
    task: taskOutput,
    changed: z.boolean().describe('false when nothing differed'),
    changes: z.array(z.object({ field: z.string().describe('column'), from: z.unknown().describe('before'), to: z.unknown().describe('after') }).describe('one change')).describe('the fields written'),
  }),
  annotations: { title: 'Update task', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const { task: _ref, ...fields } = input;
    if (Object.values(fields).every((v) => v === undefined)) {
      throw invalidInput([{ field: 'task', message: 'say what to change: status, due, priority, title, description or owner' }]);
    }
    const current = await taskInScope(ctx, input.task);
    const before = taskToOutput(current, ctx.now);
    const set: Partial<NewTaskRow> = {};
    if (input.status && input.status !== current.status) {
      set.status = input.status;
      set.completedAt = input.status === 'done' ? ctx.now : null;
    }
    if (input.priority && input.priority !== current.priority) set.priority = input.priority;
    if (input.title && input.title !== current.title) set.title = input.title;
    if (input.description !== undefined && input.description !== current.description) set.description = input.description;
    if (input.owner) {
      const owner = await assignableOwner(ctx, input.owner);
      if (owner.id !== current.ownerId) set.ownerId = owner.id;
    }
    if (input.due) {
      const ownerId = set.ownerId ?? current.ownerId;
      const owner = (await usersBrief(ctx.db, [ownerId])).get(ownerId);
      const hours = owner ? { startHour: owner.workingHoursStart, endHour: owner.workingHoursEnd } : DEFAULT_HOURS;
      const dueAt = parseDue(input.due, ctx.now, zoneOf(owner?.timeZone), hours);
      if (dueAt.getTime() !== current.dueAt?.getTime()) set.dueAt = dueAt;
    }
    if (Object.keys(set).length === 0) return { task: before, changed: false, changes: [] };
    const written = await updateTask(ctx.db, ctx.scope, current.id, { ...set, updatedAt: ctx.now });
    if (!written) throw notFound('task', input.task);
    const after = taskToOutput((await getTaskView(ctx.db, { kind: 'all' }, current.id))!, ctx.now);
    const changes = Object.entries(auditedTaskFields(before, after)).map(([field, c]) => ({ field, from: c.from, to: c.to }));
    return { task: after, changed: changes.length > 0, changes };
  },
  audit: (_input, output) => ({
    action: output.changed ? 'task.updated' : 'task.unchanged',
    recordType: 'task',
    recordId: output.task.id,
    changes: Object.fromEntries(output.changes.map((c) => [c.field, { from: c.from, to: c.to }])),
  }),
});
