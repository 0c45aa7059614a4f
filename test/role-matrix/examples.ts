import type { Targets } from './records.ts';

// One representative input per tool, aimed at a given set of records. Every tool in the registry must
// have one: the role matrix fails on a tool it cannot exercise.
export const EXAMPLES: Record<string, (t: Targets) => Record<string, unknown>> = {
  alert_sync: () => ({}),
  deal_strategy: (t) => ({ opportunity: t.deal }),
  lead_assign: (t) => ({ lead: t.lead }),
  lead_find_duplicates: (t) => ({ lead: t.lead }),
  lead_get: (t) => ({ lead: t.lead }),
  lead_merge: (t) => ({ survivor: t.lead, duplicate: t.lead2 }),
  lead_prioritize: () => ({}),
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
};

/** Tools whose example names no record: the "other" variant is the same call, judged by its output only. */
export const UNTARGETED = new Set(['alert_sync', 'lead_prioritize', 'lead_search', 'opportunity_search', 'pipeline_summary', 'risk_scan', 'semantic_search', 'win_loss_analysis', 'funnel_report', 'revenue_report', 'pipeline_health', 'rep_leaderboard', 'campaign_roi', 'engagement_insights', 'forecast', 'forecast_snapshot', 'forecast_accuracy']);
