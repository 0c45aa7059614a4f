import { newcombeDifferenceInterval, twoProportionZTest, type Arm } from '../../core/stats/proportions.ts';
import { pct } from '../core/schemas.ts';

// The A/B verdict, apart from the database so it can be checked by hand and against public data:
//   rates        = successes / trials per arm (percent, one decimal)
//   lift         = rate B - rate A in percentage points; relative lift = (B - A) / A in percent (null when A = 0)
//   z, p-value   = pooled two-proportion z-test, two-sided
//   interval     = 95% Newcombe hybrid score interval (method 10) for B - A, in percentage points
//   winner       = the better arm only when p < alpha (0.05); otherwise "no significant difference"

export const DEFAULT_ALPHA = 0.05;

export interface ArmCounts extends Arm {
  label: string;
}

export interface AbVerdict {
  rateA: number | null;
  rateB: number | null;
  liftPoints: number | null;
  relativeLiftPct: number | null;
  z: number | null;
  pValue: number | null;
  confidenceInterval: { lowerPoints: number; upperPoints: number; level: number; method: 'newcombe_hybrid_score' } | null;
  significant: boolean;
  winner: 'A' | 'B' | null;
  verdict: string;
}

const ratePct = (arm: Arm) => (arm.n > 0 ? pct((arm.x / arm.n) * 100) : null);
const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** p-values keep 4 significant digits, so 3.2e-12 stays distinguishable from 0 */
const roundP = (p: number) => (p === 0 ? 0 : Number(p.toPrecision(4)));

/** Compares arm B to arm A on one success metric. */
export function compareArms(a: ArmCounts, b: ArmCounts, alpha = DEFAULT_ALPHA, confidence = 0.95): AbVerdict {
  const test = twoProportionZTest(a, b);
  const interval = newcombeDifferenceInterval(a, b, confidence);
  const rateA = ratePct(a);
  const rateB = ratePct(b);
  const rawA = a.n > 0 ? a.x / a.n : null;
  const rawB = b.n > 0 ? b.x / b.n : null;
  const liftPoints = rawA !== null && rawB !== null ? pct((rawB - rawA) * 100) : null;
  const relativeLiftPct = rawA !== null && rawB !== null && rawA > 0 ? pct(((rawB - rawA) / rawA) * 100) : null;
  const significant = test !== null && test.pValue < alpha;
  const winner = significant && rawA !== null && rawB !== null && rawA !== rawB ? (rawB > rawA ? 'B' : 'A') : null;
  let verdict: string;
  if (!test) verdict = `not enough data: ${a.label} has ${a.n} and ${b.label} has ${b.n} trials`;
  else if (winner) {
    const [best, other] = winner === 'B' ? [b, a] : [a, b];
    verdict = `${winner} (${best.label}) wins: ${ratePct(best)!.toFixed(1)}% vs ${ratePct(other)!.toFixed(1)}%, ${formatP(test.pValue)}`;
  } else verdict = `no significant difference (${formatP(test.pValue)}, needs p < ${alpha})`;
  return {
    rateA,
    rateB,
    liftPoints,
    relativeLiftPct,
    z: test ? round(test.z, 3) : null,
    pValue: test ? roundP(test.pValue) : null,
    confidenceInterval: interval
      ? { lowerPoints: pct(interval.lower * 100), upperPoints: pct(interval.upper * 100), level: confidence, method: 'newcombe_hybrid_score' }
      : null,
    significant,
    winner,
    verdict,
  };
}

/** "p < 0.001" or "p = 0.034" */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
