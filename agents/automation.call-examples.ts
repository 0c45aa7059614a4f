import type { CallExample } from './agent.ts';

// Example utterances for the automation agent's tools, with the call each should become. Data for
// routing prompts and the copilot's eval (argument names are the tools' own).

export const automationCallExamples: readonly CallExample[] = [
  { utterance: 'What tasks do I have this month?', tool: 'task_list', args: { period: 'this_month' } },
  { utterance: 'Show my overdue tasks', tool: 'task_list', args: { status: 'overdue' } },
  { utterance: 'Which tasks are open on the Acme renewal?', tool: 'task_list', args: { opportunity: 'Acme renewal' } },
  { utterance: 'Remind me to call Dana Ruiz tomorrow, high priority', tool: 'task_create', args: { title: 'Call Dana Ruiz', lead: 'Dana Ruiz', due: 'tomorrow', priority: 'high', type: 'call' } },
  { utterance: 'Create a task for Ben to send the Globex proposal by Friday', tool: 'task_create', args: { title: 'Send the Globex proposal', opportunity: 'Globex', owner: 'Ben', due: 'friday', type: 'email' } },
  { utterance: 'Mark "Send pricing to Acme" as done', tool: 'task_update', args: { task: 'Send pricing to Acme', status: 'done' } },
  { utterance: 'Push the security questionnaire task to next Monday', tool: 'task_update', args: { task: 'security questionnaire', due: 'next monday' } },
  { utterance: 'Who should I follow up with today, and when?', tool: 'followups_due', args: {} },
  { utterance: 'Which of Ben\'s follow-ups are due?', tool: 'followups_due', args: { owner: 'Ben' } },
  { utterance: 'Run the automation rules', tool: 'automation_run', args: {} },
  { utterance: 'What would the escalation rules do right now? Don\'t change anything.', tool: 'automation_run', args: { rules: ['missed_followup', 'overdue_task', 'high_value_uncontacted'], dryRun: true } },
  { utterance: 'Give me my morning briefing', tool: 'briefing_generate', args: {} },
  { utterance: 'Prepare the exec briefing', tool: 'briefing_generate', args: { audience: 'exec' } },
  { utterance: 'Send me the manager briefing every weekday at 8 in Berlin time on Slack', tool: 'schedule_upsert', args: { cron: '0 8 * * 1-5', timezone: 'Europe/Berlin', audience: 'manager', channel: 'slack' } },
  { utterance: 'What briefings are scheduled?', tool: 'schedule_list', args: {} },
  { utterance: 'Undo my last change', tool: 'audit_undo', args: { last: true } },
  { utterance: 'Revert audit entry 6f1c2d3e-0000-4000-8000-000000000001', tool: 'audit_undo', args: { auditId: '6f1c2d3e-0000-4000-8000-000000000001' } },
  { utterance: 'Close the Globex deal as lost, they chose a competitor on price', tool: 'workflow_run', args: { workflow: 'close_lost', opportunity: 'Globex', reason: 'chose a competitor on price' } },
  { utterance: 'Onboard the new lead Dana Ruiz', tool: 'workflow_run', args: { workflow: 'onboard_lead', lead: 'Dana Ruiz' } },
  { utterance: 'What is waiting for my approval?', tool: 'workflow_run', args: {} },
  { utterance: 'Approve it', tool: 'workflow_decide', args: { decision: 'approve' } },
];
