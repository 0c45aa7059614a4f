import type { Seniority } from '../../core/domain.ts';
import type { CategoricalFeatureSpec, LeadFeature, LeadScoreModel, NumericFeatureSpec } from './lead-score-types.ts';

// The product's lead signals and a hand-set model over them, for stores with too little
// history to fit one. Weights are log-odds relative to a "typical" lead (the centre of each
// numeric feature); the intercept -1.0 makes that typical lead 27% (score 27, grade C).

/** What the product knows about a lead; the lead_score tool fills this from the database. */
export interface ProductLeadSignals {
  // behavioural, last 30 days
  emailOpens30d?: number | null;
  emailClicks30d?: number | null;
  emailReplies30d?: number | null;
  webVisits30d?: number | null;
  // demographic
  seniority?: Seniority | null;
  companyEmployees?: number | null;
  industry?: string | null;
  // fit
  /** 0..1: how well the lead's industry / specialisation matches what we sell */
  productFit?: number | null;
  budget?: 'in_range' | 'out_of_range' | 'unknown' | null;
  isDecisionMaker?: boolean | null;
  // engagement
  daysSinceLastActivity?: number | null;
  interactions30d?: number | null;
  meetingsHeld?: number | null;
}

/** The feature list for the product signals (names match DEFAULT_LEAD_SCORE_MODEL). */
export function productLeadFeatures(s: ProductLeadSignals): LeadFeature[] {
  return [
    { part: 'behavioural', name: 'email_opens_30d', label: 'email opens (30 days)', value: s.emailOpens30d },
    { part: 'behavioural', name: 'email_clicks_30d', label: 'email clicks (30 days)', value: s.emailClicks30d },
    { part: 'behavioural', name: 'email_replies_30d', label: 'email replies (30 days)', value: s.emailReplies30d },
    { part: 'behavioural', name: 'web_visits_30d', label: 'web visits (30 days)', value: s.webVisits30d },
    { part: 'demographic', name: 'seniority', label: 'seniority', value: s.seniority },
    { part: 'demographic', name: 'company_employees', label: 'company employees', value: s.companyEmployees },
    { part: 'demographic', name: 'industry', label: 'industry', value: s.industry },
    { part: 'fit', name: 'product_fit', label: 'product fit', value: s.productFit },
    { part: 'fit', name: 'budget', label: 'budget', value: s.budget },
    { part: 'fit', name: 'is_decision_maker', label: 'decision maker', value: s.isDecisionMaker },
    { part: 'engagement', name: 'days_since_last_activity', label: 'days since last activity', value: s.daysSinceLastActivity },
    { part: 'engagement', name: 'interactions_30d', label: 'interactions (30 days)', value: s.interactions30d },
    { part: 'engagement', name: 'meetings_held', label: 'meetings held', value: s.meetingsHeld },
  ];
}

/** log1p count feature: weight per unit of log1p(count) above log1p(typical); missing counts as `fill`. */
function count(name: string, label: string, phrase: string, weight: number, typical: number, cap: number, fill = 0): NumericFeatureSpec {
  return { kind: 'numeric', name, label, phrase, transform: 'log1p', cap, fill, center: Math.log1p(typical), scale: 1, weight };
}

function category(name: string, label: string, weights: Record<string, number>): CategoricalFeatureSpec {
  return { kind: 'categorical', name, label, weights, unknownWeight: 0 };
}

export const DEFAULT_LEAD_SCORE_MODEL: LeadScoreModel = {
  version: 1,
  intercept: -1.0,
  description: 'Hand-set default for stores without enough converted leads to fit a model.',
  fit: null,
  parts: {
    behavioural: [
      // typical lead opens ~2 emails a month; 10 opens: +0.39, none: -0.33
      count('email_opens_30d', 'email opens (30 days)', 'opened {value} emails in 30 days', 0.3, 2, 30),
      // a click or a reply is a stronger signal than an open: 1 click +0.35, 1 reply +0.62
      count('email_clicks_30d', 'email clicks (30 days)', 'clicked {value} email links in 30 days', 0.5, 0, 20),
      count('email_replies_30d', 'email replies (30 days)', 'replied {value} times in 30 days', 0.9, 0, 10),
      // 12 visits: +0.66, none: -0.24
      count('web_visits_30d', 'web visits (30 days)', 'visited {value} times in 30 days', 0.35, 1, 50),
    ],
    demographic: [
      category('seniority', 'seniority', {
        c_level: 0.6,
        vp: 0.5,
        director: 0.3,
        manager: 0,
        individual: -0.3,
        '(missing)': -0.1,
      }),
      // per log1p(employees) around a 200-person company: 10 people -0.29, 5,000 +0.32
      count('company_employees', 'company employees', 'company of {value} employees', 0.1, 200, 100_000, 200),
      // which industries matter is org-specific and goes into product_fit; here only "unknown" costs a little
      category('industry', 'industry', { '(missing)': -0.1 }),
    ],
    fit: [
      // 0..1 match score, centre 0.5: a perfect match +1.0, none -1.0, unknown (fill 0.5) 0
      { kind: 'numeric', name: 'product_fit', label: 'product fit', phrase: 'product fit {value}', transform: 'identity', cap: 1, fill: 0.5, center: 0.5, scale: 1, weight: 2 },
      category('budget', 'budget', { in_range: 0.7, out_of_range: -0.6, unknown: -0.1, '(missing)': -0.1 }),
      category('is_decision_maker', 'decision maker', { yes: 0.7, no: -0.3 }),
    ],
    engagement: [
      // recency around two weeks: active yesterday +0.91, 90 days ago -0.81; never (fill 90) -0.81
      count('days_since_last_activity', 'days since last activity', 'last active {value} days ago', -0.45, 14, 365, 90),
      count('interactions_30d', 'interactions (30 days)', '{value} interactions in 30 days', 0.4, 2, 30),
      // depth: 1 meeting +0.49, 3 meetings +0.97
      count('meetings_held', 'meetings held', 'held {value} meetings', 0.7, 0, 10),
    ],
  },
};
