import { auc, brier, baseRateBrier } from '../../core/stats/metrics.ts';
import { mavenReplay, mavenSummary, MAVEN_DIR } from './win-probability-maven.ts';
import { fmt, reliabilityText, table } from './win-probability-report.ts';
import { SALVIRT_CSV, salvirtBacktest, salvirtSummary, type SalvirtResult } from './win-probability-salvirt.ts';

// Win-probability model on two public data sets, only ever with what was known at prediction time:
// Salvirt (cross-validated, no dates) and Maven (month-by-month as-of replay).

export const name = 'win-probability';

const SALVIRT_TARGET_AUC = 0.85;
const LEAKAGE_AUC = 0.6;

export function salvirtReport(): string {
  const result = salvirtBacktest({ seed: 1 });
  if (!result) return `Salvirt: skipped (no file at ${SALVIRT_CSV})`;
  const s = salvirtSummary(result);
  // other fold splits: how much of the headline number is the split
  const runs = [result, ...[2, 3, 4, 5].map((seed) => salvirtBacktest({ seed })!)];
  const all = runs.map(salvirtSummary);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const spread = (xs: number[]) => `mean ${fmt(mean(xs))}, range ${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))}`;
  const foldMean = (r: SalvirtResult) => mean(r.folds.map((f) => f.auc));
  return [
    `Salvirt B2B win/loss: ${result.total} rows, ${result.duplicates} exact duplicates dropped -> ${result.deals} deals (${result.wins} won).`,
    '5-fold stratified CV (seed 1); priors, fitted model, calibration and neighbour pool from the training folds only.',
    '',
    table(
      ['fold', 'n', 'AUC model', 'AUC naive Bayes', 'Brier model', 'lambda'],
      result.folds.map((f) => [String(f.fold), String(f.n), f.auc, f.naiveBayesAuc, f.brier, String(f.lambda)]),
    ),
    '',
    table(
      ['pooled held-out', 'AUC', 'Brier'],
      [
        ['model', s.auc, s.brier],
        ['naive Bayes over the raw fields', s.naiveBayesAuc, s.naiveBayesBrier],
        ['base rate of the training folds', 0.5, s.baseRateBrier],
        ['base rate in hindsight (all deals)', 0.5, s.hindsightBaseRateBrier],
      ],
    ),
    '',
    table(
      ['fold seed', 'pooled AUC model', 'pooled AUC naive Bayes', 'mean fold AUC model', 'Brier model', 'Brier naive Bayes'],
      runs.map((r, i) => [String(i + 1), all[i]!.auc, all[i]!.naiveBayesAuc, foldMean(r), all[i]!.brier, all[i]!.naiveBayesBrier]),
    ),
    `Fold seeds 1-5, pooled held-out AUC: model ${spread(all.map((x) => x.auc))}; naive Bayes ${spread(all.map((x) => x.naiveBayesAuc))}. ` +
      `Mean per-fold AUC of the model: ${spread(runs.map(foldMean))}. Brier: model ${spread(all.map((x) => x.brier))}, naive Bayes ${spread(all.map((x) => x.naiveBayesBrier))}.`,
    `Target AUC >= ${SALVIRT_TARGET_AUC}: ${s.auc >= SALVIRT_TARGET_AUC ? 'met' : `NOT met (${fmt(s.auc)})`}; ` +
      `Brier ${fmt(s.brier)} vs base rate ${fmt(s.baseRateBrier)} and naive Bayes ${fmt(s.naiveBayesBrier)}.`,
    '',
    'Reliability (pooled held-out, model):',
    reliabilityText(result.model),
  ].join('\n');
}

export function mavenReport(): string {
  const months = mavenReplay();
  if (!months) return `Maven: skipped (no data in ${MAVEN_DIR})`;
  const s = mavenSummary(months);
  const skipped = months.filter((m) => m.skipped).map((m) => `${m.asOf}: skipped (${m.open} open), ${m.skipped}`);
  const rows = months
    .filter((m) => !m.skipped)
    .map((m) => [
          m.asOf,
          String(m.open),
          String(m.scored.length),
          fmt(m.scored.filter((p) => p.y).length / m.scored.length),
          String(m.history),
          String(m.examples),
          fmt(m.scored.reduce((a, p) => a + p.p, 0) / m.scored.length),
          auc(m.scored),
          brier(m.scored),
          brier(m.baseline),
          baseRateBrier(m.scored),
          m.modelWeight === undefined ? '' : fmt(m.modelWeight, 2),
          auc(m.scored) > LEAKAGE_AUC ? 'AUC > 0.6: probable leakage' : '',
    ]);
  const won = s.predictions.filter((p) => p.y).length;
  rows.push([
    'pooled', '', String(s.n), fmt(won / s.n), '', '', fmt(s.predictions.reduce((a, p) => a + p.p, 0) / s.n),
    s.auc, s.brier, s.baselineBrier, s.baseRateBrier, '', s.auc > LEAKAGE_AUC ? 'AUC > 0.6: probable leakage' : '',
  ]);
  return [
    'Maven CRM as-of replay: each month, the deals open on its first day, scored by a model fitted on deals closed before it.',
    'Features: agent, manager, office, product/series, account, sector, size band, country, deal age that day. Never close date,',
    'time to close, close value or outcome. Deals still open at the end of the data are not scored.',
    '"as-of base" = the win rate of deals closed before as-of (the stage-only baseline: every deal here is in Engaging);',
    '"hindsight base" = the scored deals\' own win rate, unknowable on the day (shown for reference).',
    '"model weight" = how much of the fitted model\'s departure from the stage prior the fit kept (chosen out of fold on its',
    'training rows; 0 = the model told won from lost deals no better than the prior, so it says the as-of base rate).',
    '',
    ...skipped,
    table(
      ['as-of', 'open', 'scored', 'win rate', 'closed before', 'train rows', 'mean p', 'AUC', 'Brier', 'Brier as-of base', 'Brier hindsight base', 'model weight', ''],
      rows,
    ),
    '',
    `Pooled AUC ${fmt(s.auc)} (${s.auc > LEAKAGE_AUC ? 'ABOVE 0.6: look for leakage' : 'no sign of leakage'}); ` +
      `Brier ${fmt(s.brier, 4)} vs as-of base rate ${fmt(s.baselineBrier, 4)} (diff ${fmt(s.brier - s.baselineBrier, 4)}) ` +
      `and hindsight base rate ${fmt(s.baseRateBrier, 4)}.`,
    '',
    'Reliability (pooled):',
    reliabilityText(s.predictions),
  ].join('\n');
}

export async function run(): Promise<string> {
  return [salvirtReport(), '', mavenReport()].join('\n');
}
