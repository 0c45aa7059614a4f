import type { Expectation } from './score.ts';

// One CRM task: a question a demo user asks the copilot, and the answer computed from the data (SQL in
// the generators, never through a tool), with how to judge it.

export const TASK_TYPES = ['lead_qualification', 'wrong_stage', 'activity_priority', 'top_objections', 'pipeline_figures', 'confidentiality'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export interface CrmTask {
  id: string;
  type: TaskType;
  /** email of the demo user asking */
  actor: string;
  question: string;
  expect: Expectation;
  /** the computed answer in words, for the report */
  answer: string;
}

/** Deterministic choice of a phrasing: the i-th template, cycling. */
export const phrase = (templates: readonly ((...a: string[]) => string)[], i: number, ...args: string[]) => templates[i % templates.length]!(...args);
