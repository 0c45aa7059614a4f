import { loadWordVectors } from '../core/embeddings/word-vectors.ts';

// `npx tsx scripts/word-neighbours.ts price pilot security`: a word's nearest words, to inspect the vectors.
const wv = loadWordVectors();
const index = new Map(wv.words.map((w, i) => [w, i]));
for (const word of process.argv.slice(2)) {
  const i = index.get(word);
  if (i === undefined) {
    console.log(`${word}: not in the vocabulary`);
    continue;
  }
  const sims = wv.words.map((w, j) => {
    let s = 0;
    for (let d = 0; d < wv.dims; d++) s += wv.vectors[i * wv.dims + d]! * wv.vectors[j * wv.dims + d]!;
    return [w, s] as const;
  });
  sims.sort((a, b) => b[1] - a[1]);
  console.log(`${word}: ${sims.slice(1, 11).map(([w, s]) => `${w} ${s.toFixed(2)}`).join(', ')}`);
}
