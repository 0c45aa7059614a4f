import type { Targets } from './records.ts';

// One representative input per tool, aimed at a given set of records. Every tool in the registry must
// have one: the role matrix fails on a tool it cannot exercise.
export const EXAMPLES: Record<string, (t: Targets) => Record<string, unknown>> = {
  alert_sync: () => ({}),
  // surface-only: without a copilot it answers unavailable; an unknown action is refused before anything runs
  ask_copilot: () => ({ message: 'how is my pipeline?' }),
  confirm_action: () => ({ actionId: 'not-an-action' }),
  deal_strategy: (t) => ({ opportunity: t.deal }),
  lead_assign: (t) => ({ lead: t.lead }),
  lead_find_duplicates: (t) => ({ lead: t.lead }),
  lead_get: (t) => ({ lead: t.lead }),
  lead_merge: (t) => ({ survivor: t.lead, duplicate: t.lead2 }),
  lead_prioritize: () => ({}),
  lead_remember: (t) => ({ lead: t.lead, note: 'prefers calls before 10' }),
  lead_qualify: (t) => ({ lead: t.lead, framework: 'BANT' }),
  lead_score: (t) => ({ lead: t.lead }),
  lead_search: () => ({ limit: 100 }),
  lead_set_stage: (t) => ({ lead: t.lead, stage: 'contacted', reason: 'role matrix check' }),
  lead_upsert: (t) => ({ lead: t.lead, title: 'VP Operations' }),
  next_best_action: (t) => ({ opportunity: t.deal }),
  opportunity_get: (t) => ({ opportunity: t.deal }),
  opportunity_search: () => ({ limit: 100 }),
  opportunity_set_stage: (t) => ({ opportunity: t.deal, stage: 'negotiation', reason: 'role matrix check' }),
  opportunity_upsert: (t) => ({ opportunity: t.deal, nextSteps: 'role matrix check' }),
  opportunity_win_probability: (t) => ({ opportunity: t.deal }),
  pipeline_summary: () => ({}),
  risk_scan: () => ({ limit: 100 }),
  semantic_search: () => ({ query: 'pricing discount budget', limit: 20 }),
  similar_deals: (t) => ({ opportunity: t.deal, limit: 20 }),
  win_loss_analysis: () => ({}),
  funnel_report: () => ({ period: 'last_quarter', groupBy: 'rep' }),
  revenue_report: () => ({ period: 'this_year', groupBy: 'rep' }),
  pipeline_health: () => ({ period: 'this_quarter' }),
  rep_leaderboard: () => ({ period: 'last_quarter' }),
  campaign_roi: () => ({ period: 'last_quarter' }),
  engagement_insights: () => ({ period: 'this_year' }),
  forecast: () => ({ period: 'this_quarter', groupBy: 'rep', simulations: 2000 }),
  forecast_snapshot: () => ({ period: 'this_quarter', simulations: 2000 }),
  forecast_accuracy: () => ({}),
  ingest_events: (t) => ({ events: [{ externalId: `role-matrix-${t.lead}`, type: 'delivered', occurredAt: '2026-06-15T11:00:00Z', lead: t.lead }] }),
  ingest_transcript: (t) => ({
    content: 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana Ruiz>We agreed to send the proposal by Friday.</v>\n',
    opportunity: t.deal,
    occurredAt: '2026-06-15T10:00:00Z',
    createTasks: true,
  }),
  ingest_email: () => ({
    content: 'From: Role Matrix <role.matrix@example.com>\nTo: someone@example.com\nSubject: Role matrix check\nDate: Mon, 15 Jun 2026 10:00:00 +0000\nMessage-ID: <role-matrix-1@example.com>\n\nChecking the role matrix.\n',
  }),
  ingest_crm_csv: () => ({ content: 'id,name,stage,amount\nrole-matrix-1,Role matrix deal,Proposal,1000\n', fileName: 'role-matrix.csv' }),
  task_list: (t) => ({ status: 'all', lead: t.lead, limit: 100 }),
  task_create: (t) => ({ title: 'Role matrix follow-up', lead: t.lead, due: 'tomorrow', priority: 'high', type: 'call' }),
  task_update: (t) => ({ task: t.task, priority: 'urgent' }),
  followups_due: () => ({ limit: 100 }),
  audit_undo: () => ({ last: true }),
  automation_run: () => ({}),
  schedule_upsert: () => ({ cron: '0 8 * * 1-5', timezone: 'Europe/Berlin', audience: 'rep', channel: 'web' }),
  schedule_list: () => ({}),
  briefing_generate: () => ({ markRead: false }),
  workflow_run: (t) => ({ workflow: 'close_lost', opportunity: t.deal, reason: 'role matrix check' }),
  workflow_decide: () => ({ decision: 'reject', note: 'role matrix check' }),
  feedback_annotate: (t) => ({ record: 'opportunity', target: t.deal, field: 'nextSteps', value: 'role matrix check' }),
  draft_email: (t) => ({ lead: t.lead, purpose: 'follow_up' }),
  draft_sequence: (t) => ({ lead: t.lead, steps: 4 }),
  draft_message: (t) => ({ lead: t.lead, channel: 'sms' }),
  call_script: (t) => ({ opportunity: t.deal }),
  objection_response: (t) => ({ objection: 'Honestly the price is more than we budgeted.', lead: t.lead }),
  meeting_brief: (t) => ({ opportunity: t.deal }),
  meeting_summary: (t) => ({
    text: 'Dana Ruiz: We agreed to go with the annual plan.\nMaya Chen: I will send the order form by Friday.',
    opportunity: t.deal,
    occurredAt: '2026-06-12T15:00:00Z',
    createTasks: true,
  }),
  interaction_log: (t) => ({ lead: t.lead, kind: 'call', text: 'Spoke with them; they asked for a demo next week. Booked a demo call.', occurredAt: '2026-06-15T10:00:00Z' }),
  user_add: () => ({ email: 'role.matrix@example.com', name: 'Role Matrix', role: 'rep' }),
  user_list: () => ({}),
  api_key_create: () => ({ user: 'admin@dealwise.demo', name: 'role matrix' }),
  api_key_list: () => ({}),
  api_key_revoke: () => ({ key: 'role matrix' }),
  webhook_source_add: () => ({ name: 'role-matrix', user: 'admin@dealwise.demo' }),
  webhook_source_list: () => ({}),
  webhook_source_revoke: () => ({ name: 'role-matrix' }),
};

/** Tools whose example names no record: the "other" variant is the same call, judged by its output only. */
export const UNTARGETED = new Set(['alert_sync', 'lead_prioritize', 'lead_search', 'opportunity_search', 'pipeline_summary', 'risk_scan', 'semantic_search', 'win_loss_analysis', 'funnel_report', 'revenue_report', 'pipeline_health', 'rep_leaderboard', 'campaign_roi', 'engagement_insights', 'forecast', 'forecast_snapshot', 'forecast_accuracy',
  // ingest_events answers ok with the out-of-scope event rejected in its report, not with an error
  'ingest_events', 'ingest_crm_csv', 'ingest_email', 'followups_due', 'audit_undo', 'automation_run', 'schedule_upsert', 'schedule_list', 'briefing_generate',
  // decides the one pending approval the caller may decide (none or one, by role): names no record
  'workflow_decide', 'ask_copilot', 'confirm_action',
  // user and key administration: admin-only, about users rather than owned records
  'user_add', 'user_list', 'api_key_create', 'api_key_list', 'api_key_revoke', 'webhook_source_add', 'webhook_source_list', 'webhook_source_revoke']);

/**
 * Further calls of tools whose rules depend on the input, each checked like an example: meeting_summary
 * writes only with createTasks, so without it an exec may read the summary.
 */
export const VARIANTS: Record<string, { tool: string; example: (t: Targets) => Record<string, unknown> }> = {
  'meeting_summary without createTasks': { tool: 'meeting_summary', example: (t) => ({ ...EXAMPLES.meeting_summary!(t), createTasks: false }) },
};
