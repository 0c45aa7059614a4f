import { defineAgent } from './agent.ts';

export const opportunityAgent = defineAgent({
  name: 'opportunity',
  description: 'Deals (opportunities): find, look up, create or update, change stage, win probability, the pipeline by stage, why deals were won or lost; CRM exports and reviewer corrections of deal fields.',
  prompt: 'opportunity',
  toolNames: ['opportunity_search', 'opportunity_get', 'opportunity_upsert', 'opportunity_set_stage', 'opportunity_win_probability', 'pipeline_summary', 'win_loss_analysis', 'ingest_crm_csv', 'feedback_annotate'],
});
