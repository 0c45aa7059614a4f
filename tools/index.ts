import { leadAssign } from './leads/lead_assign.tool.ts';
import { leadFindDuplicates } from './leads/lead_find_duplicates.tool.ts';
import { leadGet } from './leads/lead_get.tool.ts';
import { leadMerge } from './leads/lead_merge.tool.ts';
import { leadPrioritize } from './leads/lead_prioritize.tool.ts';
import { leadRemember } from './leads/lead_remember.tool.ts';
import { leadQualify } from './leads/lead_qualify.tool.ts';
import { leadScore } from './leads/lead_score.tool.ts';
import { leadSearch } from './leads/lead_search.tool.ts';
import { leadSetStage } from './leads/lead_set_stage.tool.ts';
import { leadUpsert } from './leads/lead_upsert.tool.ts';
import { opportunityGet } from './opportunities/opportunity_get.tool.ts';
import { opportunitySearch } from './opportunities/opportunity_search.tool.ts';
import { opportunitySetStage } from './opportunities/opportunity_set_stage.tool.ts';
import { opportunityUpsert } from './opportunities/opportunity_upsert.tool.ts';
import { opportunityWinProbability } from './opportunities/opportunity_win_probability.tool.ts';
import { pipelineSummary } from './opportunities/pipeline_summary.tool.ts';
import { winLossAnalysis } from './opportunities/win_loss_analysis.tool.ts';
import { alertSync } from './intelligence/alert_sync.tool.ts';
import { riskScan } from './intelligence/risk_scan.tool.ts';
import { semanticSearch } from './intelligence/semantic_search.tool.ts';
import { similarDeals } from './intelligence/similar_deals.tool.ts';
import { nextBestAction } from './intelligence/next_best_action.tool.ts';
import { dealStrategy } from './intelligence/deal_strategy.tool.ts';
import { forecastTool } from './analytics/forecast.tool.ts';
import { forecastSnapshot } from './analytics/forecast_snapshot.tool.ts';
import { forecastAccuracy } from './analytics/forecast_accuracy.tool.ts';
import { revenueReport } from './analytics/revenue_report.tool.ts';
import { repLeaderboard } from './analytics/rep_leaderboard.tool.ts';
import { funnelReport } from './analytics/funnel_report.tool.ts';
import { pipelineHealth } from './analytics/pipeline_health.tool.ts';
import { campaignRoi } from './analytics/campaign_roi.tool.ts';
import { engagementInsights } from './analytics/engagement_insights.tool.ts';
import { ingestEvents } from './ingest/ingest_events.tool.ts';
import { feedbackAnnotate } from './ingest/feedback_annotate.tool.ts';
import { ingestTranscript } from './ingest/ingest_transcript.tool.ts';
import { ingestCrmCsv } from './ingest/ingest_crm_csv.tool.ts';
import { ingestEmail } from './ingest/ingest_email.tool.ts';
import { draftEmail } from './communication/draft_email.tool.ts';
import { draftSequence } from './communication/draft_sequence.tool.ts';
import { draftMessage } from './communication/draft_message.tool.ts';
import { callScript } from './communication/call_script.tool.ts';
import { objectionResponse } from './communication/objection_response.tool.ts';
import { meetingBrief } from './communication/meeting_brief.tool.ts';
import { meetingSummary } from './communication/meeting_summary.tool.ts';
import { interactionLog } from './communication/interaction_log.tool.ts';
import { taskList } from './automation/task_list.tool.ts';
import { taskCreate } from './automation/task_create.tool.ts';
import { taskUpdate } from './automation/task_update.tool.ts';
import { followupsDueTool } from './automation/followups_due.tool.ts';
import { auditUndo } from './automation/audit_undo.tool.ts';
import { automationRun } from './automation/automation_run.tool.ts';
import { scheduleUpsert } from './automation/schedule_upsert.tool.ts';
import { scheduleList } from './automation/schedule_list.tool.ts';
import { briefingGenerate } from './automation/briefing_generate.tool.ts';
import { workflowRun } from './automation/workflow_run.tool.ts';
import { workflowDecide } from './automation/workflow_decide.tool.ts';
import { userAdd } from './admin/user_add.tool.ts';
import { userList } from './admin/user_list.tool.ts';
import { apiKeyCreate } from './admin/api_key_create.tool.ts';
import { apiKeyList } from './admin/api_key_list.tool.ts';
import { apiKeyRevoke } from './admin/api_key_revoke.tool.ts';
import { webhookSourceAdd } from './admin/webhook_source_add.tool.ts';
import { webhookSourceList } from './admin/webhook_source_list.tool.ts';
import { webhookSourceRevoke } from './admin/webhook_source_revoke.tool.ts';
import { askCopilot } from './copilot/ask_copilot.tool.ts';
import { confirmAction } from './approvals/confirm_action.tool.ts';
import { ToolRegistry, type ToolDefinition } from './registry.ts';

// The catalog (../shared/TOOLS.md): every tool is listed here once, and every surface is generated from it.
// One entry a line, so parallel additions merge cleanly.
export const allTools: ToolDefinition[] = [
  leadSearch,
  leadSetStage,
  leadGet,
  leadUpsert,
  leadScore,
  leadQualify,
  leadFindDuplicates,
  leadMerge,
  leadAssign,
  leadPrioritize,
  leadRemember,
  opportunitySearch,
  opportunityGet,
  opportunityUpsert,
  opportunitySetStage,
  opportunityWinProbability,
  pipelineSummary,
  winLossAnalysis,
  riskScan,
  alertSync,
  semanticSearch,
  similarDeals,
  nextBestAction,
  dealStrategy,
  forecastTool,
  forecastSnapshot,
  forecastAccuracy,
  revenueReport,
  repLeaderboard,
  funnelReport,
  pipelineHealth,
  campaignRoi,
  engagementInsights,
  ingestEvents,
  feedbackAnnotate,
  ingestTranscript,
  ingestCrmCsv,
  ingestEmail,
  draftEmail,
  draftSequence,
  draftMessage,
  callScript,
  objectionResponse,
  meetingBrief,
  meetingSummary,
  interactionLog,
  taskList,
  taskCreate,
  taskUpdate,
  followupsDueTool,
  auditUndo,
  automationRun,
  scheduleUpsert,
  scheduleList,
  briefingGenerate,
  workflowRun,
  workflowDecide,
  userAdd,
  userList,
  apiKeyCreate,
  apiKeyList,
  apiKeyRevoke,
  webhookSourceAdd,
  webhookSourceList,
  webhookSourceRevoke,
  askCopilot,
  confirmAction,
] as unknown as ToolDefinition[];

export const registry = new ToolRegistry(allTools);
