import type { UserBrief } from '../../db/repos/tasks.ts';
import type { ToolContext } from '../core/context.ts';

// What a rule hands the engine: tasks to create (each under its ruleKey), reminders to mark, escalations
// (a manager's task, and the source task to mark escalated), and what it skipped and why.

export interface RecordRef {
  kind: 'lead' | 'opportunity' | 'task';
  id: string;
  name: string;
}

export interface TaskDraft {
  ruleKey: string;
  title: string;
  description: string;
  type: 'call' | 'email' | 'meeting' | 'follow_up' | 'todo';
  priority: 'low' | 'medium' | 'high' | 'urgent';
  dueAt: Date;
  ownerId: string;
  leadId?: string | null;
  opportunityId?: string | null;
  record: RecordRef;
  why: string;
}

export interface RuleEffects {
  tasks: TaskDraft[];
  reminders: { taskId: string; ownerId: string; record: RecordRef; why: string }[];
  escalations: { sourceTaskId?: string; draft: TaskDraft }[];
  skipped: { record: RecordRef; why: string }[];
}

export interface RuleEnv {
  ctx: ToolContext;
  /** users by id with zone, hours and manager (loaded on demand, cached for the run) */
  users(ids: (string | null | undefined)[]): Promise<Map<string, UserBrief>>;
}

export const noEffects = (): RuleEffects => ({ tasks: [], reminders: [], escalations: [], skipped: [] });
