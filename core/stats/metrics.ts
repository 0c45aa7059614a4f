// Scoring metrics for probabilistic predictions, shared by the product's model code and the backtests.

export interface Prediction {
  /** predicted probability of the positive outcome, 0..1 */
  p: number;
  /** what happened: true = won / converted */
  y: boolean;
}

/** Area under the ROC curve by the rank-sum (Mann-Whitney) formula; ties count half. NaN when one class is absent. */
export function auc(predictions: readonly Prediction[]): number {
  const sorted = [...predictions].sort((a, b) => a.p - b.p);
  let positives = 0;
  let rankSumPositives = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.p === sorted[i]!.p) j++;
    const averageRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) {
      if (sorted[k]!.y) {
        positives++;
        rankSumPositives += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared error of the probabilities against 0/1 outcomes; lower is better. */
export function brier(predictions: readonly Prediction[]): number {
  if (predictions.length === 0) return Number.NaN;
  return predictions.reduce((sum, { p, y }) => sum + (p - (y ? 1 : 0)) ** 2, 0) / predictions.length;
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Calibration table: predictions binned by probability; a calibrated model has meanPredicted ≈ observedRate in each bin. */
export function reliabilityTable(predictions: readonly Prediction[], bins = 10): ReliabilityBin[] {
  const table: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = predictions.filter(({ p }) => p >= from && (b === bins - 1 ? p <= to : p < to));
    if (inBin.length === 0) continue;
    table.push({
      from,
      to,
      count: inBin.length,
      meanPredicted: inBin.reduce((s, x) => s + x.p, 0) / inBin.length,
      observedRate: inBin.filter((x) => x.y).length / inBin.length,
    });
  }
  return table;
}

/** Brier score of always predicting the base rate: the bar a useful model must clear. */
export function baseRateBrier(predictions: readonly Prediction[]): number {
  const rate = predictions.filter((x) => x.y).length / predictions.length;
  return brier(predictions.map(({ y }) => ({ p: rate, y })));
}
