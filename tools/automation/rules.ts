// The automation rules, as data: what each watches, its thresholds, and the tasks it makes. The
// handlers (rule-handlers.ts) read these; changing a threshold or a stage's tasks is an edit here.
// Every task a rule makes carries a ruleKey naming the rule and the record (and the moment, where a
// record can need it again), so running the rules twice creates nothing new.

export const RULE_KEYS = ['new_lead_call', 'stage_tasks', 'email_opened', 'missed_followup', 'high_value_uncontacted', 'overdue_task', 'deal_at_risk'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

export interface StageTaskTemplate {
  type: 'call' | 'email' | 'meeting' | 'follow_up' | 'todo';
  priority: 'low' | 'medium' | 'high' | 'urgent';
  /** {deal} is replaced by the deal's name */
  title: string;
  /** due this many business hours after the deal entered the stage */
  withinBusinessHours: number;
}

export const RULES = {
  new_lead_call: {
    description: 'New lead -> a call task for its owner, due within 24 business hours of its arrival (in the lead\'s time zone)',
    lookbackDays: 14,
    withinBusinessHours: 24,
  },
  stage_tasks: {
    description: 'Deal enters a stage -> that stage\'s tasks for its owner',
    lookbackDays: 14,
    templates: {
      prospecting: [{ type: 'email', priority: 'medium', title: 'First outreach for {deal}', withinBusinessHours: 8 }],
      qualification: [{ type: 'call', priority: 'high', title: 'Qualification call for {deal}: confirm budget, authority, need and timeline', withinBusinessHours: 16 }],
      discovery: [{ type: 'meeting', priority: 'high', title: 'Discovery for {deal}: pains, success criteria, decision process', withinBusinessHours: 24 }],
      proposal: [
        { type: 'email', priority: 'high', title: 'Send the proposal for {deal}', withinBusinessHours: 16 },
        { type: 'follow_up', priority: 'medium', title: 'Follow up on the proposal for {deal}', withinBusinessHours: 40 },
      ],
      negotiation: [
        { type: 'call', priority: 'high', title: 'Agree terms and the signing path for {deal}', withinBusinessHours: 16 },
        { type: 'todo', priority: 'medium', title: 'Start legal and procurement review for {deal}', withinBusinessHours: 24 },
      ],
    } satisfies Record<string, StageTaskTemplate[]>,
  },
  email_opened: {
    description: 'Email opened and no reply since -> a follow-up task, due a few business hours after the open (lead\'s time zone)',
    lookbackDays: 3,
    withinBusinessHours: 4,
  },
  missed_followup: {
    description: 'Follow-up, call or email task past due -> a reminder to its owner; still open 2 business days after the reminder -> escalated to the owner\'s manager',
    types: ['follow_up', 'call', 'email'],
    escalateAfterBusinessDays: 2,
  },
  high_value_uncontacted: {
    description: 'High-value lead (budget >= 100k or score >= 80) not contacted for 3 days -> escalated to the owner\'s manager',
    minBudgetMinor: 100_000_00,
    minScore: 80,
    days: 3,
  },
  overdue_task: {
    description: 'High or urgent meeting / to-do task overdue by 3 days or more -> escalated to the owner\'s manager',
    types: ['meeting', 'todo'],
    priorities: ['high', 'urgent'],
    overdueDays: 3,
  },
  deal_at_risk: {
    description: 'Open deal with a high-severity risk (risk_scan\'s signals) -> a review task for the owner\'s manager, at most once a week per deal',
    minSeverity: 'high',
  },
} as const satisfies Record<RuleKey, { description: string } & Record<string, unknown>>;

/** Business hours a manager gets to act on an escalation. */
export const ESCALATION_WITHIN_BUSINESS_HOURS = 8;
