import * as B from '../../db/seed/text/phrases-buyer.ts';
import * as N from '../../db/seed/text/phrases-notes.ts';
import { NEXT_STEPS, REP_LINES } from '../../db/seed/text/phrases-rep.ts';

// Labelled questions over the demo org, built from what the generator knows: each topic lists the phrase
// templates (db/seed/text) that carry it, and a passage is on topic when it contains one of them, slots filled
// with anything. The questions are written in other words than the templates, the way a rep would ask.
// The last two questions of every topic are HELD OUT: nothing (weights, thresholds, word lists) was tuned
// on them; evals/search/run.ts reports them apart.

export interface DemoTopic {
  name: string;
  templates: readonly string[];
  questions: readonly string[];
}

const pick = (list: readonly string[], ...needles: string[]) =>
  needles.map((n) => {
    const found = list.find((t) => t.includes(n));
    if (!found) throw new Error(`no template containing "${n}"`); // the phrase library changed: relabel
    return found;
  });

export const DEMO_TOPICS: readonly DemoTopic[] = [
  {
    name: 'price',
    templates: [...B.OBJECTIONS.price, ...pick(B.OBJECTIONS.competitor, 'came in cheaper'), ...pick(B.PROSPECT_NEGATIVE_REPLY, 'No budget'),
      ...pick(B.QUESTIONS, 'discount for paying', 'per seat or per team', 'included in the'), ...REP_LINES.pricing, ...pick(REP_LINES.negotiation, 'off if we sign'),
      ...pick(N.DEAL_NOTES, 'Deal desk approved'), ...pick(NEXT_STEPS, 'Confirm pricing approval')],
    questions: ['customer thinks we are too expensive', 'who pushed back on cost', 'they asked for money off', 'the quote is over what they can spend',
      'complaints that it costs too much', 'buyer wants a cheaper deal', 'is the licence fee a problem for them'],
  },
  {
    name: 'security',
    templates: [...pick(B.OBJECTIONS.trust, 'SOC 2', 'where the data is stored', 'losing data'), ...pick(B.QUESTIONS, 'SOC 2 report', 'SSO with Okta', 'EU data residency', 'our data if we cancel'),
      ...REP_LINES.security, ...pick(NEXT_STEPS, 'security questionnaire')],
    questions: ['security review documents', 'what did they say about security', 'compliance audit paperwork', 'single sign-on requirements',
      'IT worried about protecting customer information', 'certification and penetration testing', 'where will our records be hosted'],
  },
  {
    name: 'pilot',
    templates: [...pick(B.QUESTIONS, 'run a pilot'), ...REP_LINES.pilot, ...pick(NEXT_STEPS, 'two-week pilot'), ...pick(B.OBJECTIONS.competitor, 'free pilot')],
    questions: ['they want to try it before buying', 'find where anyone mentioned a pilot', 'trial with a few salespeople first', 'test run before committing',
      'proof of concept with a small group', 'evaluation period for some users', 'can a handful of reps test it out'],
  },
  {
    name: 'timing',
    templates: [...B.OBJECTIONS.timing, ...pick(B.PROSPECT_NEUTRAL_REPLY, 'Not the right time', 'locked into a contract'), ...pick(B.BUYER_NEUTRAL, 'planning cycle'),
      ...pick(B.BUYER_NEGATIVE, 'hold off on new vendors'), ...pick(N.SHORT_REPLIES_NEGATIVE, 'push this out')],
    questions: ['bad timing, maybe next year', 'they want to postpone', 'not now, come back later', 'delay because of a reorganisation',
      'waiting until the next quarter', 'asked us to wait a few months', 'project put on ice for now'],
  },
  {
    name: 'integration',
    templates: [...pick(B.OBJECTIONS.feature, 'native integration'), ...pick(B.QUESTIONS, 'integrate with', 'API we can use'), ...pick(N.STAGE_AGENDA.discovery, 'Integration with'),
      ...pick(N.DEAL_NOTES, 'integration questions'), ...pick(B.PROSPECT_POSITIVE_REPLY, 'on {tech} today')],
    questions: ['does it work with the tools they already have', 'connecting to their existing CRM', 'compatibility with current systems',
      'syncing data into their warehouse', 'plugs into the software they use', 'connector for their current stack', 'hooking it up to what they run today'],
  },
  {
    name: 'competitor',
    templates: [...B.OBJECTIONS.competitor, ...pick(B.PROSPECT_NEGATIVE_REPLY, 'just signed with'), ...pick(N.DEAL_NOTES, 'is also in the deal'),
      ...pick(N.PROSPECT_CALL_POINTS, 'last year but did not buy'), ...pick(N.MEETING_NEUTRAL, 'two other vendors')],
    questions: ['which rival vendors are they evaluating', 'other suppliers in the running', 'they went with another provider',
      'alternative products under consideration', 'who else are we up against', 'bake-off against other solutions', 'they prefer a different vendor'],
  },
  {
    name: 'approval',
    templates: [...B.OBJECTIONS.authority, ...pick(B.BUYER_NEUTRAL, 'passed this along'), ...pick(N.DEAL_NOTES, 'economic buyer'), ...pick(N.PROSPECT_CALL_POINTS, 'Budget owner'),
      ...pick(NEXT_STEPS, 'buying committee')],
    questions: ['who signs off on the purchase', 'needs sign-off from the boss', 'the decision maker is someone else', 'get leadership to agree',
      'final say sits higher up', 'who holds the purse strings', 'waiting for executive blessing'],
  },
  {
    name: 'contract',
    templates: [...B.OBJECTIONS.contract, ...pick(REP_LINES.negotiation, 'redlines'), ...pick(NEXT_STEPS, 'redlines back'), ...pick(N.STAGE_AGENDA.negotiation, 'Redlines'),
      ...pick(N.SHORT_MESSAGES, 'go over the redlines')],
    questions: ['lawyers objecting to clauses', 'terms and conditions changes', 'cancellation rights in the agreement', 'payment terms dispute',
      'markup of the paperwork by their attorneys', 'length of the commitment too long', 'legal edits to the agreement'],
  },
  {
    name: 'references',
    templates: [...pick(B.OBJECTIONS.trust, 'references'), ...pick(B.QUESTIONS, 'customers in {industry}'), ...pick(NEXT_STEPS, 'customer references'),
      ...pick(N.VOICEMAILS, 'case study')],
    questions: ['want to speak to existing clients', 'proof that it works for similar firms', 'testimonials from their sector',
      'someone who already uses it they could call', 'success stories from peers', 'happy users they can ring', 'examples of companies like theirs'],
  },
  {
    name: 'roi',
    templates: [...pick(B.OBJECTIONS.price, 'clear ROI'), ...pick(B.QUESTIONS, 'measure ROI', 'business case'), ...pick(NEXT_STEPS, 'ROI model'),
      ...pick(N.CALL_POSITIVE, 'business case'), ...pick(N.MEETING_TITLES.proposal, 'Business case')],
    questions: ['justify the investment to finance', 'return on the spend', 'payback numbers for the CFO', 'what value will they get for the money',
      'financial justification', 'cost benefit analysis', 'show the investment pays off'],
  },
  {
    name: 'lost',
    templates: [...B.BUYER_LOST, ...pick(B.PROSPECT_NEGATIVE_REPLY, 'Not interested', 'in-house')],
    questions: ['customer said no', 'they turned us down', 'deal went to nobody, they declined', 'rejection emails',
      'buyer chose not to proceed', 'they passed on our offer', 'we were not selected'],
  },
  {
    name: 'won',
    templates: [...B.BUYER_WON, ...REP_LINES.closing_won],
    questions: ['signed paperwork came back', 'they agreed to buy', 'deal closed in our favour', 'approval to purchase received',
      'contract executed by the client', 'new customer welcome', 'the order went through'],
  },
  {
    name: 'onboarding',
    templates: [...pick(B.QUESTIONS, 'implementation look like', 'onboarding usually take', 'training do you provide'), ...pick(N.STAGE_AGENDA.closed_won, 'Kickoff', 'Admin training'),
      ...pick(N.STAGE_AGENDA.proposal, 'Implementation plan'), ...pick(REP_LINES.closing_won, 'onboarding team')],
    questions: ['how long to get up and running', 'rollout plan after signing', 'setting up the software for their people', 'getting staff trained',
      'deployment schedule', 'first weeks after purchase', 'effort needed to go live'],
  },
  {
    name: 'no_need',
    templates: [...B.OBJECTIONS.need, ...pick(B.BUYER_NEGATIVE, 'not convinced this is a priority'), ...pick(B.PROSPECT_NEUTRAL_REPLY, 'not the right person')],
    questions: ['they do not see the point', 'happy with their current process', 'no real problem to solve', 'not a pressing issue for them',
      'doubts they would actually use it', 'current setup good enough', 'unclear why they would buy'],
  },
  {
    name: 'at_risk',
    templates: [...N.CALL_NEGATIVE, ...N.MEETING_NEGATIVE, ...pick(B.BUYER_NEGATIVE, 'momentum has stalled', 'tough review', 'more questions than answers')],
    questions: ['deals going badly', 'conversation went poorly', 'stuck deal with no progress', 'sceptical attendees',
      'things went south in the meeting', 'opportunity in trouble', 'frustrated contact'],
  },
];

export const HELD_OUT_PER_TOPIC = 2;

export interface DemoQuestion {
  topic: string;
  question: string;
  heldOut: boolean;
  /** position among its topic's questions (0-based) */
  indexInTopic: number;
}

export const DEMO_QUESTIONS: readonly DemoQuestion[] = DEMO_TOPICS.flatMap((t) =>
  t.questions.map((question, i) => ({ topic: t.name, question, heldOut: i >= t.questions.length - HELD_OUT_PER_TOPIC, indexInTopic: i })),
);

/** A template as a pattern: its fixed words verbatim, each {slot} any short run of characters. */
export function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[a-zA-Z0-9]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('.{1,80}?'));
}

export function topicMatcher(topic: DemoTopic): (text: string) => boolean {
  const patterns = topic.templates.map(templatePattern);
  return (text) => patterns.some((p) => p.test(text));
}
