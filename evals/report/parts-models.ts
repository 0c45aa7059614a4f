import { existsSync } from 'node:fs';
import path from 'node:path';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import type { Store } from '../../db/client.ts';
import { knownOutcomeExamples, UNDATED_RECORD_FEATURES } from '../../tools/leads/score-model-config.ts';
import { replayDemo } from '../backtests/forecast-demo.ts';
import { loadMavenPipeline } from '../backtests/forecast-maven.ts';
import { replayMavenProduct } from '../backtests/forecast-maven-product.ts';
import { summarizeMonths } from '../backtests/forecast-report.ts';
import { crossValidateDemo } from '../backtests/lead-score-demo.backtest.ts';
import { runLeadScoreBacktest } from '../backtests/lead-score.backtest.ts';
import { X_EDUCATION_LEADS_CSV } from '../backtests/lead-score-x-education.ts';
import { replay } from '../backtests/win-probability-demo.backtest.ts';
import { MAVEN_DIR, mavenReplay, mavenSummary } from '../backtests/win-probability-maven.ts';
import { SALVIRT_CSV, salvirtBacktest, salvirtSummary } from '../backtests/win-probability-salvirt.ts';
import { EVAL_NOW } from './store.ts';
import type { Metric } from './table.ts';

// The backtests' figures as metrics, computed by the backtest modules' own functions (the same code
// `npm run backtest` prints from): win probability, lead score and forecast, on the shared seeded demo org
// and on the public data sets in ../shared/data when present.

const skip = (id: string, why: string): Metric => ({ id, value: null, note: why });

/** Worst |mean predicted - observed| over reliability bins holding at least `minCount` predictions. */
export function worstCalibrationGap(bins: readonly { count: number; meanPredicted: number; observedRate: number }[], minCount = 30): number | null {
  const big = bins.filter((b) => b.count >= minCount);
  return big.length === 0 ? null : Math.max(...big.map((b) => Math.abs(b.meanPredicted - b.observedRate)));
}

export async function winProbabilityMetrics(store: Store, quick: boolean): Promise<Metric[]> {
  const out: Metric[] = [];
  // the demo replay fits a model per month: --quick replays the last 4 months only
  const demo = await replay(store.db, createLocalEmbedder(), EVAL_NOW, quick ? 4 : 12);
  out.push({ id: 'win_probability.demo_auc', value: demo.pooled.auc, note: `${demo.pooled.n} deal-days, stage-only AUC ${demo.pooled.stageAuc.toFixed(3)}${quick ? ', last 4 months (--quick)' : ''}` });
  out.push({ id: 'win_probability.demo_brier', value: demo.pooled.brier, note: `base-rate Brier ${demo.pooled.baseRateBrier.toFixed(3)}` });
  out.push({ id: 'win_probability.demo_calibration_gap', value: worstCalibrationGap(demo.reliability), note: 'bins with >= 30 deal-days' });
  if (existsSync(SALVIRT_CSV)) {
    const s = salvirtSummary(salvirtBacktest({ seed: 1 })!);
    out.push({ id: 'win_probability.salvirt_auc', value: s.auc, note: `naive Bayes ${s.naiveBayesAuc.toFixed(3)}; Brier ${s.brier.toFixed(3)}` });
  } else out.push(skip('win_probability.salvirt_auc', `no data at ${SALVIRT_CSV}`));
  const maven = quick ? null : mavenReplay();
  if (maven) {
    const m = mavenSummary(maven);
    out.push({ id: 'win_probability.maven_auc', value: m.auc, note: `${m.n} deal-days` });
    out.push({ id: 'win_probability.maven_brier_minus_base', value: m.brier - m.baseRateBrier, note: `Brier ${m.brier.toFixed(4)} vs base rate ${m.baseRateBrier.toFixed(4)}` });
  } else out.push(skip('win_probability.maven_brier_minus_base', quick ? 'skipped by --quick' : `no data in ${MAVEN_DIR}`));
  return out;
}

export async function leadScoreMetrics(store: Store): Promise<Metric[]> {
  const examples = await knownOutcomeExamples(store.db, { kind: 'all' }, EVAL_NOW, { keepUndated: true });
  const demo = crossValidateDemo(examples, UNDATED_RECORD_FEATURES);
  const out: Metric[] = [{ id: 'lead_score.demo_auc', value: demo.probabilityAuc, note: `${demo.examples} leads, 5-fold, as-of features` }];
  if (existsSync(X_EDUCATION_LEADS_CSV)) {
    const x = await runLeadScoreBacktest();
    out.push(x ? { id: 'lead_score.x_education_auc', value: x.auc, note: `${x.examples} leads, Brier ${x.brier.toFixed(3)}` } : skip('lead_score.x_education_auc', 'no X Education data'));
  } else out.push(skip('lead_score.x_education_auc', `no data at ${path.relative(process.cwd(), X_EDUCATION_LEADS_CSV)}`));
  return out;
}

export async function forecastMetrics(store: Store, quick: boolean): Promise<Metric[]> {
  const runs = quick ? 2_000 : 10_000;
  const demo = summarizeMonths(await replayDemo(store.db, EVAL_NOW, 12, { method: 'calibrated', runs, seed: 1, currency: 'USD' }));
  const out: Metric[] = [
    { id: 'forecast.demo_mape', value: demo.mape, note: `median APE ${demo.medianApe?.toFixed(1)}%, WAPE ${demo.wape?.toFixed(1)}%, ${demo.months} months` },
    { id: 'forecast.demo_coverage', value: demo.coverage, note: `${demo.months} months, ${runs} runs` },
  ];
  const data = loadMavenPipeline();
  if (data) {
    const used = replayMavenProduct(data, 'month', runs, 1).filter((p) => !p.skipped);
    const s = summarizeMonths(used);
    out.push({ id: 'forecast.maven_mape', value: s.mape, note: `${s.months} months` }, { id: 'forecast.maven_coverage', value: s.coverage, note: `${s.months} months` });
  } else out.push(skip('forecast.maven_mape', `no sales_pipeline.csv in ${MAVEN_DIR}`), skip('forecast.maven_coverage', `no sales_pipeline.csv in ${MAVEN_DIR}`));
  return out;
}
