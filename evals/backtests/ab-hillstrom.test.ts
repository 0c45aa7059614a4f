import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareArms } from '../../tools/analytics/ab-test.ts';
import { compareHillstrom, HILLSTROM_CSV, loadHillstromCounts } from './ab-hillstrom.ts';

// Hillstrom's randomised email test (../shared/data/hillstrom_email_campaign, SOURCES.md ground truth):
//   Mens E-Mail   n=21,307 visit 18.28% conversion 1.253%
//   Womens E-Mail n=21,387 visit 15.14% conversion 0.884%
//   No E-Mail     n=21,306 visit 10.62% conversion 0.573%
// Both emails beat doing nothing on visits and on purchases; the men's email beats the women's.
const present = existsSync(HILLSTROM_CSV);

describe('A/B verdict on the Hillstrom email campaign', () => {
  it('returns null (skip) when the data file is absent', () => {
    expect(compareHillstrom(`${HILLSTROM_CSV}.absent`)).toBeNull();
  });

  it.skipIf(!present)('counts the arms exactly as a plain read of the CSV does, matching the published rates', () => {
    const counts = loadHillstromCounts()!;
    // an independent count: split lines by hand; history_segment may hold a quoted comma ("7) $1,000 +"),
    // so read segment, visit and conversion as the 4th, 3rd and 2nd cells from the end
    const plain: Record<string, { n: number; visits: number; conversions: number }> = {};
    for (const line of readFileSync(HILLSTROM_CSV, 'utf8').split(/\r?\n/).slice(1)) {
      if (!line.trim()) continue;
      const cells = line.split(',');
      const segment = cells.at(-4)!;
      const c = (plain[segment] ??= { n: 0, visits: 0, conversions: 0 });
      c.n++;
      c.visits += Number(cells.at(-3));
      c.conversions += Number(cells.at(-2));
    }
    expect(counts).toEqual(plain);
    const rate = (x: number, n: number, digits: number) => Number(((100 * x) / n).toFixed(digits));
    expect([counts['Mens E-Mail'].n, counts['Womens E-Mail'].n, counts['No E-Mail'].n]).toEqual([21_307, 21_387, 21_306]);
    expect(rate(counts['Mens E-Mail'].visits, counts['Mens E-Mail'].n, 2)).toBe(18.28);
    expect(rate(counts['Womens E-Mail'].visits, counts['Womens E-Mail'].n, 2)).toBe(15.14);
    expect(rate(counts['No E-Mail'].visits, counts['No E-Mail'].n, 2)).toBe(10.62);
    expect(rate(counts['Mens E-Mail'].conversions, counts['Mens E-Mail'].n, 3)).toBe(1.253);
    expect(rate(counts['Womens E-Mail'].conversions, counts['Womens E-Mail'].n, 3)).toBe(0.884);
    expect(rate(counts['No E-Mail'].conversions, counts['No E-Mail'].n, 3)).toBe(0.573);
  });

  it.skipIf(!present)('finds both emails beat the control on visits and purchases at p < 0.001, with z as computed from the counts', () => {
    const { counts, comparisons } = compareHillstrom()!;
    const control = counts['No E-Mail'];
    expect(comparisons).toHaveLength(4);
    for (const { arm, metric, verdict } of comparisons) {
      const x = (c: typeof control) => (metric === 'visit' ? c.visits : c.conversions);
      const [x1, n1, x2, n2] = [x(control), control.n, x(counts[arm]), counts[arm].n];
      // pooled z straight from the counts: (p2 - p1) / sqrt(p(1-p)(1/n1 + 1/n2))
      const pooled = (x1 + x2) / (n1 + n2);
      const z = (x2 / n2 - x1 / n1) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
      expect(verdict.z, `${arm} ${metric}`).toBeCloseTo(z, 2);
      expect(verdict.pValue!, `${arm} ${metric}`).toBeLessThan(0.001);
      expect(verdict.winner).toBe('B');
      expect(verdict.confidenceInterval!.lowerPoints).toBeGreaterThan(0);
      expect(verdict.verdict).toMatch(new RegExp(`^B \\(${arm}\\) wins: .* p < 0\\.001$`));
    }
    const by = (arm: string, metric: string) => comparisons.find((c) => c.arm === arm && c.metric === metric)!.verdict;
    // lifts in points: 18.28 - 10.62 = 7.66 -> 7.7; 15.14 - 10.62 = 4.52 -> 4.5; z about 22.5 and 13.9 on visits
    expect([by('Mens E-Mail', 'visit').liftPoints, by('Womens E-Mail', 'visit').liftPoints]).toEqual([7.7, 4.5]);
    expect(by('Mens E-Mail', 'visit').z!).toBeGreaterThan(22);
    // the women's email on purchases is the weakest effect: 0.884% vs 0.573%, z about 3.8, still p < 0.001
    expect(by('Womens E-Mail', 'conversion').z!).toBeCloseTo(3.78, 1);
  });

  it.skipIf(!present)('ranks the men\'s email above the women\'s on visits', () => {
    const counts = loadHillstromCounts()!;
    const womens = counts['Womens E-Mail'];
    const mens = counts['Mens E-Mail'];
    const v = compareArms({ label: 'Womens E-Mail', n: womens.n, x: womens.visits }, { label: 'Mens E-Mail', n: mens.n, x: mens.visits });
    expect(v.winner).toBe('B');
    expect(v.pValue!).toBeLessThan(0.001);
  });
});
