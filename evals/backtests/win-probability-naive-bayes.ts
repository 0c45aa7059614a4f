// Baseline for the Salvirt backtest: categorical naive Bayes over the raw CSV fields, Laplace
// smoothed per field. It is the bar the issue sets (about 0.83 AUC after de-duplication).

export interface NaiveBayes {
  prior: number;
  fields: string[];
  /** field -> value -> [log P(value | won), log P(value | lost)] */
  logLikelihoods: Record<string, Record<string, [number, number]>>;
  /** per field, the log-likelihood pair for a value never seen in training */
  unseen: Record<string, [number, number]>;
}

export function fitNaiveBayes(rows: readonly Record<string, string>[], labels: readonly boolean[], fields: readonly string[]): NaiveBayes {
  const wins = labels.filter(Boolean).length;
  const losses = labels.length - wins;
  const logLikelihoods: NaiveBayes['logLikelihoods'] = {};
  const unseen: NaiveBayes['unseen'] = {};
  for (const field of fields) {
    const counts = new Map<string, [number, number]>();
    rows.forEach((row, i) => {
      const c = counts.get(row[field] ?? '') ?? [0, 0];
      c[labels[i] ? 0 : 1]++;
      counts.set(row[field] ?? '', c);
    });
    const cardinality = counts.size + 1; // +1 leaves room for an unseen value
    const table: Record<string, [number, number]> = {};
    for (const [value, [w, l]] of counts) {
      table[value] = [Math.log((w + 1) / (wins + cardinality)), Math.log((l + 1) / (losses + cardinality))];
    }
    logLikelihoods[field] = table;
    unseen[field] = [Math.log(1 / (wins + cardinality)), Math.log(1 / (losses + cardinality))];
  }
  return { prior: (wins + 1) / (labels.length + 2), fields: [...fields], logLikelihoods, unseen };
}

export function predictNaiveBayes(model: NaiveBayes, row: Record<string, string>): number {
  let z = Math.log(model.prior / (1 - model.prior));
  for (const field of model.fields) {
    const [w, l] = model.logLikelihoods[field]?.[row[field] ?? ''] ?? model.unseen[field] ?? [0, 0];
    z += w - l;
  }
  return 1 / (1 + Math.exp(-z));
}
