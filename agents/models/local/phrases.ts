// How the local model names what a tool does, for honest "I can't do that here" answers.

export const TOOL_PHRASE: Record<string, string> = {
  draft_email: 'draft emails', draft_sequence: 'build outreach sequences', draft_message: 'draft SMS or WhatsApp messages', call_script: 'write call scripts',
  objection_response: 'suggest objection responses', meeting_brief: 'prepare meeting briefs', meeting_summary: 'summarise meetings', interaction_log: 'log calls and emails',
  task_list: 'list tasks', task_create: 'create tasks and reminders', task_update: 'update tasks', followups_due: 'list follow-ups due', automation_run: 'run automation rules',
  workflow_run: 'run workflows', briefing_generate: 'write daily briefings', schedule_upsert: 'schedule briefings', schedule_list: 'list schedules', audit_undo: 'undo changes',
  lead_assign: 'assign leads to reps', lead_merge: 'merge leads', lead_set_stage: 'change lead stages', opportunity_set_stage: 'change deal stages', opportunity_upsert: 'create or edit deals',
  lead_upsert: 'create or edit leads', lead_remember: 'remember things about leads', forecast_snapshot: 'save forecast snapshots', alert_sync: 'refresh alerts',
};

export const CAN_DO =
  'I can look up, score and qualify leads, work your deals and pipeline, report revenue, forecasts, the funnel and the leaderboard, flag deals at risk and suggest next steps, and search what customers said in emails and calls.';

export function declineOutOfScope(): string {
  return `That's outside what I can do here. ${CAN_DO}`;
}

export function declineMissing(tool: string): string {
  const what = TOOL_PHRASE[tool] ?? tool.replace(/_/g, ' ');
  return `I can't ${what} yet: that part of Dealwise isn't installed here. ${CAN_DO}`;
}

export function declineRole(tool: string, role: string): string {
  const what = TOOL_PHRASE[tool] ?? `use ${tool.replace(/_/g, ' ')}`;
  return `As ${role === 'exec' || role === 'admin' ? 'an' : 'a'} ${role} you can't ${what}${role === 'exec' ? ' (execs have read-only access)' : ''}. Ask your manager or an admin.`;
}
