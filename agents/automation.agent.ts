import { defineAgent } from './agent.ts';

export const automationAgent = defineAgent({
  name: 'automation',
  description: 'Work that runs itself: tasks and reminders, follow-ups due, automation rules and escalations, multi-step workflows, daily briefings and their schedules, undoing a recorded change.',
  prompt: 'automation',
  toolNames: ['task_list', 'task_create', 'task_update', 'followups_due', 'audit_undo', 'automation_run', 'schedule_upsert', 'schedule_list', 'briefing_generate', 'workflow_run', 'workflow_decide'],
});
