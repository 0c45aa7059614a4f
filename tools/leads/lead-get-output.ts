import { z } from 'zod';
import { INTERACTION_TYPES, LEAD_STAGES } from '../../core/domain.ts';
import { evidenceList, isoDateTime } from '../core/schemas.ts';

// lead_get's output schema (the tool file holds only the behaviour).

export const TASK_CAP = 20;
export const OPPORTUNITY_CAP = 20;

const parts = z
  .object({
    behavioural: z.number().describe('behavioural part 0-100 (50 = average lead)'),
    demographic: z.number().describe('demographic part 0-100'),
    fit: z.number().describe('fit part 0-100'),
    engagement: z.number().describe('engagement part 0-100'),
  })
  .describe('the four part scores of that scoring');

const criterion = z
  .object({
    criterion: z.string().describe('the criterion, e.g. budget or champion'),
    status: z.enum(['met', 'unknown', 'unmet']).describe('what the evidence says'),
    evidence: evidenceList,
  })
  .describe('one checklist criterion');

export const leadGetOutput = z.object({
  lead: z
    .object({
      id: z.string().describe('lead id'),
      fullName: z.string().describe('the person'),
      firstName: z.string().nullable().describe('first name'),
      lastName: z.string().nullable().describe('last name'),
      email: z.string().nullable().describe('email address'),
      emailStatus: z.string().describe('valid, unverified, bounced, unsubscribed or invalid'),
      phone: z.string().nullable().describe('phone number as given'),
      title: z.string().nullable().describe('job title'),
      seniority: z.string().nullable().describe('c_level, vp, director, manager or individual'),
      department: z.string().nullable().describe('department'),
      lifecycleStage: z.enum(LEAD_STAGES).describe('lifecycle stage'),
      status: z.string().describe('working status'),
      source: z.string().nullable().describe('where the lead came from'),
      score: z.number().nullable().describe('last lead score 0-100'),
      grade: z.string().nullable().describe('last grade A-D'),
      engagementScore: z.number().nullable().describe('engagement part of the last score, 0-100'),
      qualificationStatus: z.string().describe('not_started, in_progress, qualified or disqualified'),
      lastContactedAt: isoDateTime.nullable().describe('last outbound touch'),
      interactionCount: z.number().int().describe('interactions logged with the lead'),
      createdAt: isoDateTime.describe('when the lead was created'),
      convertedAt: isoDateTime.nullable().describe('when the lead became an opportunity'),
      mergedIntoId: z.string().nullable().describe('the lead this one was merged into, if it was'),
      budget: z
        .object({
          minMinor: z.number().nullable().describe('lowest budget mentioned, minor units'),
          maxMinor: z.number().nullable().describe('highest budget mentioned, minor units'),
          currency: z.string().describe('currency of the budget (the account\'s)'),
        })
        .describe('budget range, when known'),
      decisionTimeline: z.string().nullable().describe('when they expect to decide'),
      decisionMakers: z.array(z.string()).describe('who decides, as recorded'),
      isDecisionMaker: z.boolean().describe('whether this person decides'),
    })
    .describe('the lead record'),
  account: z
    .object({
      id: z.string().describe('account id'),
      name: z.string().describe('company name'),
      domain: z.string().nullable().describe('web domain'),
      industry: z.string().nullable().describe('industry'),
      employees: z.number().nullable().describe('head count'),
      country: z.string().nullable().describe('country'),
      region: z.string().nullable().describe('region'),
    })
    .nullable()
    .describe('the company, if linked'),
  owner: z
    .object({ id: z.string().describe('user id'), name: z.string().describe('rep name'), email: z.string().describe('rep email') })
    .nullable()
    .describe('the owning rep'),
  preferences: z
    .object({
      preferredChannel: z.enum(INTERACTION_TYPES).nullable().describe('channel they answer best on'),
      preferredContactHour: z.number().int().nullable().describe('hour of day 0-23 in their time zone'),
      timeZone: z.string().nullable().describe('their IANA time zone'),
      attributes: z.record(z.string(), z.unknown()).describe('other remembered preferences and facts'),
    })
    .describe('remembered preferences'),
  painPoints: z.array(z.string()).describe('pain points they mentioned'),
  interactions: z
    .object({
      total: z.number().int().describe('interactions up to now in all'),
      shown: z
        .array(
          z
            .object({
              id: z.string().describe('interaction id'),
              type: z.string().describe('email, call, meeting, sms, whatsapp or note'),
              direction: z.string().describe('inbound, outbound or internal'),
              occurredAt: isoDateTime.describe('when it happened'),
              subject: z.string().nullable().describe('subject line'),
              summary: z.string().describe('summary or the start of the text'),
              sentiment: z.string().nullable().describe('positive, neutral or negative'),
              outcome: z.string().nullable().describe('outcome as logged'),
              opens: z.number().int().describe('email opens'),
              clicks: z.number().int().describe('email clicks'),
              replied: z.boolean().describe('whether an email was replied to'),
            })
            .describe('one interaction'),
        )
        .describe('the latest interactions, newest first'),
    })
    .describe('interaction timeline'),
  scoreHistory: z
    .array(
      z
        .object({
          score: z.number().int().describe('score 0-100'),
          grade: z.string().describe('grade A-D'),
          computedAt: isoDateTime.describe('when it was scored'),
          change: z.number().int().nullable().describe('score minus the previous history row; null for the first'),
          parts,
        })
        .describe('one scoring'),
    )
    .describe('latest scores, newest first'),
  openTasks: z
    .array(
      z
        .object({
          id: z.string().describe('task id'),
          title: z.string().describe('what to do'),
          type: z.string().describe('call, email, meeting, follow_up or todo'),
          priority: z.string().describe('low, medium, high or urgent'),
          dueAt: isoDateTime.nullable().describe('when it is due'),
          overdue: z.boolean().describe('due before now'),
        })
        .describe('one open task'),
    )
    .describe(`open tasks on the lead, soonest due first (at most ${TASK_CAP})`),
  qualifications: z
    .array(
      z
        .object({
          framework: z.string().describe('BANT or MEDDIC'),
          metCount: z.number().int().describe('criteria met'),
          criteriaCount: z.number().int().describe('criteria in the framework'),
          assessedAt: isoDateTime.describe('when it was assessed'),
          criteria: z.array(criterion).describe('each criterion'),
        })
        .describe('one qualification result'),
    )
    .describe('the latest BANT / MEDDIC results'),
  opportunities: z
    .array(
      z
        .object({
          id: z.string().describe('deal id'),
          name: z.string().describe('deal name'),
          stage: z.string().describe('deal stage'),
          valueMinor: z.number().describe('deal value, minor units'),
          currency: z.string().describe('ISO currency'),
          expectedCloseDate: z.string().nullable().describe('expected close date'),
          outcome: z.string().nullable().describe('won or lost, when closed'),
          primaryContact: z.boolean().describe('the lead is the deal\'s primary contact'),
          roles: z.array(z.string()).describe('the lead\'s roles on the deal (champion, economic_buyer...)'),
        })
        .describe('one linked deal'),
    )
    .describe(`deals the lead is on that you can see, open first (at most ${OPPORTUNITY_CAP})`),
  evidence: evidenceList,
});
