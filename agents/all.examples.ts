import { analyticsExamples } from './analytics.examples.ts';
import { automationExamples } from './automation.examples.ts';
import { communicationExamples } from './communication.examples.ts';
import type { ToolExamples } from './examples.ts';
import { intelligenceExamples } from './intelligence.examples.ts';
import { leadExamples } from './lead.examples.ts';
import { opportunityExamples } from './opportunity.examples.ts';
import { outOfScopeExamples } from './out-of-scope.examples.ts';

/** Example utterances by agent name (out_of_scope under its own key), for the local model's classifier. */
export const examplesByAgent: Record<string, ToolExamples[]> = {
  lead: leadExamples,
  opportunity: opportunityExamples,
  communication: communicationExamples,
  analytics: analyticsExamples,
  automation: automationExamples,
  intelligence: intelligenceExamples,
  out_of_scope: outOfScopeExamples,
};
