import { broadExamples } from './broad.examples.ts';
import { analyticsExamples } from './analytics.examples.ts';
import { automationExamples } from './automation.examples.ts';
import { communicationExamples } from './communication.examples.ts';
import type { ToolExamples } from './examples.ts';
import { intelligenceExamples } from './intelligence.examples.ts';
import { leadExamples } from './lead.examples.ts';
import { opportunityExamples } from './opportunity.examples.ts';
import { outOfScopeExamples } from './out-of-scope.examples.ts';
import { variedExamples } from './varied.examples.ts';

/** Example utterances by agent name (out_of_scope under its own key), for the local model's classifier. */
export const examplesByAgent: Record<string, ToolExamples[]> = {
  lead: [...leadExamples, ...(variedExamples.lead ?? []), ...(broadExamples.lead ?? [])],
  opportunity: [...opportunityExamples, ...(variedExamples.opportunity ?? []), ...(broadExamples.opportunity ?? [])],
  communication: [...communicationExamples, ...(variedExamples.communication ?? []), ...(broadExamples.communication ?? [])],
  analytics: [...analyticsExamples, ...(variedExamples.analytics ?? []), ...(broadExamples.analytics ?? [])],
  automation: [...automationExamples, ...(variedExamples.automation ?? []), ...(broadExamples.automation ?? [])],
  intelligence: [...intelligenceExamples, ...(variedExamples.intelligence ?? []), ...(broadExamples.intelligence ?? [])],
  out_of_scope: [...outOfScopeExamples, ...(variedExamples.out_of_scope ?? []), ...(broadExamples.out_of_scope ?? [])],
};
