import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { compareArms, type AbVerdict } from '../../tools/analytics/ab-test.ts';

// The A/B verdict (tools/analytics/ab-test.ts) on a real randomised email test: Kevin Hillstrom's
// MineThatData challenge (64,000 customers split evenly into Mens E-Mail, Womens E-Mail and No E-Mail).
// Each email arm is compared with the control (A = No E-Mail, B = the email) on site visits and on
// purchases, as engagement_insights compares template A with template B.

const here = path.dirname(fileURLToPath(import.meta.url));
/** <repo>/../shared/data/hillstrom_email_campaign/hillstrom.csv */
export const HILLSTROM_CSV = path.resolve(here, '../../../shared/data/hillstrom_email_campaign/hillstrom.csv');

export const SEGMENTS = ['Mens E-Mail', 'Womens E-Mail', 'No E-Mail'] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface SegmentCounts {
  n: number;
  visits: number;
  conversions: number;
}

/** Customers, visitors and buyers per segment; null when the file is absent. */
export function loadHillstromCounts(file = HILLSTROM_CSV): Record<Segment, SegmentCounts> | null {
  if (!existsSync(file)) return null;
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const counts = Object.fromEntries(SEGMENTS.map((s) => [s, { n: 0, visits: 0, conversions: 0 }])) as Record<Segment, SegmentCounts>;
  for (const row of rows) {
    const segment = counts[row.segment as Segment];
    if (!segment) throw new Error(`unknown segment "${row.segment}" in ${file}`);
    segment.n++;
    if (row.visit === '1') segment.visits++;
    if (row.conversion === '1') segment.conversions++;
  }
  return counts;
}

export interface HillstromComparison {
  arm: 'Mens E-Mail' | 'Womens E-Mail';
  metric: 'visit' | 'conversion';
  verdict: AbVerdict;
}

/** Each email arm against the control on visits and conversions; null when the data is absent. */
export function compareHillstrom(file = HILLSTROM_CSV): { counts: Record<Segment, SegmentCounts>; comparisons: HillstromComparison[] } | null {
  const counts = loadHillstromCounts(file);
  if (!counts) return null;
  const control = counts['No E-Mail'];
  const comparisons: HillstromComparison[] = [];
  for (const arm of ['Mens E-Mail', 'Womens E-Mail'] as const) {
    for (const metric of ['visit', 'conversion'] as const) {
      const successes = (c: SegmentCounts) => (metric === 'visit' ? c.visits : c.conversions);
      const verdict = compareArms({ label: 'No E-Mail', n: control.n, x: successes(control) }, { label: arm, n: counts[arm].n, x: successes(counts[arm]) });
      comparisons.push({ arm, metric, verdict });
    }
  }
  return { counts, comparisons };
}
