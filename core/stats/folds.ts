import { createRng } from '../random.ts';

/**
 * Stratified k-fold assignment: each row gets a fold 0..k-1, with positives and negatives spread
 * evenly, shuffled by a seeded RNG so the split is repeatable.
 */
export function stratifiedFolds(labels: readonly boolean[], k: number, seed: number): number[] {
  const rng = createRng(seed);
  const folds = new Array<number>(labels.length).fill(0);
  for (const cls of [true, false]) {
    const indexes = labels.flatMap((y, i) => (y === cls ? [i] : []));
    for (let i = indexes.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
    }
    indexes.forEach((row, position) => {
      folds[row] = position % k;
    });
  }
  return folds;
}
