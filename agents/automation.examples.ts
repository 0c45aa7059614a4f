import type { ToolExamples } from './examples.ts';

// The automation tools come with their own issue: phrasings here route them right once they land.
export const automationExamples: ToolExamples[] = [
  { tool: 'task_list', says: [
    'what are my tasks', 'my tasks for today', 'show open tasks', 'what\'s on my to do list', 'tasks due {period}', 'overdue tasks', 'list tasks for {lead}',
  ] },
  { tool: 'task_create', says: [
    'remind me to call {lead} tomorrow', 'create a task to send the contract', 'add a to-do: follow up with {lead} friday', 'set a reminder to chase {deal} next week', 'make a task for {lead}',
    'remind me to call him friday', 'remind me to send the proposal tomorrow', 'ping me next week about {deal}', 'add a follow-up task for {lead}',
  ] },
  { tool: 'task_update', says: [
    'mark that task done', 'complete the task to call {lead}', 'push my task to next week', 'change the task priority to high', 'close the contract task',
  ] },
  { tool: 'followups_due', says: [
    'what follow ups are due', 'who do i need to follow up with', 'overdue follow-ups', 'which leads need a follow up', 'follow ups due this week', 'who have i forgotten to follow up',
  ] },
  { tool: 'automation_run', says: [
    'run the automation rules', 'apply the automations', 'run automations now', 'trigger the follow-up rules',
  ] },
  { tool: 'workflow_run', says: [
    'run the onboarding workflow for {lead}', 'start the close lost workflow for {deal}', 'onboard {lead}', 'kick off the onboard lead workflow',
  ] },
  { tool: 'briefing_generate', says: [
    'give me my daily briefing', 'morning briefing', 'what\'s my briefing today', 'exec briefing', 'manager briefing for my team', 'brief me on my day',
  ] },
  { tool: 'schedule_upsert', says: [
    'send me the briefing every morning at 8', 'schedule a daily briefing at 7am', 'post the briefing to slack every monday', 'set up a weekly briefing',
  ] },
  { tool: 'schedule_list', says: [
    'what schedules do i have', 'list my scheduled briefings', 'show scheduled runs',
  ] },
  { tool: 'audit_undo', says: [
    'undo that', 'undo my last change', 'revert the last change', 'roll back that update', 'undo the stage change',
  ] },
];
