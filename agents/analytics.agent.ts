import { defineAgent } from './agent.ts';

export const analyticsAgent = defineAgent({
  name: 'analytics',
  description: 'Numbers over time: revenue, forecasts (commit, best and worst case), forecast snapshots and accuracy, the funnel and conversion, pipeline health and coverage, rep leaderboard, campaign ROI, engagement insights.',
  prompt: 'analytics',
  toolNames: ['revenue_report', 'forecast', 'forecast_snapshot', 'forecast_accuracy', 'funnel_report', 'pipeline_health', 'rep_leaderboard', 'campaign_roi', 'engagement_insights'],
});
