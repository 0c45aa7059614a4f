import { defineAgent } from './agent.ts';

export const intelligenceAgent = defineAgent({
  name: 'intelligence',
  description: 'Judgement over the record: deals and leads at risk and why, alerts, the next best action, deal strategy and pricing, searching what was said in emails and calls, similar past deals.',
  prompt: 'intelligence',
  toolNames: ['risk_scan', 'alert_sync', 'next_best_action', 'deal_strategy', 'semantic_search', 'similar_deals'],
  readsLeadMemory: true,
});
