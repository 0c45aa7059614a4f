import { getTaskView, type TaskView } from '../../db/repos/tasks.ts';
import { inScope } from '../../db/repos/scope.ts';
import type { ToolContext } from '../core/context.ts';
import { forbidden, notFound } from '../core/errors.ts';
import { resolveTask, resolveUser } from '../core/resolve.ts';

// References a task tool turns into ids, each checked against the caller's scope.

/** A user the caller may give work to: themselves, a rep of their team (managers), anyone (admins). */
export async function assignableOwner(ctx: ToolContext, reference: string): Promise<{ id: string; label: string }> {
  const user = await resolveUser(ctx, reference);
  if (user.id !== ctx.actor.userId && !inScope(ctx.scope, user.id)) {
    throw forbidden(`You may not give tasks to ${user.label}`, ctx.actor.role === 'rep' ? 'a rep owns their own tasks; ask your manager to reassign' : 'pick someone in your team');
  }
  return user;
}

export async function taskInScope(ctx: ToolContext, reference: string): Promise<TaskView> {
  const match = await resolveTask(ctx, reference);
  const task = await getTaskView(ctx.db, ctx.scope, match.id);
  if (!task) throw notFound('task', reference, 'check the title, or list tasks with task_list');
  return task;
}
