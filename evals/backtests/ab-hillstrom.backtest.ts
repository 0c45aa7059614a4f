import { compareHillstrom, HILLSTROM_CSV } from './ab-hillstrom.ts';

// `npm run backtest -- --only hillstrom`: the A/B verdict on Hillstrom's randomised email test.

export const name = 'ab-test verdict on Hillstrom email campaign';

export async function run(): Promise<string> {
  const result = compareHillstrom();
  if (!result) return `skipped: ${HILLSTROM_CSV} is absent`;
  const lines = Object.entries(result.counts).map(([segment, c]) =>
    `${segment.padEnd(14)} n=${c.n} visit ${((100 * c.visits) / c.n).toFixed(2)}% conversion ${((100 * c.conversions) / c.n).toFixed(3)}%`);
  for (const { arm, metric, verdict: v } of result.comparisons) {
    lines.push(`${arm} vs No E-Mail on ${metric}: lift ${v.liftPoints} pts (${v.relativeLiftPct}%), z ${v.z}, p ${v.pValue}, 95% CI ${v.confidenceInterval?.lowerPoints}..${v.confidenceInterval?.upperPoints} pts: ${v.verdict}`);
  }
  return lines.join('\n');
}
