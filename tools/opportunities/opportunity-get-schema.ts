import { z } from 'zod';
import { FORECAST_CATEGORIES, INTERACTION_TYPES, LEAD_SOURCES, OUTCOMES, SENTIMENTS, TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES, DIRECTIONS } from '../../core/domain.ts';
import { evidenceList, isoDate, isoDateTime, money, percent } from '../core/schemas.ts';
import { stageField } from './opportunity-shared.ts';

// The output of opportunity_get, kept apart from the tool so the tool file stays about behaviour.

const stageStay = z
  .object({
    id: z.string().describe('stage history row id'),
    from: stageField.nullable().describe('stage before, null for the first row'),
    to: stageField.describe('stage entered'),
    changedAt: isoDateTime.describe('when the deal entered this stage'),
    changedBy: z.string().nullable().describe('who moved it'),
    reason: z.string().nullable().describe('why, as recorded'),
    probability: percent.nullable().describe('deal probability at that moment'),
    value: money.nullable().describe('deal value at that moment'),
    expectedCloseDate: isoDate.nullable().describe('expected close date at that moment'),
    daysInStage: z.number().describe('days spent in this stage: until the next change, or until now for the current one'),
    current: z.boolean().describe('true for the stage the deal is in now'),
  })
  .describe('one stage the deal passed through');

const fieldChange = z
  .object({
    field: z.string().describe('the field changed (value, probability, expectedCloseDate, ...)'),
    from: z.unknown().describe('value before'),
    to: z.unknown().describe('value after'),
    changedAt: isoDateTime.describe('when'),
    changedBy: z.string().nullable().describe('who changed it, null for imports'),
  })
  .describe('one change of one field');

const contact = z
  .object({
    leadId: z.string().describe('the contact\'s lead id'),
    name: z.string().describe('full name'),
    title: z.string().nullable().describe('job title'),
    email: z.string().nullable().describe('email address'),
    role: z.string().nullable().describe('role on the deal (champion, economic_buyer, decision_maker, influencer, user, blocker), null if not recorded'),
    primary: z.boolean().describe('true for the deal\'s primary contact'),
  })
  .describe('a person on the buying side');

const interaction = z
  .object({
    id: z.string().describe('interaction id'),
    type: z.enum(INTERACTION_TYPES).describe('email, call, meeting, sms, whatsapp or note'),
    direction: z.enum(DIRECTIONS).describe('inbound, outbound or internal'),
    occurredAt: isoDateTime.describe('when it happened'),
    contact: z.string().nullable().describe('the contact involved'),
    subject: z.string().nullable().describe('subject line, if any'),
    summary: z.string().describe('summary, or the start of the body'),
    sentiment: z.enum(SENTIMENTS).nullable().describe('buyer sentiment, if analysed'),
  })
  .describe('one recent interaction');

const task = z
  .object({
    id: z.string().describe('task id'),
    title: z.string().describe('what to do'),
    type: z.enum(TASK_TYPES).describe('call, email, meeting, follow_up or todo'),
    priority: z.enum(TASK_PRIORITIES).describe('priority'),
    status: z.enum(TASK_STATUSES).describe('open or in_progress'),
    dueAt: isoDateTime.nullable().describe('due date, if any'),
    owner: z.string().describe('who it is assigned to'),
  })
  .describe('an open task on the deal');

export const opportunityGetOutput = z.object({
  opportunity: z
    .object({
      id: z.string().describe('opportunity id'),
      name: z.string().describe('deal name'),
      owner: z.string().describe('owning rep'),
      product: z.string().nullable().describe('main product'),
      stage: stageField.describe('current stage'),
      stageEnteredAt: isoDateTime.describe('when it entered the current stage'),
      daysInStage: z.number().describe('days in the current stage as of now'),
      value: money.describe('deal value'),
      discountPct: percent.nullable().describe('discount off list price'),
      probability: percent.nullable().describe('probability stored on the deal'),
      expectedCloseDate: isoDate.nullable().describe('expected close date'),
      forecastCategory: z.enum(FORECAST_CATEGORIES).describe('forecast category'),
      source: z.enum(LEAD_SOURCES).nullable().describe('where the deal came from'),
      outcome: z.enum(OUTCOMES).nullable().describe('won or lost once closed'),
      closedAt: isoDateTime.nullable().describe('when it closed'),
      wonReason: z.string().nullable().describe('why it was won'),
      lostReason: z.string().nullable().describe('why it was lost'),
      lostToCompetitor: z.string().nullable().describe('the competitor it was lost to'),
      createdAt: isoDateTime.describe('when the deal was created'),
    })
    .describe('the deal itself'),
  account: z
    .object({
      id: z.string().describe('account id'),
      name: z.string().describe('company name'),
      industry: z.string().nullable().describe('industry'),
      employees: z.number().int().nullable().describe('head count'),
      domain: z.string().nullable().describe('web domain'),
      region: z.string().nullable().describe('region'),
    })
    .describe('the buying company'),
  contacts: z.array(contact).describe('people on the deal, primary contact first'),
  stageHistory: z.array(stageStay).describe('every stage change, oldest first, with days spent in each stage'),
  fieldHistory: z.array(fieldChange).describe('recent changes of value, probability, close date and other fields, newest first (at most 50)'),
  competitors: z.array(z.string().describe('a competitor name')).describe('competitors in the deal'),
  competitorCandidates: z
    .array(
      z.object({
        name: z.string().describe('the name as written'), status: z.literal('unconfirmed').describe('shown until a person adds it to competitors'),
        phrase: z.string().describe('how it was named: quoted, talking to, going with, considering'), quote: z.string().describe('the words it was read from'),
        price: z.object({ amountMinor: z.number().int().describe('amount in minor units'), currency: z.string().describe('ISO currency') }).nullable().describe('the price it quoted, when stated'),
        sourceItemId: z.string().nullable().describe('the source item it came from'), at: z.string().describe('when that source was written'),
      }).describe('a competitor named in the deal\'s mail or calls'),
    )
    .optional()
    .describe('competitors the deal\'s sources name that no person has confirmed yet'),
  decisionCriteria: z.array(z.string().describe('a criterion')).describe('the buyer\'s decision criteria'),
  nextSteps: z.string().nullable().describe('agreed next steps'),
  interactions: z
    .object({
      total: z.number().int().describe('interactions logged on the deal up to now'),
      recent: z.array(interaction).describe('the most recent ones, newest first'),
    })
    .describe('recent interactions on the deal'),
  openTasks: z.array(task).describe('open and in-progress tasks, soonest due first (at most 20)'),
  evidence: evidenceList,
});
