import { defineAgent } from './agent.ts';

export const leadAgent = defineAgent({
  name: 'lead',
  description: 'Leads and contacts: find, look up, create or update, score, qualify (BANT/MEDDIC), change lifecycle stage, find and merge duplicates, assign an owner, prioritise the work queue, remember preferences and pain points about a lead.',
  prompt: 'lead',
  toolNames: ['lead_search', 'lead_get', 'lead_upsert', 'lead_score', 'lead_qualify', 'lead_set_stage', 'lead_find_duplicates', 'lead_merge', 'lead_assign', 'lead_prioritize', 'lead_remember'],
});
