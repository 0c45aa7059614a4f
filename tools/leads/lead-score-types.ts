// Types of the lead-score model: the feature lists the product and the backtests fill, the
// JSON-serialisable model (stored as configuration), and what scoring a lead returns.

export const LEAD_SCORE_PARTS = ['behavioural', 'demographic', 'fit', 'engagement'] as const;
export type LeadScorePart = (typeof LEAD_SCORE_PARTS)[number];

export const LEAD_GRADES = ['A', 'B', 'C', 'D'] as const;
export type LeadGrade = (typeof LEAD_GRADES)[number];

/** null/undefined/'' mean missing. Numbers feed numeric features; strings and booleans categorical ones. */
export type LeadFeatureValue = number | string | boolean | null | undefined;

/** One named signal about a lead, e.g. `{ part: 'behavioural', name: 'email_opens', value: 4 }`. */
export interface LeadFeature {
  part: LeadScorePart;
  name: string;
  value: LeadFeatureValue;
  /** words for reasons, e.g. "web visits (30 days)"; defaults to the name */
  label?: string;
  /** reason template for numeric features, `{value}` is replaced: "visited {value} times" */
  phrase?: string;
}

export interface LeadExample {
  features: readonly LeadFeature[];
  converted: boolean;
}

/**
 * Numeric feature: x -> min(x, cap) -> transform -> (t - center) / scale -> * weight (log-odds).
 * Missing values take `fill` (raw units). Centering on the training mean makes 0 "an average lead".
 */
export interface NumericFeatureSpec {
  kind: 'numeric';
  name: string;
  label: string;
  phrase?: string;
  transform: 'log1p' | 'identity';
  /** values above are clipped (outliers such as 251 visits); null = no cap */
  cap: number | null;
  /** raw value used when the feature is missing */
  fill: number;
  center: number;
  scale: number;
  /** log-odds per scale unit of the transformed value */
  weight: number;
}

/**
 * Categorical feature, one weight (log-odds) per normalised category (trimmed, lower-case;
 * booleans as 'yes'/'no'; missing as '(missing)'). A category the model never saw gets
 * `unknownWeight`: the prior, i.e. what the fit gives a category it has no data for.
 */
export interface CategoricalFeatureSpec {
  kind: 'categorical';
  name: string;
  label: string;
  weights: Record<string, number>;
  unknownWeight: number;
}

export type FeatureSpec = NumericFeatureSpec | CategoricalFeatureSpec;

export interface LeadScoreModelFit {
  examples: number;
  positives: number;
  l2: number;
  seed: number;
  iterations: number;
  converged: boolean;
}

/** Plain JSON: store it as configuration and read it back with JSON.parse. */
export interface LeadScoreModel {
  version: 1;
  /** log-odds of converting for a lead that is average on every feature */
  intercept: number;
  parts: Record<LeadScorePart, FeatureSpec[]>;
  /** how it was fitted; null for a hand-set model */
  fit: LeadScoreModelFit | null;
  description?: string;
}

/** Multipliers on each part's log-odds contribution; default 1 each (= the fitted model). */
export type PartWeights = Partial<Record<LeadScorePart, number>>;

/** Lowest score of each grade; below C is D. */
export interface GradeThresholds {
  A: number;
  B: number;
  C: number;
}

export interface LeadScoreResult {
  /** 0..100 integer: round(100 * sigmoid(weighted log-odds)) */
  score: number;
  grade: LeadGrade;
  /** the model's conversion probability (unweighted; equals score/100 before rounding when weights are default) */
  probability: number;
  /** each 0..100: round(100 * sigmoid(weighted part contribution)); 50 = an average lead on that part */
  parts: Record<LeadScorePart, number>;
  /** each part's weighted contribution in log-odds, relative to an average lead */
  contributions: Record<LeadScorePart, number>;
  /** the largest contributions of each part in plain words, biggest first, e.g. "visited 12 times (+)" */
  reasons: Record<LeadScorePart, string[]>;
}

export interface ScoreChange {
  /** current - previous score; null when there is no previous score */
  delta: number | null;
  gradeChanged: boolean;
  direction: 'up' | 'down' | 'same' | 'new';
  previousGrade: LeadGrade | null;
}
