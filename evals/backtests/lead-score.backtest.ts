import { auc, baseRateBrier, brier, reliabilityTable, type Prediction, type ReliabilityBin } from '../../core/stats/metrics.ts';
import { stratifiedFolds } from '../../core/stats/folds.ts';
import { fitLeadScoreModel, scoreLead, type LeadExample } from '../../tools/leads/lead-score-model.ts';
import { fitNaiveBayes, predictNaiveBayes } from './lead-score-naive-bayes.ts';
import { X_EDUCATION_EXCLUDED, X_EDUCATION_LEADS_CSV, X_EDUCATION_MAPPING, loadXEducationExamples } from './lead-score-x-education.ts';

// Lead score on X Education: k-fold stratified CV (seeded). Each fold's model is fitted on the other
// folds and scores only its held-out leads; metrics pool the held-out predictions. Target AUC >= 0.85.
// Baseline: naive Bayes over the same mapped fields, fitted and scored on the same folds.

export const name = 'lead-score x_education';
export const TARGET_AUC = 0.85;

export interface FoldResult {
  fold: number;
  n: number;
  positives: number;
  auc: number;
  brier: number;
  nbAuc: number;
}

export interface LeadScoreBacktestResult {
  examples: number;
  positives: number;
  folds: FoldResult[];
  /** on the pooled held-out predictions */
  auc: number;
  /** AUC of the 0..100 integer score (rounding makes ties) */
  scoreAuc: number;
  brier: number;
  baseRateBrier: number;
  nbAuc: number;
  nbBrier: number;
  reliability: ReliabilityBin[];
}

export interface LeadScoreBacktestOptions {
  file?: string;
  k?: number;
  seed?: number;
  l2?: number;
  /** feature names left out (for sensitivity runs) */
  omit?: readonly string[];
}

export function crossValidate(examples: readonly LeadExample[], options: LeadScoreBacktestOptions = {}): LeadScoreBacktestResult {
  const { k = 5, seed = 42, l2 = 1, omit = [] } = options;
  const data = omit.length === 0 ? examples : examples.map((e) => ({ ...e, features: e.features.filter((f) => !omit.includes(f.name)) }));
  const folds = stratifiedFolds(data.map((e) => e.converted), k, seed);
  const model: Prediction[] = new Array<Prediction>(data.length);
  const scores: Prediction[] = new Array<Prediction>(data.length);
  const nb: Prediction[] = new Array<Prediction>(data.length);
  const foldResults: FoldResult[] = [];

  for (let fold = 0; fold < k; fold++) {
    const train = data.filter((_, i) => folds[i] !== fold);
    const fitted = fitLeadScoreModel(train, { l2, seed });
    const naive = fitNaiveBayes(train);
    const held: number[] = [];
    data.forEach((e, i) => {
      if (folds[i] !== fold) return;
      held.push(i);
      const result = scoreLead(e.features, fitted);
      model[i] = { p: result.probability, y: e.converted };
      scores[i] = { p: result.score, y: e.converted };
      nb[i] = { p: predictNaiveBayes(naive, e.features), y: e.converted };
    });
    const pick = (list: Prediction[]) => held.map((i) => list[i]!);
    foldResults.push({
      fold: fold + 1,
      n: held.length,
      positives: held.filter((i) => data[i]!.converted).length,
      auc: auc(pick(model)),
      brier: brier(pick(model)),
      nbAuc: auc(pick(nb)),
    });
  }

  return {
    examples: data.length,
    positives: data.filter((e) => e.converted).length,
    folds: foldResults,
    auc: auc(model),
    scoreAuc: auc(scores),
    brier: brier(model),
    baseRateBrier: baseRateBrier(model),
    nbAuc: auc(nb),
    nbBrier: brier(nb),
    reliability: reliabilityTable(model, 10),
  };
}

/** Runs the backtest on the X Education file; null when the file is absent. */
export async function runLeadScoreBacktest(options: LeadScoreBacktestOptions = {}): Promise<LeadScoreBacktestResult | null> {
  const examples = await loadXEducationExamples(options.file ?? X_EDUCATION_LEADS_CSV);
  return examples ? crossValidate(examples, options) : null;
}

const f3 = (x: number) => x.toFixed(3);

export function formatReport(r: LeadScoreBacktestResult, sensitivity: { label: string; auc: number }[] = []): string {
  const lines = [
    `X Education: ${r.examples} leads, ${r.positives} converted (${((100 * r.positives) / r.examples).toFixed(1)}%), ${r.folds.length}-fold stratified CV`,
    `fields: ${X_EDUCATION_MAPPING.map((m) => `${m.column} -> ${m.part}`).join('; ')}`,
    `excluded: ${X_EDUCATION_EXCLUDED.map((x) => x.column).join('; ')}`,
    '',
    'fold      n    pos   AUC    Brier  NB AUC',
    ...r.folds.map((f) => `${String(f.fold).padEnd(4)} ${String(f.n).padStart(5)} ${String(f.positives).padStart(6)}   ${f3(f.auc)}  ${f3(f.brier)}  ${f3(f.nbAuc)}`),
    `pooled ${String(r.examples).padStart(5)} ${String(r.positives).padStart(4)}   ${f3(r.auc)}  ${f3(r.brier)}  ${f3(r.nbAuc)}`,
    '',
    `lead score (logistic): AUC ${f3(r.auc)} (integer 0-100 score: ${f3(r.scoreAuc)}), Brier ${f3(r.brier)} vs base rate ${f3(r.baseRateBrier)}`,
    `naive Bayes baseline:  AUC ${f3(r.nbAuc)}, Brier ${f3(r.nbBrier)}`,
    ...sensitivity.map((s) => `sensitivity: ${s.label}: AUC ${f3(s.auc)}`),
    `target AUC >= ${TARGET_AUC}: ${r.auc >= TARGET_AUC ? 'MET' : 'NOT MET'}`,
    '',
    'reliability (pooled held-out)',
    'bin          n    mean p  observed',
    ...r.reliability.map((b) => `${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${String(b.count).padStart(6)}   ${f3(b.meanPredicted)}   ${f3(b.observedRate)}`),
  ];
  return lines.join('\n');
}

export async function run(): Promise<string> {
  const examples = await loadXEducationExamples();
  if (!examples) return `skipped: ${X_EDUCATION_LEADS_CSV} not found`;
  const result = crossValidate(examples);
  // Last (Notable) Activity includes sales-side events (SMS Sent, Had a Phone Conversation): show how much rests on them
  const withoutActivity = crossValidate(examples, { omit: ['last_activity', 'last_notable_activity'] });
  return formatReport(result, [{ label: 'without Last Activity / Last Notable Activity', auc: withoutActivity.auc }]);
}
