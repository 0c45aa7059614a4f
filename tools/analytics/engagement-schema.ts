import { z } from 'zod';
import { ENGAGEMENT_EVENT_TYPES, OBJECTION_TYPES } from '../../core/domain.ts';
import { evidenceList, isoDateTime, percent } from '../core/schemas.ts';

// The output of engagement_insights, kept apart from the tool so the tool file stays readable.

const smallSample = z.boolean().describe('true when the group is under the minimum sample: read its rate with care');

const conversionGroup = z
  .object({
    group: z.string().describe('the seniority, industry or size band ("unknown" when not recorded)'),
    n: z.number().int().describe('leads created in the period in this group'),
    converted: z.number().int().describe('of those, converted (joined a deal)'),
    conversionRate: percent.nullable().describe('converted / n; null when n = 0'),
    customers: z.number().int().describe('of those, now customers'),
    customerRate: percent.nullable().describe('customers / n; null when n = 0'),
    smallSample,
  })
  .describe('conversion of one group of leads');

const slot = z
  .object({
    slot: z.number().int().describe('hour 0-23, or weekday 0 = Monday .. 6 = Sunday'),
    label: z.string().describe('"09:00" or "Tuesday"'),
    delivered: z.number().int().describe('delivered outbound emails sent in this slot (recipient\'s local time)'),
    opened: z.number().int().describe('of those, opened'),
    openRate: percent.nullable().describe('opened / delivered'),
    replied: z.number().int().describe('of those, replied to'),
    replyRate: percent.nullable().describe('replied / delivered'),
    smallSample,
  })
  .describe('engagement of emails sent in one local hour or weekday');

const bestSlot = z
  .object({
    slot: z.number().int().describe('hour 0-23, or weekday 0 = Monday'),
    label: z.string().describe('"09:00" or "Tuesday"'),
    rate: percent.describe('its open (or reply) rate'),
    n: z.number().int().describe('delivered emails behind the rate'),
  })
  .nullable()
  .describe('the slot with the highest rate among those with at least minSample emails; null when none has enough');

const content = z
  .object({
    label: z.string().describe('the template name, or the subject line (templated: with {{placeholders}}; else normalised)'),
    delivered: z.number().int().describe('delivered emails'),
    opened: z.number().int().describe('opened'),
    openRate: percent.nullable().describe('opened / delivered'),
    replied: z.number().int().describe('replied to'),
    replyRate: percent.nullable().describe('replied / delivered'),
    smallSample,
  })
  .describe('engagement of one template or subject line');

const arm = z
  .object({
    template: z.string().nullable().describe('the variant\'s template'),
    delivered: z.number().int().describe('delivered emails in this arm (the trials)'),
    successes: z.number().int().describe('emails where the test metric happened'),
    rate: percent.nullable().describe('successes / delivered; null with no emails'),
  })
  .describe('one arm of the test');

const abTest = z
  .object({
    id: z.string().describe('A/B test id'),
    name: z.string().describe('test name'),
    metric: z.enum(ENGAGEMENT_EVENT_TYPES).describe('the event that counts as success'),
    campaign: z.string().nullable().describe('campaign the test ran in'),
    startsAt: isoDateTime.nullable().describe('test start'),
    endsAt: isoDateTime.nullable().describe('test end; null while running'),
    a: arm,
    b: arm,
    liftPoints: z.number().nullable().describe('rate B - rate A, percentage points'),
    relativeLiftPct: z.number().nullable().describe('(B - A) / A in percent; null when A is 0'),
    z: z.number().nullable().describe('pooled two-proportion z statistic (B vs A)'),
    pValue: z.number().min(0).max(1).nullable().describe('two-sided p-value; null when an arm is empty'),
    confidenceInterval: z
      .object({
        lowerPoints: z.number().describe('lower bound of B - A, percentage points'),
        upperPoints: z.number().describe('upper bound of B - A, percentage points'),
        level: z.number().describe('confidence level, e.g. 0.95'),
        method: z.literal('newcombe_hybrid_score').describe('Newcombe (1998) hybrid score interval from the arms\' Wilson intervals'),
      })
      .nullable()
      .describe('interval for the difference B - A; null when an arm is empty'),
    significant: z.boolean().describe('p < 0.05'),
    winner: z.enum(['A', 'B']).nullable().describe('the better arm when significant; null = no significant difference'),
    verdict: z.string().describe('the result in words'),
  })
  .describe('one A/B test');

export const engagementOutput = z.object({
  period: z
    .object({
      label: z.string().describe('the period asked for, or "all time"'),
      from: isoDateTime.nullable().describe('start, inclusive; null = since the beginning'),
      to: isoDateTime.describe('end, exclusive (never after now)'),
    })
    .describe('the period covered: leads by creation, emails by send, talk by date'),
  minSample: z.number().int().describe('fewest leads or emails a group needs before it is ranked or called best'),
  conversion: z
    .object({
      overall: conversionGroup,
      bySeniority: z.array(conversionGroup).describe('by the lead\'s seniority'),
      byIndustry: z.array(conversionGroup).describe('by the account\'s industry, largest first (at most 15)'),
      industriesOmitted: z.number().int().describe('smaller industries left out of byIndustry'),
      bySize: z.array(conversionGroup).describe('by the account\'s head count: 1-49, 50-199, 200-999, 1000-4999, 5000+'),
    })
    .describe('what converts: leads created in the period and whether they joined a deal'),
  sendTimes: z
    .object({
      sent: z.number().int().describe('outbound emails sent in the period'),
      delivered: z.number().int().describe('of those, delivered (the denominators below)'),
      bounced: z.number().int().describe('bounced'),
      untracked: z.number().int().describe('with no delivery or bounce information: left out'),
      byHour: z.array(slot).describe('by local send hour (only hours with emails)'),
      byWeekday: z.array(slot).describe('by local send weekday (only days with emails)'),
      bestHour: z.object({ open: bestSlot, reply: bestSlot }).describe('best local send hour for opens and for replies'),
      bestWeekday: z.object({ open: bestSlot, reply: bestSlot }).describe('best local send weekday for opens and for replies'),
      timeZones: z
        .object({
          lead: z.number().int().describe('emails read in the lead\'s own time zone'),
          account: z.number().int().describe('in the account\'s (the lead has none)'),
          utc: z.number().int().describe('in UTC (neither has one)'),
        })
        .describe('whose time zone each delivered email was read in'),
    })
    .describe('when to send, in the recipient\'s own time zone'),
  subjectLines: z.array(content).describe('subject lines by the chosen rate, groups of minSample+ first'),
  templates: z.array(content).describe('templates by the chosen rate, groups of minSample+ first'),
  abTests: z.array(abTest).describe('every A/B test with sends in the period'),
  meetings: z
    .object({
      scheduled: z.number().int().describe('meetings dated in the period'),
      held: z.number().int().describe('of those, held'),
      noShows: z.number().int().describe('no-shows and cancellations'),
      showRate: percent.nullable().describe('held / scheduled; null with no meetings'),
    })
    .describe('meeting show rate'),
  objections: z
    .object({
      total: z.number().int().describe('objections raised in the period'),
      items: z
        .array(
          z
            .object({
              objection: z.enum(OBJECTION_TYPES).describe('objection type'),
              count: z.number().int().describe('interactions raising it'),
              share: percent.nullable().describe('share of all objections'),
            })
            .describe('one objection type'),
        )
        .describe('most frequent first'),
    })
    .describe('the most common objections'),
  questions: z
    .object({
      total: z.number().int().describe('questions asked in the period'),
      distinct: z.number().int().describe('different questions after normalising'),
      items: z
        .array(
          z
            .object({
              question: z.string().describe('the question, in its most frequent spelling'),
              count: z.number().int().describe('times asked'),
              share: percent.nullable().describe('share of all questions'),
            })
            .describe('one question'),
        )
        .describe('most frequent first (at most 10)'),
    })
    .describe('the most common buyer questions'),
  method: z.array(z.string().describe('one rule')).describe('how each figure was computed'),
  notes: z.array(z.string().describe('one note')).describe('caveats for this answer'),
  evidence: evidenceList,
});

export type EngagementOutput = z.infer<typeof engagementOutput>;

export const METHOD = [
  'Conversion: leads created in the period, converted = joined a deal (convertedAt set), customer = lifecycle stage customer; groups under minSample leads are flagged.',
  'Send times: delivered outbound emails by the hour and weekday of the SEND in the lead\'s time zone (else the account\'s, else UTC); open rate = opened / delivered, reply rate = replied / delivered; "best" needs minSample emails.',
  'Subject lines and templates: delivered outbound emails grouped by template, or by subject (the template\'s subject when templated; otherwise with "Re:" removed and the recipient\'s name and company masked).',
  'A/B tests: trials = delivered emails of each variant sent in the period; success = the test\'s metric; pooled two-proportion z-test (two-sided); 95% Newcombe hybrid score interval for B - A; a winner only when p < 0.05, else "no significant difference".',
  'Show rate = meetings held / meetings dated in the period; outcome no_show or cancelled = not held.',
  'Objections: interactions carrying an objection type; questions: buyers\' questions with case, spacing and end punctuation folded.',
];
