import type { ToolExamples } from './examples.ts';

export const intelligenceExamples: ToolExamples[] = [
  { tool: 'risk_scan', says: [
    'which deals are at risk', 'what deals slipped', 'deals at risk', 'any deals going cold', 'which of my deals slipped this week', 'leads going cold',
    'which deals have no contact in weeks', 'deals stuck in stage', 'who hasn\'t replied', 'risky deals', 'what needs attention', 'red flags in my pipeline',
    'which customers are disengaging', 'deals where the close date got pushed', 'high risk deals', 'any deals with negative sentiment', 'what is at risk on {rep}\'s book',
    'where could we lose deals', 'deals whose probability dropped', 'at risk opps', 'whats slipping',
    'any of my opps look shaky', 'which deals should i worry about', 'anything going sideways', 'deals that went quiet', 'leads that stopped responding',
    'leads at risk', 'which leads are at risk', 'at risk leads', 'deals that are at risk',
  ] },
  { tool: 'alert_sync', says: [
    'refresh alerts', 'update my alerts', 'sync the risk alerts', 'recompute alerts', 'refresh the alert list', 'run the alert sync',
  ] },
  { tool: 'next_best_action', says: [
    'what should i do next on {deal}', 'next best action for {lead}', 'what\'s the next step with {lead}', 'how do i move {deal} forward', 'what should i do about {account}',
    'next steps for that deal', 'recommend an action for {lead}', 'what do i do with her next', 'best next move on {deal}', 'how should i follow up with {lead}',
    'what now on {deal}', 'suggest next actions for {deal}',
    'tell me what to do next with {lead}', 'what to do next with her', 'what\'s my next move on {deal}',
  ] },
  { tool: 'deal_strategy', says: [
    'how do we win {deal}', 'strategy for {deal}', 'how should i price {deal}', 'negotiation advice for {deal}', 'how to beat the competition on {deal}', 'deal strategy {deal}',
    'what discount should i offer on {deal}', 'positioning against competitors on {deal}', 'game plan for the {account} deal', 'pricing advice for that deal', 'how do i close {deal}',
    'pricing guidance for {deal}', 'how much can i discount {deal}', 'win plan for {deal}',
  ] },
  { tool: 'semantic_search', says: [
    'what did {lead} say about pricing', 'search emails for security concerns', 'find where anyone mentioned a discount', 'what did {account} say about the timeline',
    'find calls where budget came up', 'search transcripts for onboarding', 'did anyone mention a competitor in emails', 'what has been said about integration',
    'look for notes about renewal', 'find mentions of legal review', 'search conversations for procurement', 'what did they say about implementation',
    'any emails about contract terms', 'where did {lead} talk about budget',
    'find anything in emails mentioning {n}', 'did {account} bring up security', 'anything in the transcripts about pricing', 'what objections did {lead} raise',
  ] },
  { tool: 'similar_deals', says: [
    'similar deals to {deal}', 'deals like {deal}', 'what past deals look like this one', 'find comparable deals to {deal}', 'have we done a deal like {deal} before',
    'lookalike deals for {deal}', 'similar won deals', 'deals like that one', 'comparable past opportunities for {account}',
    'lookalikes for {deal}', 'what deals resemble {deal}', 'precedents for {deal}',
  ] },
];
