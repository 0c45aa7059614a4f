import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { worstCalibrationGap } from './parts-models.ts';
import { buildRows, exitCode, formatValue, loadThresholds, markdownTable, meets, summaryLine, type Threshold } from './table.ts';

// The report's arithmetic on hand-made thresholds and metrics: verdicts, the exit status, the table.

const t = (id: string, op: Threshold['op'], target: number, tracked = true, unit: Threshold['unit'] = 'ratio'): Threshold => ({ id, label: id, op, target, unit, issue: 15, tracked });

describe('thresholds and verdicts', () => {
  it('compares with each operator, the boundary included only where the operator says', () => {
    expect(meets(0.8, { op: '>=', target: 0.8 })).toBe(true);
    expect(meets(0.7999, { op: '>=', target: 0.8 })).toBe(false);
    expect(meets(26.7, { op: '<', target: 26.7 })).toBe(false);
    expect(meets(26.6, { op: '<', target: 26.7 })).toBe(true);
    expect(meets(0, { op: '<=', target: 0 })).toBe(true);
    expect(meets(0.0001, { op: '<=', target: 0 })).toBe(false);
    expect(meets(1, { op: '>', target: 1 })).toBe(false);
  });

  it('passes, fails, skips and informs, and only a tracked miss fails the run', () => {
    const thresholds = [t('a.pass', '>=', 0.8), t('a.fail', '>=', 1), t('a.absent', '>=', 0.5), t('a.nodata', '>=', 0.5), t('a.timing', '<', 20, false, 'ms')];
    const rows = buildRows(thresholds, [
      { id: 'a.pass', value: 0.85 },
      { id: 'a.fail', value: 0.95, note: '19/20' },
      { id: 'a.nodata', value: null, note: 'no data at ../shared/data/x' },
      { id: 'a.timing', value: 35 },
      { id: 'a.extra', value: 0.5 },
    ]);
    expect(rows.map((r) => [r.id, r.verdict])).toEqual([
      ['a.pass', 'pass'], ['a.fail', 'fail'], ['a.absent', 'skipped'], ['a.nodata', 'skipped'], ['a.timing', 'info'], ['a.extra', 'info'],
    ]);
    expect(rows[2]!.note).toBe('not measured in this run');
    expect(rows[3]!.note).toBe('no data at ../shared/data/x');
    expect(rows[4]!.note).toBe('below target (not tracked)');
    expect(exitCode(rows)).toBe(1);
    expect(exitCode(rows.filter((r) => r.id !== 'a.fail'))).toBe(0);
    expect(summaryLine(rows)).toBe('1 passed, 1 failed, 2 skipped, 2 for information');
  });

  it('counts NaN as a failure, never a pass', () => {
    const [row] = buildRows([t('a.nan', '<=', 0.08)], [{ id: 'a.nan', value: Number.NaN }]);
    expect(row!.verdict).toBe('fail');
  });

  it('refuses a metric measured twice', () => {
    expect(() => buildRows([], [{ id: 'a.b', value: 1 }, { id: 'a.b', value: 2 }])).toThrow(/a\.b measured twice/);
  });

  it('renders one markdown row per metric with the unit, target and issue', () => {
    const thresholds = [t('a.ratio', '>=', 0.8), t('a.pct', '>=', 80, true, 'pct'), t('a.ms', '<', 20, false, 'ms')];
    const rows = buildRows(thresholds, [{ id: 'a.ratio', value: 0.5504 }, { id: 'a.pct', value: 83.33 }, { id: 'a.ms', value: 12.34 }]);
    const md = markdownTable(rows, new Map(thresholds.map((x) => [x.id, x.unit])));
    expect(md.split('\n')).toEqual([
      '| metric | value | target | result | issue | note |',
      '|---|---:|---|---|---|---|',
      '| a.ratio | 0.550 | >= 0.800 | **FAIL** | #15 |  |',
      '| a.pct | 83.3% | >= 80.0% | pass | #15 |  |',
      '| a.ms | 12.3 ms | < 20.0 ms | info | #15 |  |',
    ]);
    expect(formatValue(null, 'ratio')).toBe('-');
    expect(formatValue(1234.4, 'number')).toBe('1234');
  });
});

describe('the thresholds file', () => {
  it('loads, each threshold naming its issue', () => {
    const all = loadThresholds();
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(all.find((x) => x.id === 'crm_tasks.overall')).toMatchObject({ op: '>=', target: 0.8, issue: 15, tracked: true });
    expect(all.find((x) => x.id === 'crm_tasks.confidentiality')).toMatchObject({ op: '>=', target: 1, issue: 15 });
  });

  it('names the field when a threshold is malformed, and refuses duplicates', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'thresholds-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ thresholds: [{ id: 'a.b', label: 'x', op: '=>', target: 1, unit: 'ratio', issue: 3, tracked: true }] }));
    expect(() => loadThresholds(bad)).toThrow(/op/);
    const twice = path.join(dir, 'twice.json');
    const one = { id: 'a.b', label: 'x', op: '>=', target: 1, unit: 'ratio', issue: 3, tracked: true };
    writeFileSync(twice, JSON.stringify({ thresholds: [one, one] }));
    expect(() => loadThresholds(twice)).toThrow(/a\.b appears twice/);
  });
});

describe('calibration gap', () => {
  it('is the worst gap among bins with at least 30 predictions', () => {
    const bins = [
      { count: 29, meanPredicted: 0.05, observedRate: 0.5 },
      { count: 40, meanPredicted: 0.2, observedRate: 0.25 },
      { count: 100, meanPredicted: 0.9, observedRate: 0.8 },
    ];
    expect(worstCalibrationGap(bins)).toBeCloseTo(0.1, 10);
    expect(worstCalibrationGap(bins.slice(0, 1))).toBeNull();
  });
});
