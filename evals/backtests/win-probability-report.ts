import { reliabilityTable, type Prediction } from '../../core/stats/metrics.ts';

// Plain-text tables for the win-probability backtest reports.

export const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

/** 10-bin reliability table: a calibrated model has mean predicted ≈ observed rate in each row. */
export function reliabilityText(predictions: readonly Prediction[], bins = 10): string {
  return table(
    ['bin', 'n', 'mean predicted', 'observed win rate'],
    reliabilityTable(predictions, bins).map((b) => [`${fmt(b.from, 1)}-${fmt(b.to, 1)}`, String(b.count), b.meanPredicted, b.observedRate]),
  );
}
