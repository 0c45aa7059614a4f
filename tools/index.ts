import { leadAssign } from './leads/lead_assign.tool.ts';
import { leadFindDuplicates } from './leads/lead_find_duplicates.tool.ts';
import { leadGet } from './leads/lead_get.tool.ts';
import { leadMerge } from './leads/lead_merge.tool.ts';
import { leadPrioritize } from './leads/lead_prioritize.tool.ts';
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
import { ToolRegistry, type ToolDefinition } from './registry.ts';

// The catalog (../shared/TOOLS.md): every tool is listed here once, and every surface is generated from it.
export const allTools: ToolDefinition[] = [leadSearch, leadSetStage, leadGet, leadUpsert, leadScore, leadQualify, leadFindDuplicates, leadMerge, leadAssign, leadPrioritize, opportunitySearch, opportunityGet, opportunityUpsert, opportunitySetStage, opportunityWinProbability, pipelineSummary, winLossAnalysis, riskScan, alertSync, semanticSearch, similarDeals, nextBestAction, dealStrategy] as unknown as ToolDefinition[];

export const registry = new ToolRegistry(allTools);
