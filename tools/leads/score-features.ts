import type { LeadSignalRow, ScoringReference } from '../../db/repos/lead-signals.ts';
import { productLeadFeatures, type LeadFeature, type ProductLeadSignals } from './lead-score-model.ts';
import { daysBetween } from './lead-text.ts';

// From the store's facts about a lead (db/repos/lead-signals.ts) to the model's features.
//
// behavioural  email opens / clicks / replies in the last 30 days (and 90 days, for fitted models),
//              web visits in 30 days when a source recorded attributes.webVisits30d
// demographic  seniority, the account's employees and industry
// fit          product_fit 0..1 = the share of known checks that match:
//                - the account's industry is one the org's active reps specialise in
//                - the lead's attributes.productInterest names an active product, family or specialisation
//              (no check known -> missing, which the model fills as neutral)
//              budget = in_range when the top of the known budget (max, else min) reaches the cheapest
//              active list price (or no product has a price), out_of_range below it, unknown without one
//              is_decision_maker from the lead record
// engagement   whole days since the last activity (interaction or email open/click/reply), interactions
//              in the last 30 days, meetings held

export const EXTRA_FEATURE_NAMES = ['email_opens_90d', 'email_clicks_90d', 'email_replies_90d'] as const;

export function productFit(row: Pick<LeadSignalRow, 'industry' | 'productInterest'>, reference: ScoringReference): number | null {
  const checks: number[] = [];
  if (row.industry) checks.push(reference.specialisations.includes(row.industry.trim().toLowerCase()) ? 1 : 0);
  if (row.productInterest.length > 0) {
    const known = new Set([...reference.productNames, ...reference.specialisations]);
    checks.push(row.productInterest.some((p) => known.has(p.toLowerCase())) ? 1 : 0);
  }
  return checks.length === 0 ? null : checks.reduce((s, c) => s + c, 0) / checks.length;
}

export function budgetFit(row: Pick<LeadSignalRow, 'budgetMinMinor' | 'budgetMaxMinor'>, reference: ScoringReference): ProductLeadSignals['budget'] {
  const top = row.budgetMaxMinor ?? row.budgetMinMinor;
  if (top === null) return 'unknown';
  if (reference.minListPriceMinor === null) return 'in_range';
  return top >= reference.minListPriceMinor ? 'in_range' : 'out_of_range';
}

export function signalsOf(row: LeadSignalRow, reference: ScoringReference): ProductLeadSignals {
  return {
    emailOpens30d: row.opens30,
    emailClicks30d: row.clicks30,
    emailReplies30d: row.replies30,
    webVisits30d: row.webVisits30d,
    seniority: row.seniority,
    companyEmployees: row.employees,
    industry: row.industry,
    productFit: productFit(row, reference),
    budget: budgetFit(row, reference),
    isDecisionMaker: row.isDecisionMaker,
    daysSinceLastActivity: row.lastActivity ? daysBetween(row.lastActivity.at, row.asOf) : null,
    interactions30d: row.interactions30,
    meetingsHeld: row.meetingsHeld,
  };
}

/** The model's feature list for one lead: the product features plus 90-day email counts. */
export function leadFeaturesOf(row: LeadSignalRow, reference: ScoringReference): LeadFeature[] {
  return [
    ...productLeadFeatures(signalsOf(row, reference)),
    { part: 'behavioural', name: 'email_opens_90d', label: 'email opens (90 days)', phrase: 'opened {value} emails in 90 days', value: row.opens90 },
    { part: 'behavioural', name: 'email_clicks_90d', label: 'email clicks (90 days)', phrase: 'clicked {value} email links in 90 days', value: row.clicks90 },
    { part: 'behavioural', name: 'email_replies_90d', label: 'email replies (90 days)', phrase: 'replied {value} times in 90 days', value: row.replies90 },
  ];
}
