import { loadToneExamples, scoreTone } from './dataset.ts';

// npm run eval:tone -- prints the tone detector's accuracy on the labelled set, and each miss.
const score = scoreTone(loadToneExamples());
const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
console.log(`tone (formal vs casual): ${score.correct}/${score.total} right = ${pct(score.correct, score.total)}`);
for (const label of ['formal', 'casual'] as const) {
  const b = score.byLabel[label];
  console.log(`  ${label}: ${b.correct}/${b.total} (${pct(b.correct, b.total)})`);
}
for (const m of score.misses) console.log(`  miss ${m.id}: labelled ${m.label}, read ${m.got} (score ${m.score}): ${JSON.stringify(m.text)}`);
