import type { Executor } from '../../db/client.ts';
import { leadSignals, scoringReference } from '../../db/repos/lead-signals.ts';
import { leadsWithKnownOutcome } from '../../db/repos/lead-scores.ts';
import { getMeta, setMeta } from '../../db/repos/meta.ts';
import type { Scope } from '../../db/repos/scope.ts';
import { conflict } from '../core/errors.ts';
import {
  DEFAULT_LEAD_SCORE_MODEL,
  fitLeadScoreModel,
  LEAD_SCORE_PARTS,
  type LeadExample,
  type LeadScoreModel,
} from './lead-score-model.ts';
import { leadFeaturesOf } from './score-features.ts';

// Which lead-score model the store uses: the one stored under store_meta 'lead_score_model' (fitted by
// lead_score with fit: true), else DEFAULT_LEAD_SCORE_MODEL, the documented hand-set default.

export const LEAD_SCORE_MODEL_KEY = 'lead_score_model';
/** a lead still unconverted this many days after it was created counts as not converted */
export const OUTCOME_HORIZON_DAYS = 180;
/** fitting needs at least this many leads with a known outcome, and this many of each outcome */
export const MIN_EXAMPLES = 20;
export const MIN_PER_CLASS = 5;
const FIT_SEED = 42;
/**
 * Lead-record fields with no history: their value at a past decision point is unknown, and they are
 * typically filled in during qualification or at conversion, so a model fitted on them learns how the
 * CRM is kept rather than who buys (on the demo org budget alone separates the outcomes perfectly).
 * Fitted models leave them out; the hand-set default keeps its documented priors for them.
 */
export const UNDATED_RECORD_FEATURES = ['budget', 'is_decision_maker'] as const;

export type ModelSource = 'stored' | 'default';

export function isLeadScoreModel(value: unknown): value is LeadScoreModel {
  if (!value || typeof value !== 'object') return false;
  const m = value as Partial<LeadScoreModel>;
  return (
    m.version === 1 &&
    typeof m.intercept === 'number' &&
    Number.isFinite(m.intercept) &&
    !!m.parts &&
    LEAD_SCORE_PARTS.every((p) => Array.isArray(m.parts?.[p]))
  );
}

export async function loadLeadScoreModel(ex: Executor): Promise<{ model: LeadScoreModel; source: ModelSource }> {
  const stored = await getMeta<unknown>(ex, LEAD_SCORE_MODEL_KEY);
  if (stored === undefined) return { model: DEFAULT_LEAD_SCORE_MODEL, source: 'default' };
  if (!isLeadScoreModel(stored)) {
    throw conflict(`The stored lead score model (store_meta '${LEAD_SCORE_MODEL_KEY}') is not a valid model`, 'an admin can refit it with lead_score fit: true');
  }
  return { model: stored, source: 'stored' };
}

/**
 * One example per lead whose outcome is known as of `asOf`, with features read strictly before the
 * moment the outcome became known (1 ms before conversion / disqualification / the horizon), so no
 * activity from after the decision leaks into the features. UNDATED_RECORD_FEATURES are left out
 * unless `keepUndated` (for sensitivity runs).
 */
export async function knownOutcomeExamples(
  ex: Executor,
  scope: Scope,
  asOf: Date,
  options: { horizonDays?: number; keepUndated?: boolean; readAt?: (outcome: { decidedAt: Date; createdAt: Date }) => Date } = {},
): Promise<LeadExample[]> {
  const { horizonDays = OUTCOME_HORIZON_DAYS, keepUndated = false } = options;
  const undated: readonly string[] = keepUndated ? [] : UNDATED_RECORD_FEATURES;
  const outcomes = await leadsWithKnownOutcome(ex, scope, asOf, horizonDays);
  const readAt = options.readAt ?? ((o) => new Date(o.decidedAt.getTime() - 1));
  const signals = await leadSignals(ex, scope, outcomes.map((o) => ({ leadId: o.leadId, asOf: readAt(o) })));
  const reference = await scoringReference(ex);
  const converted = new Map(outcomes.map((o) => [o.leadId, o.converted]));
  return signals.map((row) => ({
    features: leadFeaturesOf(row, reference).filter((f) => !undated.includes(f.name)),
    converted: converted.get(row.leadId) ?? false,
  }));
}

/** Fits the model on the store's known outcomes as of `asOf` and stores it; refuses with too little data. */
export async function fitAndStoreLeadScoreModel(ex: Executor, scope: Scope, asOf: Date): Promise<LeadScoreModel> {
  const examples = await knownOutcomeExamples(ex, scope, asOf);
  const positives = examples.filter((e) => e.converted).length;
  const negatives = examples.length - positives;
  if (examples.length < MIN_EXAMPLES || positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS) {
    throw conflict(
      `Too few leads with a known outcome to fit a model: ${examples.length} (${positives} converted, ${negatives} not); need ${MIN_EXAMPLES} with at least ${MIN_PER_CLASS} of each`,
      'keep scoring with the current model until more leads convert or are disqualified',
    );
  }
  const fitted = fitLeadScoreModel(examples, { seed: FIT_SEED });
  const model: LeadScoreModel = {
    ...fitted,
    description: `Fitted on ${examples.length} leads (${positives} converted) with outcomes known as of ${asOf.toISOString()}.`,
  };
  await setMeta(ex, LEAD_SCORE_MODEL_KEY, model);
  return model;
}
