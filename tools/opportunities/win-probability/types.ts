import type { Calibrator, CalibrationMethod, PlattCalibrator } from '../calibration.ts';
import type { StageDuration, StagePriors } from './history.ts';
import type { FactLikelihood } from './likelihood.ts';
import type { DealFacts } from './profile.ts';

// Shapes shared by fitting and prediction. A FittedWinModel is plain JSON: it can be stored,
// shipped to another process, and give the same probabilities after a round trip.

export const NUMERIC_FEATURES = ['similar_deals', 'fact_likelihood', 'recency', 'recency_missing', 'aging', 'past_p80'] as const;
export type NumericFeature = (typeof NUMERIC_FEATURES)[number];

export interface FeatureSpace {
  /** numeric columns in use (those the training data could support), in column order */
  numeric: NumericFeature[];
  /** one-hot columns, `key=value`, after the numeric ones */
  categorical: string[];
}

export interface WinModelOptions {
  /** neighbours per deal */
  k: number;
  /** weight of the prior in the neighbour rate (in units of similarity² weight) */
  shrinkage: number;
  /** ridge penalties tried by inner cross-validation; the best by out-of-fold log loss is kept */
  lambdas: number[];
  calibration: CalibrationMethod;
  /** a `key=value` fact needs this many training rows to get its own column */
  minCount: number;
  /** inner folds for choosing the penalty and collecting out-of-fold scores for calibration */
  folds: number;
  seed: number;
  /**
   * weights tried for the fitted model's departure from the stage prior (0 = the stage prior alone,
   * 1 = the calibrated model); the one with the best cross-validated log loss on the held-out scores is kept
   */
  modelWeights: number[];
}

export const DEFAULT_WIN_MODEL_OPTIONS: WinModelOptions = {
  k: 20,
  shrinkage: 2,
  lambdas: [2, 8, 32],
  calibration: 'platt',
  minCount: 3,
  folds: 5,
  seed: 7,
  modelWeights: [0, 0.25, 0.5, 0.75, 1],
};

export interface FittedWinModel {
  version: 2;
  options: WinModelOptions;
  priors: StagePriors;
  durations: Record<string, StageDuration>;
  /** naive-Bayes counts of the closed deals' facts (the fact_likelihood column) */
  likelihood: FactLikelihood;
  space: FeatureSpace;
  intercept: number;
  /** numeric weights then categorical, matching `space` */
  weights: number[];
  calibrator: Calibrator;
  /**
   * how much of the calibrated model's departure from the stage prior is kept (logit scale):
   * p = sigmoid(prior + modelWeight * (calibrated - prior)); 1 when there was too little data to validate it
   */
  modelWeight: number;
  /**
   * last map on the blended logit, fitted on an inner replay of deals open at earlier dates (see
   * replay-calibration.ts); absent when no replay was run (pure fits, too little history)
   */
  replayCalibrator?: PlattCalibrator;
  training: {
    examples: number;
    deals: number;
    history: number;
    lambda: number;
    /** log loss of the raw out-of-fold scores at the chosen penalty (null: too little data for folds) */
    outOfFoldLogLoss: number | null;
    /**
     * per model weight tried, the cross-validated log loss of the held-out scores (calibrator refitted
     * without each fold; the overall level refitted, so the choice rests on how deals are told apart)
     */
    modelWeightLogLoss: Array<{ weight: number; logLoss: number }>;
    replay?: ReplaySummary;
  };
}

/** What the inner replay behind `replayCalibrator` saw. */
export interface ReplaySummary {
  /** inner as-of dates (ISO), each at least `horizonDays` before the fit date */
  dates: string[];
  horizonDays: number;
  /** replayed deal-days: deals open on an inner date, scored as of it, closed before the fit date */
  points: number;
  wins: number;
  /** deals open on an inner date but not closed before the fit date: left out (outcome unknown) */
  censored: number;
  /** mean replayed probability before the map, and the replayed deals' win rate */
  meanPredicted: number;
  observedRate: number;
}

/** A training row: what a deal looked like at some moment, and how it ended. */
export interface TrainingExample {
  deal: DealFacts & { id: string };
  won: boolean;
}

export interface WinPart {
  name: string;
  /** the input the part reads (a rate, a day count, a fact's value); null when absent */
  value: number | string | null;
  /** contribution on the logit scale; the parts' effects add up to logit(probability) */
  effect: number;
  note: string;
}

export interface SimilarDeal {
  id: string;
  similarity: number;
  outcome: 'won' | 'lost';
}

export interface WinProbability {
  probability: number;
  /** before calibration */
  rawProbability: number;
  parts: WinPart[];
  similarDeals: SimilarDeal[];
}
