import type { LeadSource } from '../../../core/domain.ts';

// Campaigns, templates and A/B tests. Dates are offsets in days before `now`; a campaign with no end is always on.

export type CampaignChannel = 'email' | 'paid_search' | 'social' | 'event' | 'webinar' | 'content' | 'partner';

export interface CampaignDef {
  key: string;
  name: string;
  channel: CampaignChannel;
  /** whole dollars; the organic content programme costs nothing, which ROI maths must survive */
  cost: number;
  startDaysAgo: number;
  /** undefined = still running */
  endDaysAgo?: number;
  /** one-day campaigns (events, webinars) create all their leads within a few days of the start */
  oneOff?: boolean;
}

export const CAMPAIGNS: readonly CampaignDef[] = [
  { key: 'search', name: 'Google Ads - Sales Analytics', channel: 'paid_search', cost: 48_000, startDaysAgo: 610 },
  { key: 'social', name: 'LinkedIn Sponsored - RevOps Leaders', channel: 'social', cost: 21_500, startDaysAgo: 430, endDaysAgo: 60 },
  { key: 'content', name: 'Organic Content - Sales Playbook', channel: 'content', cost: 0, startDaysAgo: 610 },
  { key: 'partner', name: 'Partner Co-marketing - Northwind Consulting', channel: 'partner', cost: 12_000, startDaysAgo: 480 },
  { key: 'event', name: 'RevOps Summit Booth', channel: 'event', cost: 62_000, startDaysAgo: 270, endDaysAgo: 268, oneOff: true },
  { key: 'webinar', name: 'Webinar - Forecasting That Works', channel: 'webinar', cost: 8_500, startDaysAgo: 150, endDaysAgo: 150, oneOff: true },
  { key: 'seq_mid', name: 'Outbound Sequence - Mid-Market', channel: 'email', cost: 2_400, startDaysAgo: 560 },
  { key: 'seq_ent', name: 'Outbound Sequence - Enterprise ABM', channel: 'email', cost: 6_500, startDaysAgo: 365 },
];

/** where leads come from, and the campaign (if any) a source is bought through */
export const SOURCE_WEIGHTS: readonly (readonly [LeadSource, number])[] = [
  ['website', 15], ['referral', 7], ['event', 7], ['outbound', 25], ['partner', 6],
  ['paid_search', 14], ['social', 8], ['webinar', 7], ['content', 8], ['import', 3],
];
export const SOURCE_CAMPAIGN: Partial<Record<LeadSource, string>> = {
  paid_search: 'search', social: 'social', content: 'content', partner: 'partner', event: 'event', webinar: 'webinar', outbound: 'seq_mid',
};
/** log-odds on win propensity by source: referrals close, paid search rarely does */
export const SOURCE_WIN_EFFECT: Record<LeadSource, number> = {
  referral: 1.0, partner: 0.5, event: 0.25, webinar: 0.15, website: 0.1, content: 0, outbound: -0.3, social: -0.35, import: -0.4, paid_search: -0.75,
};
/** inbound sources start with the prospect raising a hand; the rest start with our first email */
export const INBOUND_SOURCES: ReadonlySet<LeadSource> = new Set(['website', 'referral', 'event', 'partner', 'paid_search', 'social', 'webinar', 'content']);

export interface TemplateDef {
  key: string;
  name: string;
  purpose: string;
  subject: string;
  body: string;
}

const SIG = '\n\nBest,\n{{sender_first_name}}';
export const TEMPLATES: readonly TemplateDef[] = [
  { key: 'intro_a', name: 'Cold intro - statement subject', purpose: 'prospecting', subject: 'Pipeline visibility at {{company}}', body: 'Hi {{first_name}},\n\nTeams like yours tell us they struggle with {{pain_point}}. Dealwise gives sales leaders a live view of pipeline health without extra data entry.\n\nWorth a 20-minute look next week?' + SIG },
  { key: 'intro_b', name: 'Cold intro - question subject', purpose: 'prospecting', subject: '{{first_name}}, is your forecast off by 20%?', body: 'Hi {{first_name}},\n\nQuick question: how far off was last quarter\'s forecast at {{company}}? Most {{industry}} teams we meet miss by 15-25%.\n\nOpen to comparing notes for 20 minutes?' + SIG },
  { key: 'follow_a', name: 'Follow-up - case study', purpose: 'follow_up', subject: 'How a {{industry}} team cut forecast error in half', body: 'Hi {{first_name}},\n\nFollowing up with a short case study: a {{industry}} company your size cut forecast error from 22% to 9% in two quarters.\n\nHappy to walk you through how they did it.' + SIG },
  { key: 'follow_b', name: 'Follow-up - short bump', purpose: 'follow_up', subject: 'Re: quick question', body: 'Hi {{first_name}},\n\nJust floating this back up. Is pipeline visibility on your list this quarter, or should I check back later?' + SIG },
  { key: 'breakup', name: 'Break-up email', purpose: 'follow_up', subject: 'Closing the loop', body: 'Hi {{first_name}},\n\nI have not heard back, so I will assume the timing is not right. If that changes, reply here and I will pick it up.' + SIG },
  { key: 'webinar', name: 'Webinar follow-up', purpose: 'nurture', subject: 'Slides from "Forecasting That Works"', body: 'Hi {{first_name}},\n\nThanks for joining the webinar. Here are the slides and the recording. If you want to see how the forecast model would look on your own data, I can set that up.' + SIG },
  { key: 'event', name: 'Event follow-up', purpose: 'nurture', subject: 'Great meeting you at RevOps Summit', body: 'Hi {{first_name}},\n\nGood to meet you at the booth. You mentioned {{pain_point}}; I would love to show you how other teams solved that.' + SIG },
  { key: 'recap', name: 'Meeting recap', purpose: 'follow_up', subject: 'Recap and next steps', body: 'Hi {{first_name}},\n\nThanks for your time today. Summary of what we covered and the agreed next steps below.' + SIG },
];

export interface AbTestDef {
  key: string;
  name: string;
  metric: 'opened' | 'replied';
  a: string;
  b: string;
  /** the sequence step whose emails take part */
  step: number;
  startDaysAgo: number;
  endDaysAgo?: number;
  /** the true rates behind the variants: B really is better, so the significance test has something to find */
  rateA: number;
  rateB: number;
}

export const AB_TESTS: readonly AbTestDef[] = [
  { key: 'subject', name: 'Intro subject line: statement vs question', metric: 'opened', a: 'intro_a', b: 'intro_b', step: 1, startDaysAgo: 400, endDaysAgo: 20, rateA: 0.3, rateB: 0.46 },
  { key: 'followup', name: 'Follow-up: case study vs short bump', metric: 'replied', a: 'follow_a', b: 'follow_b', step: 2, startDaysAgo: 400, rateA: 0.04, rateB: 0.15 },
];

/** open-rate multiplier by the recipient's local send hour: mid-morning wins, evenings lose */
export const SEND_HOUR_EFFECT: Record<number, number> = {
  6: 0.6, 7: 0.85, 8: 1.15, 9: 1.35, 10: 1.3, 11: 1.1, 12: 0.9, 13: 1.0, 14: 1.0, 15: 0.9, 16: 0.8, 17: 0.7, 18: 0.6, 19: 0.5, 20: 0.45,
};
/** when reps actually schedule sends (recipient-local hour, weight): broad, so every hour gets a sample */
export const SEND_HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [6, 2], [7, 5], [8, 9], [9, 10], [10, 10], [11, 9], [12, 6], [13, 8], [14, 9], [15, 8], [16, 7], [17, 5], [18, 3], [19, 2], [20, 1],
];
/** when people open mail (local hour, weight): the morning inbox sweep and after lunch */
export const OPEN_HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [7, 6], [8, 12], [9, 14], [10, 11], [11, 8], [12, 6], [13, 8], [14, 7], [15, 6], [16, 5], [17, 4], [18, 2], [19, 2], [20, 2], [21, 1],
];
